export * from './types';
export * from './errors';
export { DEFAULT_TIMEOUT_MS, MAX_RESPONSE_BYTES } from './constants';
export { BUCKET_NAME_RULE, isValidBucketName, isValidObjectKey, isValidRegion, MAX_KEY_BYTES, REGION_PATTERN } from './names';
export { OssClient, type OssClientInternals } from './client';
export {
  regionHost,
  resolveEndpoint,
  encodeKey,
  encodeQuery,
  encodeRfc3986,
  type ResolvedEndpoint,
  type EndpointTarget,
} from './endpoints';
export { resolveCredentials, type CredentialsSource } from './credentials';
export { createNodeTransport, type Transport, type HttpRequest, type HttpResponse } from './transport';
export { withRetry, retryTransient, retryNotApplied, type ShouldRetry, type RetryOptions } from './retry';
export { decodeErrorResponse, syntheticCode, type ErrorContext } from './decodeError';
export { createExecutor, type OssCall, type OssCallResult, type Execute, type Signer } from './executor';
export { unquote } from './wire';
export { compareKeys, keySuccessor } from './keyOrder';
