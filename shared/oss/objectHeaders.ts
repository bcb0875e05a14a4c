/**
 * Object headers beyond content type and user metadata: storage class, encryption at rest and the
 * standard HTTP headers, read from a HEAD answer and written back on a PutObject or a REPLACE copy
 * (which would otherwise drop them).
 */
import { HEADER_SSE, HEADER_SSE_KEY_ID, HEADER_STORAGE_CLASS } from './constants';
import type { ObjectEncryption, ObjectHead, ObjectHttpHeaders } from './types';

const HTTP_HEADERS: ReadonlyArray<readonly [keyof ObjectHttpHeaders, string]> = [
  ['cacheControl', 'Cache-Control'],
  ['contentDisposition', 'Content-Disposition'],
  ['contentEncoding', 'Content-Encoding'],
  ['contentLanguage', 'Content-Language'],
  ['expires', 'Expires'],
];

export function storageClassHeader(headers: Readonly<Record<string, string>>): Pick<ObjectHead, 'storageClass'> {
  const value = headers[HEADER_STORAGE_CLASS];
  return value ? { storageClass: value } : {};
}

export function encryptionFrom(headers: Readonly<Record<string, string>>): Pick<ObjectHead, 'encryption'> {
  const algorithm = headers[HEADER_SSE];
  if (!algorithm) return {};
  const keyId = headers[HEADER_SSE_KEY_ID];
  return { encryption: keyId ? { algorithm, keyId } : { algorithm } };
}

export function encryptionHeaders(encryption: ObjectEncryption | undefined): Record<string, string> {
  if (!encryption) return {};
  return { [HEADER_SSE]: encryption.algorithm, ...(encryption.keyId ? { [HEADER_SSE_KEY_ID]: encryption.keyId } : {}) };
}

export function httpHeadersFrom(headers: Readonly<Record<string, string>>): Pick<ObjectHead, 'httpHeaders'> {
  const found: Record<string, string> = {};
  for (const [field, name] of HTTP_HEADERS) {
    const value = headers[name.toLowerCase()];
    if (value) found[field] = value;
  }
  return Object.keys(found).length > 0 ? { httpHeaders: found } : {};
}

export function httpHeadersOf(headers: ObjectHttpHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, name] of HTTP_HEADERS) {
    const value = headers?.[field];
    if (value) out[name] = value;
  }
  return out;
}
