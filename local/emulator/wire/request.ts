/** The request as the operations see it: addressing resolved, query decoded, headers lower-cased. */
import type { IncomingHttpHeaders } from 'node:http';
import type { QueryPairs } from '../../../shared/signing';

export interface WireRequest {
  readonly method: string;
  /** The Host header as sent (echoed as HostId in error bodies). */
  readonly host: string;
  readonly bucket?: string;
  /** Decoded object key. */
  readonly key?: string;
  /** Decoded pairs in wire order; `null` for a valueless parameter. */
  readonly query: QueryPairs;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Region of the port that received the request (no `oss-`). */
  readonly region: string;
  readonly requestId: string;
  readonly receivedAt: number;
}

export function decodeComponent(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

/** `a=1&b&c=` -> [['a','1'],['b',null],['c','']]. Throws URIError on bad escapes. */
export function parseQuery(search: string): QueryPairs {
  if (search === '') return [];
  return search
    .split('&')
    .filter((part) => part !== '')
    .map((part): readonly [string, string | null] => {
      const eq = part.indexOf('=');
      return eq < 0 ? [decodeComponent(part), null] : [decodeComponent(part.slice(0, eq)), decodeComponent(part.slice(eq + 1))];
    });
}

/** Node joins repeated headers with `, `; OSS canonicalisation joins them with `,`. */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

/** The value of a query parameter: '' for a valueless one, undefined when absent. */
export function queryParam(req: Pick<WireRequest, 'query'>, name: string): string | undefined {
  const pair = req.query.find(([k]) => k === name);
  return pair === undefined ? undefined : (pair[1] ?? '');
}

export function hasParam(req: Pick<WireRequest, 'query'>, name: string): boolean {
  return req.query.some(([k]) => k === name);
}
