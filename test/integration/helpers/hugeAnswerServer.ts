/**
 * A loopback server that answers every request with an endless (or announced-huge) body, the way a
 * hostile or broken endpoint would, and counts what it managed to write before the client hung up.
 * A client that buffers answers without a cap would read all of it; one with a cap hangs up early.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HugeAnswerOptions {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as Content-Length (a lie the client may act on before reading). Chunked when absent. */
  readonly announceBytes?: number;
  /** Bytes the server tries to send in all; 800 MiB by default. */
  readonly totalBytes?: number;
}

export interface HugeAnswerServer {
  readonly base: string;
  /** Body bytes the server wrote into sockets so far (all requests). */
  written(): number;
  /** Requests whose client closed the connection before the body was complete. */
  hungUp(): number;
  requests(): number;
  /** Resolves once `n` clients have hung up (socket close is seen a moment after the client's destroy). */
  hangUps(n: number): Promise<void>;
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 0x61);

export async function startHugeAnswerServer(options: HugeAnswerOptions = {}): Promise<HugeAnswerServer> {
  let written = 0;
  let hungUp = 0;
  let requests = 0;
  const total = options.totalBytes ?? 800 * 1024 * 1024;
  const server = http.createServer((req, res) => {
    requests += 1;
    req.resume();
    res.writeHead(options.status ?? 200, {
      ...(options.announceBytes !== undefined ? { 'content-length': String(options.announceBytes) } : {}),
      ...options.headers,
    });
    let sent = 0;
    let done = false;
    res.on('close', () => {
      if (!done) hungUp += 1;
      done = true;
    });
    const pump = (): void => {
      while (!done && sent < total) {
        sent += CHUNK.length;
        written += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
      if (!done) {
        done = true;
        res.end();
      }
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    written: () => written,
    hungUp: () => hungUp,
    requests: () => requests,
    hangUps: async (n) => {
      for (let i = 0; i < 200 && hungUp < n; i++) await new Promise((r) => setTimeout(r, 10));
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
