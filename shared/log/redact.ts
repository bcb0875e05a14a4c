/**
 * Keeps secrets out of everything this code writes: log lines, error messages, alert texts, results
 * and state. One mask, three layers, because no single one is enough:
 * 1. exact values known to be secret: the ones a caller passes (a request's STS token and signature,
 *    a channel's webhook URL) and, for a Redactor, the ones registered at run time (the invocation's
 *    STS keys), which catches a 30-character AccessKey secret no pattern can recognise; a secret
 *    URL's token parts count too, raw, URL-encoded and decoded, since servers echo them in any form;
 * 2. patterns that look like secrets wherever they appear in a string (AccessKey ids, STS tokens, OSS
 *    Authorization values, webhook tokens in query strings and paths);
 * 3. for objects, the values under keys that name a secret (`accessKeySecret`, `authorization`,
 *    `x-oss-security-token`).
 */

/** The one mask. It reads as a value inside a URL (`?access_token=***`), where masks are shown most. */
export const MASK = '***';

/** Shorter values are not masked: they would hit ordinary text. */
const MIN_SECRET_LENGTH = 4;

const SECRET_KEY = /secret|token|password|signature|authorization|accesskey/i;

const STRING_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Webhook and presigned-URL query parameters (DingTalk access_token, WeCom key, sign, OSS presign).
  [
    /([?&](?:access_token|key|sign|token|secret|signature|x-oss-signature|x-oss-credential|x-oss-security-token|security-token|securitytoken|ossaccesskeyid|accesskeyid)=)[^&#\s"'<>]*/gi,
    `$1${MASK}`,
  ],
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

/**
 * Path segments of the known webhook routes, shown in logs. Everything else is masked: a token may well
 * be a plain lowercase word, so looks are not evidence.
 */
const ROUTE_WORDS = new Set([
  'robot',
  'send',
  'open-apis',
  'bot',
  'v1',
  'v2',
  'hook',
  'hooks',
  'cgi-bin',
  'webhook',
  'webhooks',
  'services',
  'api',
]);
const isRouteWord = (seg: string): boolean => ROUTE_WORDS.has(seg);

/**
 * `text` with every given secret (and the secret parts of secret URLs) masked, then every pattern
 * that looks like a secret. Longer values first, so that a token inside a URL is not half replaced.
 */
export function redactText(text: string, secrets: Iterable<string | undefined> = []): string {
  const values = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < MIN_SECRET_LENGTH) continue;
    values.add(s);
    for (const part of urlSecretParts(s)) values.add(part);
  }
  let out = text;
  for (const v of [...values].sort((a, b) => b.length - a.length)) out = out.split(v).join(MASK);
  for (const [pattern, replacement] of STRING_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * A webhook URL safe for logs and results: query values and any path segment that could be a token
 * are masked, user info dropped. `https://oapi.dingtalk.com/robot/send?access_token=abc` ->
 * `https://oapi.dingtalk.com/robot/send?access_token=***`; each token segment of a Slack or Lark path
 * becomes `***` too. An unparsable URL is masked completely.
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return MASK;
  }
  const path = u.pathname
    .split('/')
    .map((seg) => (seg === '' || isRouteWord(seg) ? seg : MASK))
    .join('/');
  const query = [...u.searchParams.keys()].map((k) => `${encodeURIComponent(k)}=${MASK}`).join('&');
  return `${u.protocol}//${u.host}${path}${query ? `?${query}` : ''}`;
}

function urlSecretParts(value: string): string[] {
  // Most secrets are not URLs: ask first rather than pay for an exception per string.
  if (!URL.canParse(value)) return [];
  const u = new URL(value);
  // Raw and decoded forms both: `+` in a raw query value decodes to a space.
  const rawQuery = u.search
    .slice(1)
    .split('&')
    .map((kv) => kv.slice(kv.indexOf('=') + 1));
  const segments = u.pathname.split('/').filter((s) => s && !isRouteWord(s));
  const parts = [...rawQuery, ...u.searchParams.values(), ...segments, u.username, u.password];
  return parts.filter((p) => p.length >= MIN_SECRET_LENGTH).flatMap((p) => [p, encodeURIComponent(p), safeDecode(p)]);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const MAX_DEPTH = 8;
/** Registered values last a whole invocation and reach every line, so they must be longer to count. */
const MIN_REGISTERED_LENGTH = 8;

/** redactText with the secrets registered at run time, and a deep redaction of objects for log fields and results. */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers an exact value that must never be printed. Short values are ignored (too many false hits). */
  addSecret(value: string | undefined): void {
    if (value !== undefined && value.length >= MIN_REGISTERED_LENGTH) this.secrets.add(value);
  }

  /** Masks secrets in a string. */
  redactString(text: string): string {
    return redactText(text, this.secrets);
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
function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = { name: error.name, message: error.message };
  for (const [key, item] of Object.entries(error)) fields[key] = item;
  if (error.cause !== undefined) fields.cause = error.cause;
  if (error.stack !== undefined) fields.stack = error.stack;
  return fields;
}
