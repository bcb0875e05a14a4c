/**
 * Path segments of the known webhook routes, shown in logs. Everything else is masked: a token may well be
 * a plain lowercase word, so looks are not evidence.
 */
const ROUTE_WORDS = new Set(['robot', 'send', 'open-apis', 'bot', 'v1', 'v2', 'hook', 'hooks', 'cgi-bin', 'webhook', 'webhooks', 'services', 'api']);
const isRouteWord = (seg: string): boolean => ROUTE_WORDS.has(seg);
export const MASK = '***';

/**
 * A webhook URL safe for logs and results: query values and any path segment that could be a token are
 * masked, user info dropped. `https://oapi.dingtalk.com/robot/send?access_token=abc` ->
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

/**
 * Removes every known secret (and the secret parts of URLs) from text that is about to be logged or
 * returned. Longer values first so that a token inside a URL is not half replaced.
 */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  const values = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    values.add(s);
    for (const part of urlSecretParts(s)) values.add(part);
  }
  let out = text;
  for (const v of [...values].sort((a, b) => b.length - a.length)) out = out.split(v).join(MASK);
  return out;
}

function urlSecretParts(value: string): string[] {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return [];
  }
  // Raw and decoded forms both: `+` in a raw query value decodes to a space.
  const rawQuery = u.search.slice(1).split('&').map((kv) => kv.slice(kv.indexOf('=') + 1));
  const segments = u.pathname.split('/').filter((s) => s && !isRouteWord(s));
  const parts = [...rawQuery, ...u.searchParams.values(), ...segments, u.username, u.password];
  return parts.filter((p) => p.length >= 4).flatMap((p) => [p, encodeURIComponent(p), safeDecode(p)]);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
