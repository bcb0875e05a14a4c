const MASK = '[redacted]';

/** Replaces every occurrence of each secret in `text`. Secrets shorter than 4 characters are ignored (too noisy). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join(MASK);
  }
  return out;
}

/** The signature part of an Authorization header (V1 `OSS ak:sig`, V4 `...Signature=hex`). */
export function signatureOf(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const v4 = /Signature=([0-9a-fA-F]+)/.exec(authorization);
  if (v4) return v4[1];
  const v1 = /^OSS [^:]+:(.+)$/.exec(authorization.trim());
  return v1 ? v1[1] : undefined;
}
