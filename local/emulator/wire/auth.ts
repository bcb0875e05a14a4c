/**
 * Signature check for every OSS request, through shared/signing. Everything here is private, so
 * anonymous requests are AccessDenied. Failures become the OSS error bodies: SignatureDoesNotMatch
 * echoes StringToSign, StringToSignBytes, SignatureProvided and OSSAccessKeyId as OSS does.
 */
import { type Credentials, verifyRequest } from '../../../shared/signing';
import { OssErrors, OssServiceError } from '../errors';
import type { WireRequest } from './request';
import { queryParam } from './request';

export type CredentialStore = (accessKeyId: string) => Credentials | undefined;

function providedSignature(req: WireRequest): string {
  const auth = req.headers.authorization ?? '';
  const v1 = auth.match(/^OSS [^:]+:(.+)$/);
  if (v1) return (v1[1] as string).trim();
  const v4 = auth.match(/Signature=([0-9a-fA-F]+)/);
  if (v4) return v4[1] as string;
  return queryParam(req, 'Signature') ?? queryParam(req, 'x-oss-signature') ?? '';
}

const hexBytes = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join(' ');

/** Returns the access key id of the caller, or throws the OSS error. */
export function authenticate(req: WireRequest, lookup: CredentialStore, now: Date): string {
  const result = verifyRequest({ method: req.method, bucket: req.bucket, key: req.key, query: req.query, headers: req.headers }, lookup, {
    now,
    region: req.region,
  });
  if (result.ok) {
    if (result.version === 'anonymous') throw OssErrors.accessDenied('AccessDenied');
    return result.accessKeyId;
  }
  const extra: Record<string, string> = {};
  if (result.code === 'SignatureDoesNotMatch' && result.stringToSign !== undefined) {
    extra.StringToSign = result.stringToSign;
    extra.StringToSignBytes = hexBytes(result.stringToSign);
    extra.SignatureProvided = providedSignature(req);
  }
  if (result.accessKeyId) extra.OSSAccessKeyId = result.accessKeyId;
  return failWith(new OssServiceError(result.code, result.status, result.message, extra));
}

function failWith(error: OssServiceError): never {
  throw error;
}
