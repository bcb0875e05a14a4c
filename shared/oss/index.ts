export * from './types';
export * from './errors';
export { OssClient, type OssClientInternals } from './client';
export { resolveEndpoint, encodeKey, encodeQuery, encodeRfc3986, type ResolvedEndpoint, type EndpointTarget } from './endpoints';
export { resolveCredentials, type CredentialsSource } from './credentials';
export { createNodeTransport, type Transport, type HttpRequest, type HttpResponse } from './transport';
export { withRetry, retryTransient, retryNotApplied, type ShouldRetry, type RetryOptions } from './retry';
export { decodeErrorResponse, syntheticCode, type ErrorContext } from './decodeError';
export { createExecutor, type OssCall, type OssCallResult, type Execute, type Signer } from './executor';
