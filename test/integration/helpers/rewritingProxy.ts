/**
 * A loopback HTTP proxy in front of one emulator port that forwards every request unchanged (same
 * method, path, headers, body, so the emulator still checks the real signature) and lets a test
 * rewrite an answer's body: how a test makes "OSS" send a value the emulator never produces.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  readonly method: string;
  /** Path and query as sent, e.g. `/bucket/?replication`. */
  readonly url: string;
}

/** Returns the new body, or undefined to pass the answer through untouched. */
export type Rewrite = (req: ProxiedRequest, body: string, status: number) => string | undefined;

export interface RewritingProxy {
  readonly base: string;
  rewrite: Rewrite;
  /** Answers rewritten so far. */
  rewritten: number;
  close(): Promise<void>;
}

function collect(stream: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startRewritingProxy(target: string): Promise<RewritingProxy> {
  const upstream = new URL(target);
  const proxy: RewritingProxy = { base: '', rewrite: () => undefined, rewritten: 0, close: async () => undefined };
  const server = http.createServer((req, res) => {
    void collect(req).then((body) => {
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          void collect(answer).then((raw) => {
            const replaced = proxy.rewrite(
              { method: req.method ?? 'GET', url: req.url ?? '/' },
              raw.toString('utf8'),
              answer.statusCode ?? 0,
            );
            const out = replaced === undefined ? raw : Buffer.from(replaced, 'utf8');
            if (replaced !== undefined) proxy.rewritten += 1;
            const headers = { ...answer.headers, 'content-length': String(out.length) };
            delete headers['transfer-encoding'];
            res.writeHead(answer.statusCode ?? 502, headers).end(req.method === 'HEAD' ? undefined : out);
          });
        },
      );
      forward.on('error', () => res.writeHead(502).end());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(proxy, {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  });
  return proxy;
}

/** One proxy per emulator region: `endpoints` to give the functions (OSS_ENDPOINTS) and one rewrite for all. */
export async function proxyAll(
  endpoints: Readonly<Record<string, string>>,
): Promise<{ endpoints: Record<string, string>; set(rewrite: Rewrite): void; rewritten(): number; close(): Promise<void> }> {
  const proxies = await Promise.all(
    Object.entries(endpoints).map(async ([region, url]) => [region, await startRewritingProxy(url)] as const),
  );
  return {
    endpoints: Object.fromEntries(proxies.map(([region, p]) => [region, p.base])),
    set: (rewrite) => proxies.forEach(([, p]) => (p.rewrite = rewrite)),
    rewritten: () => proxies.reduce((n, [, p]) => n + p.rewritten, 0),
    close: async () => void (await Promise.all(proxies.map(([, p]) => p.close()))),
  };
}
