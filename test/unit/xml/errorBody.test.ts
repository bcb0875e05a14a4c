import { buildOssErrorBody, buildOssErrorHeader, parseOssErrorBody, parseOssErrorHeader } from '../../../shared/xml/errorBody';
import { fixture, roundTrip } from './fixtures';

describe('Error body', () => {
  it('reads the NoSuchBucket body with BucketName in extra and round-trips it', () => {
    const { model, again } = roundTrip(fixture('error/no-such-bucket.xml'), parseOssErrorBody, buildOssErrorBody);
    expect(model).toEqual({
      code: 'NoSuchBucket',
      message: 'The specified bucket does not exist.',
      requestId: '5C3D9175B6FC201293AD****',
      hostId: 'test.oss-cn-hangzhou.aliyuncs.com',
      ec: '0015-00000101',
      recommendDoc: 'https://api.aliyun.com/troubleshoot?q=0015-00000101',
      extra: { BucketName: 'test' },
    });
    expect(again).toEqual(model);
  });

  it('reads the HEAD NoSuchKey body with Key in extra and round-trips it', () => {
    const { model, again } = roundTrip(fixture('error/head-no-such-key.xml'), parseOssErrorBody, buildOssErrorBody);
    expect(model.code).toBe('NoSuchKey');
    expect(model.extra).toEqual({ Key: 'walker2asdasdasd.txt' });
    expect(model.ec).toBe('0026-00000001');
    expect(again).toEqual(model);
  });

  it('reads the namespaced doc example like the bare one', () => {
    const model = parseOssErrorBody(fixture('error/doc-namespaced.xml'));
    expect(model.code).toBe('NoSuchBucket');
    expect(model.extra).toEqual({ BucketName: 'test' });
  });

  it('decodes the base64 x-oss-err header of a HEAD answer', () => {
    const header = Buffer.from(fixture('error/head-no-such-key.xml'), 'utf8').toString('base64');
    expect(parseOssErrorHeader(header)).toEqual(parseOssErrorBody(fixture('error/head-no-such-key.xml')));
  });

  it('encodes an error body for the x-oss-err header', () => {
    const body = parseOssErrorBody(fixture('error/head-no-such-key.xml'));
    expect(parseOssErrorHeader(buildOssErrorHeader(body))).toEqual(body);
  });

  it('builds a bare Error root with extras before EC', () => {
    const built = buildOssErrorBody({ code: 'NoSuchKey', message: 'm', requestId: 'R', ec: '0026-00000001', extra: { Key: 'k' } });
    expect(built).toContain(
      '<Error><Code>NoSuchKey</Code><Message>m</Message><RequestId>R</RequestId><Key>k</Key><EC>0026-00000001</EC></Error>',
    );
  });

  it('keeps the newlines of StringToSign in extra', () => {
    const built = buildOssErrorBody({ code: 'SignatureDoesNotMatch', message: 'm', extra: { StringToSign: 'GET\n\n\n/b/' } });
    expect(parseOssErrorBody(built).extra.StringToSign).toBe('GET\n\n\n/b/');
  });

  it('rejects an Error without Code', () => {
    expect(() => parseOssErrorBody('<Error><Message>m</Message></Error>')).toThrow(
      expect.objectContaining({ code: 'MalformedXML', path: 'Error.Code' }),
    );
  });

  it('rejects an HTML page as MalformedXML', () => {
    expect(() => parseOssErrorBody('<html><body>502 Bad Gateway</body></html>')).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
  });
});
