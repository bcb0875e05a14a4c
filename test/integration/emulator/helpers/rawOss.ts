/**
 * Raw signed HTTP to the emulator (path-style), for requests a typed client cannot express:
 * two rules in one document, malformed XML, unknown enum values.
 */
import { request as httpRequest } from 'node:http';
import { signRequest } from '../../../../shared/signing';
import type { Credentials, SignatureVersion } from '../../../../shared/signing/types';

export interface RawRequest {
  readonly method: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly query?: ReadonlyArray<readonly [string, string | null]>;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export function url(endpoint: string, req: RawRequest): string {
  const path = [req.bucket, req.key].filter((p) => p !== undefined).map((p) => encodeURIComponent(p as string).replace(/%2F/g, '/'));
  const query = (req.query ?? []).map(([k, v]) =>
    v === null ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`,
  );
  return `${endpoint}/${path.join('/')}${query.length ? `?${query.join('&')}` : ''}`;
}

/** Unsigned request (presigned URLs, anonymous calls). */
export async function unsigned(endpoint: string, req: RawRequest): Promise<RawResponse> {
  const res = await fetch(url(endpoint, req), {
    method: req.method,
    headers: req.headers ?? {},
    ...(req.body !== undefined ? { body: req.body } : {}),
  });
  return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: await res.text() };
}

export async function rawOss(
  endpoint: string,
  region: string,
  creds: Credentials,
  req: RawRequest,
  version: SignatureVersion = 'v4',
  now: Date = new Date(),
): Promise<RawResponse> {
  // fetch would add its own Content-Type to a string body, after signing: set it up front.
  const base = req.body !== undefined ? { 'content-type': 'application/xml', ...req.headers } : { ...req.headers };
  const headers = signRequest({ method: req.method, bucket: req.bucket, key: req.key, query: req.query ?? [], headers: base }, creds, {
    version,
    region,
    now,
  });
  const res = await fetch(url(endpoint, req), { method: req.method, headers, ...(req.body !== undefined ? { body: req.body } : {}) });
  return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: await res.text() };
}

/** The `<Code>` of an OSS error body. */
export const errorCode = (body: string): string | undefined => body.match(/<Code>([^<]*)<\/Code>/)?.[1];

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 5000, stepMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

/**
 * A signed request sent to `endpoint` (an IP) with its own Host header, e.g. `bucket.example.test`
 * for virtual-host addressing: the path then holds only the key. fetch cannot override Host.
 */
export function viaHost(
  endpoint: string,
  host: string,
  region: string,
  creds: Credentials,
  req: RawRequest & { readonly bucket: string },
  version: SignatureVersion = 'v4',
): Promise<RawResponse> {
  const headers = signRequest(
    { method: req.method, bucket: req.bucket, key: req.key, query: req.query ?? [], headers: { ...req.headers } },
    creds,
    { version, region, now: new Date() },
  );
  return rawHttp(endpoint, {
    method: req.method,
    path: url('', { ...req, bucket: undefined }),
    headers: { ...headers, host },
    body: req.body,
  });
}

/** Exactly these bytes of request line and headers (Host included) to `endpoint`, nothing added. */
export function rawHttp(
  endpoint: string,
  req: { method: string; path: string; headers: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  const target = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const out = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.path, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const flat = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
          resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    out.on('error', reject);
    out.end(req.body);
  });
}
