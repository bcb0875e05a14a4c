import { OssClient } from '../../../../shared/oss/client';
import type { OssClientOptions } from '../../../../shared/oss/types';
import type { LocalServer } from './localServer';

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
