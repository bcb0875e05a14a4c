import type { Credentials } from '../signing';
import { OssCredentialsError } from './errors';
import type { CredentialsProvider } from './types';

export type CredentialsSource = Credentials | CredentialsProvider;

function isUsable(value: unknown): value is Credentials {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Partial<Credentials>;
  return typeof c.accessKeyId === 'string' && c.accessKeyId !== '' && typeof c.accessKeySecret === 'string' && c.accessKeySecret !== '';
}

/**
 * Current credentials for one request attempt. A provider is asked every time, because STS
 * credentials from FC's `context.credentials` expire and the runtime hands out fresh ones.
 */
export async function resolveCredentials(source: CredentialsSource, operation: string): Promise<Credentials> {
  let value: unknown;
  try {
    value = typeof source === 'function' ? await source() : source;
  } catch (error) {
    throw new OssCredentialsError(operation, 'the credentials provider failed', { cause: error });
  }
  if (!isUsable(value)) {
    throw new OssCredentialsError(operation, 'credentials need a non-empty accessKeyId and accessKeySecret');
  }
  // Drop an empty token so that it never reaches the signer as a header.
  return value.securityToken ? value : { accessKeyId: value.accessKeyId, accessKeySecret: value.accessKeySecret };
}

/** The strings that must never appear in logs or errors for these credentials. */
export function secretsOf(credentials: Credentials): string[] {
  return [credentials.accessKeySecret, credentials.securityToken].filter((s): s is string => typeof s === 'string' && s.length >= 4);
}

/** The signature part of an Authorization header (V1 `OSS ak:sig`, V4 `...Signature=hex`): secret for the request's lifetime. */
export function signatureOf(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const v4 = /Signature=([0-9a-fA-F]+)/.exec(authorization);
  if (v4) return v4[1];
  const v1 = /^OSS [^:]+:(.+)$/.exec(authorization.trim());
  return v1 ? v1[1] : undefined;
}
