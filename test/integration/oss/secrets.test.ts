import type { RequestInfo } from '../../../shared/oss/types';
import { errorXml, type RecordedRequest } from './helpers/localServer';
import { TEST_CREDENTIALS, useLocalOss } from './helpers/testClient';

const seen: RequestInfo[] = [];

const local = useLocalOss({
  onRequest: (info) => seen.push(info),
  retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
  timeoutMs: 150,
});
beforeEach(() => {
  seen.length = 0;
});

function signatureSent(req: RecordedRequest): string {
  const auth = String(req.headers['authorization']);
  return /Signature=([0-9a-f]+)/.exec(auth)?.[1] ?? auth.split(':').pop() ?? '';
}

/** A server that echoes everything secret back, as a SignatureDoesNotMatch body may. */
function echoingServer(status: number): (req: RecordedRequest) => { status: number; body: string } {
  return (req) => ({
    status,
    body: errorXml({
      Code: 'SignatureDoesNotMatch',
      Message: `mismatch for token ${TEST_CREDENTIALS.securityToken} and ${req.headers['authorization']}`,
      StringToSign: `PUT\n\n\nx-oss-security-token:${TEST_CREDENTIALS.securityToken}`,
      SignatureProvided: signatureSent(req),
      OSSAccessKeyId: TEST_CREDENTIALS.accessKeyId,
      Extra: `secret=${TEST_CREDENTIALS.accessKeySecret}`,
    }),
  });
}

function exposures(err: unknown, secrets: string[]): string[] {
  const e = err as Error;
  const surfaces = [String(e), e.stack ?? '', JSON.stringify(e), JSON.stringify(seen)];
  return secrets.filter((s) => surfaces.some((text) => text.includes(s)));
}

describe('no secret leaves the client', () => {
  it('keeps secret, token and signature out of an OssError built from an echoing error body', async () => {
    local.server.respond(echoingServer(403));
    const err = await local.client.getBucketTags({ bucket: 'b' }).catch((e: unknown) => e);
    const sig = signatureSent(local.server.requests[0]!);
    expect(exposures(err, [TEST_CREDENTIALS.accessKeySecret, TEST_CREDENTIALS.securityToken, sig])).toEqual([]);
  });

  it('scrubs a token echoed in the error code, request id, host id and EC, body or headers', async () => {
    const token = TEST_CREDENTIALS.securityToken;
    local.server.respond(() => ({
      status: 400,
      headers: { 'x-oss-request-id': `rid-${token}`, 'x-oss-ec': `ec-${token}` },
      body: errorXml({ Code: `Invalid${token}`, Message: 'm', HostId: `host-${token}` }),
    }));
    const err = (await local.client.getBucketTags({ bucket: 'b' }).catch((e: unknown) => e)) as {
      code: string;
      requestId: string;
      ec: string;
    };
    expect(exposures(err, [token])).toEqual([]);
    expect([err.code, err.requestId, err.ec]).toEqual(['Invalid***', 'rid-***', 'ec-***']);
  });

  it('scrubs a token echoed in the request id of a successful answer', async () => {
    local.server.respond(() => ({
      status: 200,
      headers: { 'x-oss-request-id': `rid-${TEST_CREDENTIALS.securityToken}` },
      body: '<Tagging><TagSet/></Tagging>',
    }));
    await local.client.getBucketTags({ bucket: 'b' });
    expect(JSON.stringify(seen)).not.toContain(TEST_CREDENTIALS.securityToken);
  });

  it('drops StringToSign, SignatureProvided and OSSAccessKeyId from the details', async () => {
    local.server.respond(echoingServer(403));
    const err = (await local.client.getBucketTags({ bucket: 'b' }).catch((e: unknown) => e)) as { details?: Record<string, string> };
    expect(Object.keys(err.details ?? {})).toEqual(['Extra']);
  });

  it('keeps secrets out of a retry-exhausted error and its cause', async () => {
    local.server.respond(echoingServer(503));
    const err = await local.client.getBucketTags({ bucket: 'b' }).catch((e: unknown) => e);
    const cause = (err as Error).cause;
    const sigs = local.server.requests.map(signatureSent);
    expect(exposures(err, [TEST_CREDENTIALS.accessKeySecret, TEST_CREDENTIALS.securityToken, ...sigs])).toEqual([]);
    expect(exposures(cause, [TEST_CREDENTIALS.accessKeySecret, TEST_CREDENTIALS.securityToken, ...sigs])).toEqual([]);
  });

  it('keeps secrets out of a non-XML error body snippet', async () => {
    local.server.respond(() => ({ status: 400, body: `oops ${TEST_CREDENTIALS.securityToken}` }));
    const err = await local.client.getBucketTags({ bucket: 'b' }).catch((e: unknown) => e);
    expect(exposures(err, [TEST_CREDENTIALS.securityToken])).toEqual([]);
  });

  it('keeps secrets out of timeout and network errors', async () => {
    local.server.respond((_r, i) => (i === 0 ? { hang: true } : { reset: true }));
    const err = await local.client.getBucketTags({ bucket: 'b' }).catch((e: unknown) => e);
    expect(exposures(err, [TEST_CREDENTIALS.accessKeySecret, TEST_CREDENTIALS.securityToken])).toEqual([]);
  });

  it('reports every attempt to onRequest with operation, status and request id only', async () => {
    local.server.respond(echoingServer(403));
    await local.client.getBucketTags({ bucket: 'b' }).catch(() => undefined);
    expect(seen).toEqual([
      expect.objectContaining({
        operation: 'GetBucketTags',
        method: 'GET',
        bucket: 'b',
        status: 403,
        attempt: 1,
        errorCode: 'SignatureDoesNotMatch',
      }),
    ]);
  });
});
