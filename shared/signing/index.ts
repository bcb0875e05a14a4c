export * from './constants';
export * from './types';
export * from './errors';
export { uriEncode, uriEncodePath } from './uriEncode';
export {
  formatIso8601Basic,
  formatRfc1123,
  formatYyyymmdd,
  parseIso8601Basic,
  parseRfc1123,
  parseSigningDate,
} from './dates';
export { headerValue, lowerCaseHeaders } from './lowerCaseHeaders';
export { stripGeneratedHeaders } from './prepareHeaders';
export { canonicalizedOssHeaders } from './canonicalizedOssHeaders';
export { canonicalizedResource, type SubResourceFilter } from './canonicalizedResource';
export { stringToSignV1 } from './stringToSignV1';
export { signatureV1 } from './signatureV1';
export { authorizationV1, dateSlotV1 } from './authorizationV1';
export { canonicalUri } from './canonicalUri';
export { canonicalQueryString, type CanonicalQueryOptions } from './canonicalQueryString';
export { canonicalHeaders, resolveAdditionalHeaders } from './canonicalHeaders';
export { canonicalRequestV4 } from './canonicalRequestV4';
export { scopeV4 } from './scopeV4';
export { stringToSignV4 } from './stringToSignV4';
export { signingKeyV4, signatureV4 } from './signingKeyV4';
export { authorizationV4, type AuthorizationV4Options } from './authorizationV4';
export { signRequest } from './signRequest';
export { presignV1 } from './presignV1';
export { presignV4 } from './presignV4';
export { verifyRequest } from './verify/verifyRequest';
export { constantTimeEqual } from './verify/constantTimeEqual';
export {
  parseCredential,
  parseV1Authorization,
  parseV4Authorization,
  type ParsedCredential,
  type ParsedV1Authorization,
  type ParsedV4Authorization,
} from './verify/parseAuthorization';
