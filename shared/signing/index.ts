export * from './constants';
export * from './types';
export { SigningError, type SigningErrorCode } from './errors';
export {
  constantTimeEqual,
  formatIso8601Basic,
  formatRfc1123,
  formatYyyymmdd,
  parseIso8601Basic,
  parseRfc1123,
  parseSigningDate,
  uriEncode,
  uriEncodePath,
} from './encoding';
export { headerValue, lowerCaseHeaders, stripGeneratedHeaders } from './headers';
export {
  authorizationV1,
  canonicalizedOssHeaders,
  canonicalizedResource,
  dateSlotV1,
  signatureV1,
  stringToSignV1,
  type SubResourceFilter,
} from './v1';
export {
  authorizationV4,
  canonicalHeaders,
  canonicalQueryString,
  canonicalRequestV4,
  canonicalUri,
  resolveAdditionalHeaders,
  scopeV4,
  signatureV4,
  signingKeyV4,
  stringToSignV4,
  type AuthorizationV4Options,
  type CanonicalQueryOptions,
} from './v4';
export { presignV1, presignV4, signRequest } from './sign';
export { verifyRequest } from './verify';
export {
  parseCredential,
  parseV1Authorization,
  parseV4Authorization,
  type ParsedCredential,
  type ParsedV1Authorization,
  type ParsedV4Authorization,
} from './parseAuthorization';
