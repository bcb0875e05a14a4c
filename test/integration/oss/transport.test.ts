import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OssNetworkError, OssTimeoutError } from '../../../shared/oss/errors';
import { createNodeTransport } from '../../../shared/oss/transport';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

let handler: Handler = (_req, res) => res.end();
let server: http.Server;
let base: string;
const transport = createNodeTransport();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  transport.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const send = (extra: Partial<Parameters<typeof transport.send>[0]> = {}) =>
  transport.send({ operation: 'Op', method: 'PUT', url: `${base}/b/k?x=1`, headers: { 'x-test': 'v' }, timeoutMs: 2000, ...extra });

describe('node transport', () => {
  it('sends method, path, headers and body and buffers the answer', async () => {
    handler = (req, res, body) => {
      res.setHeader('x-oss-request-id', 'RID');
      res.end(JSON.stringify({ method: req.method, url: req.url, h: req.headers['x-test'], body: body.toString() }));
    };
    const res = await send({ body: Buffer.from('hello') });
    expect(res.status).toBe(200);
    expect(res.headers['x-oss-request-id']).toBe('RID');
    expect(JSON.parse(res.body.toString())).toEqual({ method: 'PUT', url: '/b/k?x=1', h: 'v', body: 'hello' });
  });

  it('returns error statuses as responses, not exceptions', async () => {
    handler = (_req, res) => {
      res.statusCode = 404;
      res.end('<Error/>');
    };
    expect((await send()).status).toBe(404);
  });

  it('turns a destroyed socket into OssNetworkError with the socket code', async () => {
    handler = (req) => req.socket.destroy();
    const err = await send().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssNetworkError);
    expect((err as OssNetworkError).code).toBe('ECONNRESET');
  });

  it('turns a silent server into OssTimeoutError', async () => {
    handler = () => undefined;
    const err = await send({ timeoutMs: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssTimeoutError);
    expect((err as OssTimeoutError).timeoutMs).toBe(100);
  });

  it('reports a refused connection as ECONNREFUSED', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await send({ url: `http://127.0.0.1:${port}/` }).catch((e: unknown) => e);
    expect((err as OssNetworkError).code).toBe('ECONNREFUSED');
  });
});
