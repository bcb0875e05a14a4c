import type { IncomingRequest, QueryPairs } from '../../../../shared/signing';
import type { CapturedRequest } from './captureServer';

/** Ordered, decoded query pairs; `k` without `=` gives null, `k=` gives ''. `+` stays `+` as OSS reads it. */
export function parseQuery(search: string): QueryPairs {
  if (search === '') return [];
  return search.split('&').map((part) => {
    const eq = part.indexOf('=');
    if (eq < 0) return [decodeURIComponent(part), null] as const;
    return [decodeURIComponent(part.slice(0, eq)), decodeURIComponent(part.slice(eq + 1))] as const;
  });
}

/**
 * What a server sees: ali-oss talks to an IP endpoint with a virtual-host `Host` header
 * (`<bucket>.oss-<region>.aliyuncs.com`, or `.oss-...` with no bucket), the key in the path.
 */
export function toIncoming(captured: CapturedRequest): IncomingRequest {
  const [path = '/', search = ''] = captured.url.split(/\?(.*)/s);
  const bucket = (captured.headers['host'] ?? '').split('.')[0];
  const key = decodeURIComponent(path.slice(1));
  return {
    method: captured.method,
    ...(bucket ? { bucket } : {}),
    ...(key ? { key } : {}),
    query: parseQuery(search),
    headers: captured.headers,
  };
}

/** The request minus its Authorization header, as our signer would be handed it. */
export function withoutAuthorization(req: IncomingRequest): IncomingRequest {
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name !== 'authorization'));
  return { ...req, headers };
}
