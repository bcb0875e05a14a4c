import { OssError } from '../../../shared/oss/errors';
import { errorXml } from './helpers/localServer';
import { useLocalOss } from './helpers/testClient';

const local = useLocalOss();

const noSuchBucket = errorXml({
  Code: 'NoSuchBucket',
  Message: 'The specified bucket does not exist.',
  RequestId: '5C3D9175B6FC201293ADAAAA',
  HostId: 'test.oss-cn-hangzhou.aliyuncs.com',
  BucketName: 'test',
  EC: '0015-00000101',
  RecommendDoc: 'https://api.aliyun.com/troubleshoot?q=0015-00000101',
});

async function failure(run: () => Promise<unknown>): Promise<OssError> {
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof OssError)) throw new Error(`expected OssError, got ${String(err)}`);
  return err;
}

describe('OSS error decoding over HTTP', () => {
  it('turns a 404 NoSuchBucket body into a typed OssError with request id, host id and EC', async () => {
    local.server.respond(() => ({ status: 404, body: noSuchBucket, headers: { 'content-type': 'application/xml' } }));
    const err = await failure(() => local.client.getBucketInfo({ bucket: 'test' }));
    expect({
      code: err.code,
      status: err.status,
      requestId: err.requestId,
      hostId: err.hostId,
      ec: err.ec,
      operation: err.operation,
      bucket: err.bucket,
    }).toEqual({
      code: 'NoSuchBucket',
      status: 404,
      requestId: '5C3D9175B6FC201293ADAAAA',
      hostId: 'test.oss-cn-hangzhou.aliyuncs.com',
      ec: '0015-00000101',
      operation: 'GetBucketInfo',
      bucket: 'test',
    });
  });

  it('keeps extra error children as details', async () => {
    local.server.respond(() => ({ status: 404, body: noSuchBucket }));
    const err = await failure(() => local.client.getBucketInfo({ bucket: 'test' }));
    expect(err.details?.['BucketName']).toBe('test');
  });

  it('takes the request id from x-oss-request-id when the body has none', async () => {
    local.server.respond(() => ({
      status: 409,
      body: errorXml({ Code: 'BucketNotEmpty', Message: 'not empty' }),
      headers: { 'x-oss-request-id': 'HEADERREQUESTID000000001' },
    }));
    const err = await failure(() => local.client.deleteBucket({ bucket: 'full' }));
    expect([err.code, err.requestId]).toEqual(['BucketNotEmpty', 'HEADERREQUESTID000000001']);
  });

  it('decodes a HEAD error from the base64 x-oss-err header', async () => {
    const xml = errorXml({
      Code: 'NoSuchKey',
      Message: 'The specified key does not exist.',
      RequestId: '6556E3AED11E553933CCDEDF',
      Key: 'a.txt',
      EC: '0026-00000001',
    });
    local.server.respond(() => ({
      status: 404,
      headers: { 'x-oss-err': Buffer.from(xml).toString('base64'), 'x-oss-ec': '0026-00000001' },
    }));
    const err = await failure(() => local.client.headObject({ bucket: 'b', key: 'a.txt' }));
    expect([err.code, err.requestId, err.ec, err.key]).toEqual(['NoSuchKey', '6556E3AED11E553933CCDEDF', '0026-00000001', 'a.txt']);
  });

  it('assumes NoSuchKey for a HEAD 404 on an object without x-oss-err', async () => {
    local.server.respond(() => ({ status: 404 }));
    const err = await failure(() => local.client.headObject({ bucket: 'b', key: 'gone' }));
    expect(err.code).toBe('NoSuchKey');
  });

  it('assumes PreconditionFailed for a HEAD 412 without x-oss-err', async () => {
    local.server.respond(() => ({ status: 412 }));
    const err = await failure(() => local.client.headObject({ bucket: 'b', key: 'k' }));
    expect(err.code).toBe('PreconditionFailed');
  });

  it('reads the EC from x-oss-ec when the body has none', async () => {
    local.server.respond(() => ({ status: 404, headers: { 'x-oss-ec': '0026-00000001' } }));
    const err = await failure(() => local.client.headObject({ bucket: 'b', key: 'k' }));
    expect(err.ec).toBe('0026-00000001');
  });

  it('gives code UnknownError for a non-XML error body', async () => {
    local.server.respond(() => ({ status: 400, body: '<html>bad gateway thing</html>', headers: { 'content-type': 'text/html' } }));
    const err = await failure(() => local.client.getBucketTags({ bucket: 'b' }));
    expect([err.code, err.status]).toEqual(['UnknownError', 400]);
  });
});
