import { MASK } from '../../../shared/log';
import { decodeErrorResponse, syntheticCode } from '../../../shared/oss/decodeError';
import type { HttpResponse } from '../../../shared/oss/transport';

const now = new Date('2024-01-01T00:00:00Z');
const ctx = { operation: 'GetObject', method: 'GET', bucket: 'b', key: 'k', secrets: ['TOPSECRET'], now };
const response = (status: number, body: string, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers,
  body: Buffer.from(body),
});

describe('decodeErrorResponse', () => {
  it('reads code, message, request id, host id and EC from the body', () => {
    const err = decodeErrorResponse(
      response(
        404,
        '<Error><Code>NoSuchKey</Code><Message>gone</Message><RequestId>R1</RequestId><HostId>h</HostId><EC>0026-00000001</EC></Error>',
      ),
      ctx,
    );
    expect([err.code, err.status, err.requestId, err.hostId, err.ec, err.operation]).toEqual([
      'NoSuchKey',
      404,
      'R1',
      'h',
      '0026-00000001',
      'GetObject',
    ]);
  });

  it('prefers the body request id over the header', () => {
    const err = decodeErrorResponse(
      response(404, '<Error><Code>X</Code><RequestId>BODY</RequestId></Error>', { 'x-oss-request-id': 'HEADER' }),
      ctx,
    );
    expect(err.requestId).toBe('BODY');
  });

  it('reads Retry-After into retryAfterMs', () => {
    const err = decodeErrorResponse(response(503, '<Error><Code>X</Code></Error>', { 'retry-after': '2' }), ctx);
    expect(err.retryAfterMs).toBe(2000);
  });

  it('drops secret-bearing children and redacts secrets elsewhere', () => {
    const xml =
      '<Error><Code>SignatureDoesNotMatch</Code><Message>m TOPSECRET</Message><StringToSign>s</StringToSign><StringToSignBytes>1</StringToSignBytes><SignatureProvided>p</SignatureProvided><OSSAccessKeyId>a</OSSAccessKeyId><Hint>TOPSECRET</Hint></Error>';
    const err = decodeErrorResponse(response(403, xml), ctx);
    expect([err.details, err.message.includes('TOPSECRET')]).toEqual([{ Hint: MASK }, false]);
  });

  it('gives UnknownError for a body that is not an OSS error', () => {
    expect(decodeErrorResponse(response(502, '<html/>'), ctx).code).toBe('UnknownError');
  });

  it('gives UnknownError for an XML error without a code', () => {
    expect(decodeErrorResponse(response(500, '<Error><Message>m</Message></Error>'), ctx).code).toBe('UnknownError');
  });

  it('decodes x-oss-err on HEAD and ignores the (empty) body', () => {
    const xml = '<Error><Code>NoSuchVersion</Code><Message>m</Message></Error>';
    const err = decodeErrorResponse(response(404, '', { 'x-oss-err': Buffer.from(xml).toString('base64') }), { ...ctx, method: 'HEAD' });
    expect(err.code).toBe('NoSuchVersion');
  });

  it('falls back to a status code when x-oss-err is not valid', () => {
    const err = decodeErrorResponse(response(404, '', { 'x-oss-err': 'not base64 xml' }), { ...ctx, method: 'HEAD' });
    expect(err.code).toBe('NoSuchKey');
  });
});

describe('syntheticCode', () => {
  it('maps a 404 on an object to NoSuchKey', () => expect(syntheticCode(404, true)).toBe('NoSuchKey'));
  it('maps a 404 on a bucket to NoSuchBucket', () => expect(syntheticCode(404, false)).toBe('NoSuchBucket'));
  it('maps 412 to PreconditionFailed', () => expect(syntheticCode(412, true)).toBe('PreconditionFailed'));
  it('maps 403 to AccessDenied', () => expect(syntheticCode(403, true)).toBe('AccessDenied'));
  it('maps anything else to UnknownError', () => expect(syntheticCode(500, true)).toBe('UnknownError'));
});
