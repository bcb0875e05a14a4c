import { OssClient } from '../../../../shared/oss/client';
import type { OssClientOptions } from '../../../../shared/oss/types';
import { startLocalServer, type LocalServer } from './localServer';

export const TEST_CREDENTIALS = {
  accessKeyId: 'LTAI-test-key-id',
  accessKeySecret: 'very-secret-access-key-value',
  securityToken: 'sts-security-token-value-XYZ',
};

/** A client aimed at a local server (path style), with fast retries. */
export function clientFor(server: LocalServer, overrides: Partial<OssClientOptions> = {}): OssClient {
  return new OssClient({
    region: 'cn-hangzhou',
    credentials: TEST_CREDENTIALS,
    endpoint: { kind: 'map', endpoints: { 'cn-hangzhou': server.base } },
    retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 1000,
    ...overrides,
  });
}

/**
 * One local OSS stand-in and a client aimed at it for a whole test file (closed after it), with the
 * recorded requests cleared before each test.
 */
export function useLocalOss(overrides: Partial<OssClientOptions> = {}): { readonly server: LocalServer; readonly client: OssClient } {
  let server: LocalServer | undefined;
  let client: OssClient | undefined;
  beforeAll(async () => {
    server = await startLocalServer();
    client = clientFor(server, overrides);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.close();
  });
  beforeEach(() => {
    if (server) server.requests.length = 0;
  });
  return {
    get server() {
      if (!server) throw new Error('useLocalOss: the server starts in beforeAll');
      return server;
    },
    get client() {
      if (!client) throw new Error('useLocalOss: the client is built in beforeAll');
      return client;
    },
  };
}
