/**
 * Masks secrets before anything is written to a log line, an error summary or an alert.
 * Three layers, because no single one is enough:
 * 1. values under keys that name a secret (`accessKeySecret`, `authorization`, `x-oss-security-token`);
 * 2. patterns that look like secrets wherever they appear in a string (AccessKey ids, STS tokens,
 *    OSS Authorization values, webhook tokens in query strings and paths);
 * 3. exact values registered as secrets at run time (the invocation's STS keys), which catches
 *    a 30-character AccessKey secret that no pattern can recognise.
 */

export const MASK = '[REDACTED]';

const SECRET_KEY = /secret|token|password|signature|authorization|accesskey/i;

const STRING_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Webhook and presigned-URL query parameters (DingTalk access_token, WeCom key, sign, OSS presign).
  [/([?&](?:access_token|key|sign|token|secret|signature|x-oss-signature|x-oss-credential|x-oss-security-token|security-token|securitytoken|ossaccesskeyid|accesskeyid)=)[^&#\s"'<>]*/gi, `$1${MASK}`],
  // Slack incoming webhooks carry their secret in the path.
  [/(hooks\.slack\.com\/services\/)[^\s"'<>?#]+/gi, `$1${MASK}`],
  // Lark / Feishu bot webhooks: /open-apis/bot/v2/hook/<token>.
  [/(\/bot\/v\d+\/hook\/)[^\s"'<>?#/]+/gi, `$1${MASK}`],
  // OSS V1 Authorization: "OSS <id>:<signature>".
  [/\bOSS [A-Za-z0-9.]+:[A-Za-z0-9+/=]+/g, `OSS ${MASK}`],
  // OSS V4 / generic "Credential=...", "Signature=...".
  [/\b(Credential|Signature|AdditionalHeaders)=[^,\s"'&]+/g, `$1=${MASK}`],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/g, `Bearer ${MASK}`],
  // Alibaba Cloud AccessKey ids and STS ids.
  [/\b(?:LTAI|STS\.)[A-Za-z0-9.]{8,}/g, MASK],
  // STS security tokens are long base64 strings beginning with CAIS.
  [/\bCAIS[A-Za-z0-9+/=]{16,}/g, MASK],
];

const MAX_DEPTH = 8;

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers an exact value that must never be printed. Short values are ignored (too many false hits). */
  addSecret(value: string | undefined): void {
    if (value !== undefined && value.length >= 8) this.secrets.add(value);
  }

  /** Masks secrets in a string. */
  redactString(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join(MASK);
    for (const [pattern, replacement] of STRING_PATTERNS) result = result.replace(pattern, replacement);
    return result;
  }

  /** A JSON-safe deep copy of `value` with every secret masked. */
  redact(value: unknown): unknown {
    return this.walk(value, 0, new WeakSet());
  }

  private walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (typeof value === 'string') return this.redactString(value);
    if (typeof value === 'bigint') return value.toString();
    if (typeof value !== 'object' || value === null) return typeof value === 'function' ? undefined : value;
    if (seen.has(value)) return '[Circular]';
    if (depth >= MAX_DEPTH) return '[Truncated]';
    seen.add(value);
    if (value instanceof Date) return value.toISOString();
    if (Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
    if (value instanceof Error) return this.walk(errorFields(value), depth + 1, seen);
    if (Array.isArray(value)) return value.map((item) => this.walk(item, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) && item !== undefined && item !== null ? MASK : this.walk(item, depth + 1, seen);
    }
    return out;
  }
}

/** The fields of an error worth logging: name, code, message, own enumerable fields, cause, stack. */
export function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = { name: error.name, message: error.message };
  for (const [key, item] of Object.entries(error)) fields[key] = item;
  if (error.cause !== undefined) fields.cause = error.cause;
  if (error.stack !== undefined) fields.stack = error.stack;
  return fields;
}
