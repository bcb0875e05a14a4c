/**
 * One HTTP server per region; the admin API is on every port, outside the bucket namespace, and
 * answers only loopback hosts and same-site pages (local/localOnly.ts).
 */
import { createServer, type Server } from 'node:http';
import { refusalOf } from '../../localOnly';
import type { EmulatorAdmin } from '../admin/admin';
import { ADMIN_PREFIX, handleAdminRequest, refuseAdminRequest } from '../admin/adminHttp';
import { virtualBucket } from './addressing';
import type { PipelineDeps } from './pipeline';
import { handleOssRequest } from './pipeline';

export function createRegionServer(region: string, deps: PipelineDeps, admin: EmulatorAdmin): Server {
  const server = createServer((req, res) => {
    const isAdmin = (req.url ?? '').startsWith(ADMIN_PREFIX) && virtualBucket(req.headers.host ?? '') === undefined;
    const refusal = isAdmin ? refusalOf(req.headers) : undefined;
    const work = refusal
      ? refuseAdminRequest(req, res, refusal)
      : isAdmin
        ? handleAdminRequest(req, res, admin)
        : handleOssRequest(req, res, region, deps);
    work.catch((error: unknown) => {
      deps.onInternalError(error, 'Server');
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  server.on('clientError', (_error, socket) => socket.destroy());
  return server;
}

export { close, listen } from '../../serverLifecycle';
