/** Reading what a client sent: the V1 and V4 Authorization values, the V4 credential, query parameters. */
import {
  V1_AUTH_SCHEME,
  V4_ADDITIONAL_HEADERS_FIELD,
  V4_ALGORITHM,
  V4_CREDENTIAL_FIELD,
  V4_SIGNATURE_FIELD,
  V4_TERMINATOR,
} from './constants';
import type { QueryPairs } from './types';

export interface ParsedV1Authorization {
  readonly accessKeyId: string;
  readonly signature: string;
}

export interface ParsedCredential {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly product: string;
}

export interface ParsedV4Authorization {
  readonly credential: ParsedCredential;
  /** As sent, order kept: it is part of the canonical request. */
  readonly additionalHeaders: readonly string[];
  readonly signature: string;
}

const V1_PATTERN = new RegExp(`^${V1_AUTH_SCHEME}\\s+([^:\\s]+):(\\S+)$`);

/** `OSS <ak>:<signature>`; undefined when malformed. */
export function parseV1Authorization(value: string): ParsedV1Authorization | undefined {
  const m = V1_PATTERN.exec(value.trim());
  return m && m[1] && m[2] ? { accessKeyId: m[1], signature: m[2] } : undefined;
}

/** `<ak>/<yyyymmdd>/<region>/<product>/aliyun_v4_request`; undefined when malformed. */
export function parseCredential(value: string): ParsedCredential | undefined {
  const parts = value.trim().split('/');
  if (parts.length < 5) return undefined;
  const [terminator, product, region, date] = parts.splice(-4).reverse();
  const accessKeyId = parts.join('/');
  if (terminator !== V4_TERMINATOR || !product || !region || !date || !/^\d{8}$/.test(date) || !accessKeyId) {
    return undefined;
  }
  return { accessKeyId, date, region, product };
}

/** Splits `k=v` pairs separated by commas, tolerating spaces; undefined on a pair without `=` or a repeat. */
function parsePairs(text: string): Map<string, string> | undefined {
  const pairs = new Map<string, string>();
  for (const chunk of text.split(',')) {
    const eq = chunk.indexOf('=');
    if (eq <= 0) return undefined;
    const name = chunk.slice(0, eq).trim();
    if (pairs.has(name)) return undefined;
    pairs.set(name, chunk.slice(eq + 1).trim());
  }
  return pairs;
}

/**
 * `OSS4-HMAC-SHA256 Credential=...,AdditionalHeaders=...,Signature=...`. SDKs disagree on spacing
 * and order (oss2 writes `, ` and puts AdditionalHeaders last), so pairs are accepted in any order
 * with optional whitespace. Undefined when malformed.
 */
export function parseV4Authorization(value: string): ParsedV4Authorization | undefined {
  const trimmed = value.trim();
  if (!trimmed.startsWith(`${V4_ALGORITHM} `)) return undefined;
  const pairs = parsePairs(trimmed.slice(V4_ALGORITHM.length + 1));
  const credential = parseCredential(pairs?.get(V4_CREDENTIAL_FIELD) ?? '');
  const signature = pairs?.get(V4_SIGNATURE_FIELD);
  if (!pairs || !credential || !signature) return undefined;
  return { credential, additionalHeaders: splitAdditionalHeaders(pairs.get(V4_ADDITIONAL_HEADERS_FIELD)), signature };
}

/** `a;b` -> [a, b]; empty or absent -> []. */
export function splitAdditionalHeaders(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(';')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length > 0);
}

/** First value of a query parameter; `''` for a valueless one, undefined when absent. */
export function queryValue(query: QueryPairs, name: string): string | undefined {
  const pair = query.find(([key]) => key === name);
  return pair ? (pair[1] ?? '') : undefined;
}

export function hasQuery(query: QueryPairs, name: string): boolean {
  return query.some(([key]) => key === name);
}

export function withoutQuery(query: QueryPairs, names: ReadonlySet<string>): QueryPairs {
  return query.filter(([key]) => !names.has(key));
}
