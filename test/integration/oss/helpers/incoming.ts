import type { IncomingRequest } from '../../../../shared/signing/types';
import type { RecordedRequest } from './localServer';

/** Turns a recorded path-style request (`/bucket/key?q`) into what the signature verifier reads. */
export function toIncoming(req: RecordedRequest): IncomingRequest {
  const [rawPath = '/', rawQuery = ''] = req.url.split('?', 2);
  const segments = rawPath.split('/').slice(1);
  const bucket = segments[0] ? decodeURIComponent(segments[0]) : undefined;
  const keyPart = segments.slice(1).join('/');
  const key = keyPart === '' ? undefined : decodeURIComponent(keyPart);
  const query =
    rawQuery === ''
      ? []
      : rawQuery.split('&').map((pair): [string, string | null] => {
          const at = pair.indexOf('=');
          return at < 0
            ? [decodeURIComponent(pair), null]
            : [decodeURIComponent(pair.slice(0, at)), decodeURIComponent(pair.slice(at + 1))];
        });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return { method: req.method, bucket, key, query, headers };
}
