import { createHash } from 'node:crypto';
import { redactText } from '../log';
import type { RetryPolicy } from '../retry';
import type { Credentials, SignableRequest, SignatureVersion, SignOptions } from '../signing';
import { HEADER_REQUEST_ID } from './constants';
import { resolveCredentials, secretsOf, signatureOf, type CredentialsSource } from './credentials';
import { decodeErrorResponse } from './decodeError';
import { encodeQuery, resolveEndpoint } from './endpoints';
import { OssError } from './errors';
import { retryNotApplied, retryTransient, withRetry, type ShouldRetry } from './retry';
import type { HttpResponse, Transport } from './transport';
import type { EndpointConfig, RequestInfo } from './types';

export type Signer = (req: SignableRequest, creds: Credentials, opts: SignOptions) => Record<string, string>;

/** One OSS REST call, described by bucket and key rather than URL. */
export interface OssCall {
  /** OSS API name, e.g. `PutBucketReplication`. */
  readonly operation: string;
  readonly method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  readonly bucket?: string;
  /** Bucket region without `oss-`; the client's region when omitted. */
  readonly region?: string;
  readonly key?: string;
  readonly query?: ReadonlyArray<readonly [string, string | null]>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer | string;
  /** False for calls that must not run twice (see retryNotApplied). */
  readonly idempotent: boolean;
  /** The most of the answer body read (MAX_RESPONSE_BYTES when omitted); over it, OssResponseTooLargeError. */
  readonly maxBodyBytes?: number;
  /** One attempt, abandoned after this many ms, never retried (see CallOptions.singleAttemptMs). */
  readonly singleAttemptMs?: number;
}

export interface OssCallResult extends HttpResponse {
  readonly requestId: string;
}

export interface ExecutorConfig {
  readonly region: string;
  readonly credentials: CredentialsSource;
  readonly endpoint: EndpointConfig;
  readonly signatureVersion: SignatureVersion;
  readonly retry: RetryPolicy;
  readonly shouldRetry?: ShouldRetry;
  readonly timeoutMs: number;
  readonly now: () => Date;
  readonly onRequest?: (info: RequestInfo) => void;
  readonly transport: Transport;
  readonly sign: Signer;
}

export type Execute = (call: OssCall) => Promise<OssCallResult>;

interface Prepared {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | undefined;
  readonly secrets: string[];
}

function bodyHeaders(body: Buffer | undefined, given: Readonly<Record<string, string>>): Record<string, string> {
  if (body === undefined || Object.keys(given).some((h) => h.toLowerCase() === 'content-md5')) return {};
  return { 'Content-MD5': createHash('md5').update(body).digest('base64') };
}

async function prepare(config: ExecutorConfig, call: OssCall, now: Date): Promise<Prepared> {
  const region = call.region ?? config.region;
  const target = { region, bucket: call.bucket, key: call.key };
  const endpoint = resolveEndpoint(config.endpoint, target, config.region);
  const query = call.query ?? [];
  const body = call.body === undefined ? undefined : Buffer.isBuffer(call.body) ? call.body : Buffer.from(call.body, 'utf8');
  const given = call.headers ?? {};
  const unsigned = { ...given, ...bodyHeaders(body, given) };
  const credentials = await resolveCredentials(config.credentials, call.operation);
  const signable: SignableRequest = { method: call.method, bucket: call.bucket, key: call.key, query, headers: unsigned };
  const signed = config.sign(signable, credentials, { version: config.signatureVersion, region, now });
  const headers = { ...signed, host: endpoint.host };
  const signature = signatureOf(signed['Authorization'] ?? signed['authorization']);
  const secrets = [...secretsOf(credentials), ...(signature ? [signature] : [])];
  return { url: `${endpoint.origin}${endpoint.path}${encodeQuery(query)}`, headers, body, secrets };
}

function report(
  config: ExecutorConfig,
  call: OssCall,
  attempt: number,
  started: number,
  outcome: { status?: number; requestId?: string; errorCode?: string },
): void {
  if (!config.onRequest) return;
  const info: RequestInfo = {
    operation: call.operation,
    method: call.method,
    bucket: call.bucket,
    key: call.key,
    attempt,
    durationMs: Date.now() - started,
    ...outcome,
  };
  try {
    config.onRequest(info);
  } catch {
    // A failing logger must not fail the OSS call.
  }
}

async function attemptOnce(config: ExecutorConfig, call: OssCall, attempt: number): Promise<OssCallResult> {
  const started = Date.now();
  const now = config.now();
  let secrets: string[] = [];
  try {
    const prepared = await prepare(config, call, now);
    secrets = prepared.secrets;
    const response = await config.transport.send({
      operation: call.operation,
      method: call.method,
      url: prepared.url,
      headers: prepared.headers,
      body: prepared.body,
      timeoutMs: call.singleAttemptMs ?? config.timeoutMs,
      ...(call.maxBodyBytes !== undefined ? { maxBodyBytes: call.maxBodyBytes } : {}),
    });
    // A server may echo anything back, request-id headers included.
    const requestId = redactText(response.headers[HEADER_REQUEST_ID] ?? '', secrets);
    if (response.status >= 200 && response.status < 300) {
      report(config, call, attempt, started, { status: response.status, requestId });
      return { ...response, requestId };
    }
    const ctx = { operation: call.operation, method: call.method, bucket: call.bucket, key: call.key, secrets, now };
    throw decodeErrorResponse(response, ctx);
  } catch (error) {
    const status = error instanceof OssError ? error.status : undefined;
    const requestId = error instanceof OssError ? error.requestId : undefined;
    const errorCode = (error as { code?: unknown }).code;
    report(config, call, attempt, started, {
      status,
      requestId,
      errorCode: typeof errorCode === 'string' ? redactText(errorCode, secrets) : undefined,
    });
    throw error;
  }
}

/**
 * Assembles one call: credentials, endpoint, signature, HTTP, error decoding, retries.
 * Every attempt resolves credentials and signs again, because the date (and maybe the STS token) changes.
 */
export function createExecutor(config: ExecutorConfig): Execute {
  return (call) => {
    if (call.singleAttemptMs !== undefined) return attemptOnce(config, call, 1);
    const chosen = config.shouldRetry ?? retryTransient;
    // A custom decision may narrow retries of a non-idempotent call, never widen them.
    const decision: ShouldRetry = call.idempotent ? chosen : (error, n) => chosen(error, n) && retryNotApplied(error, n);
    return withRetry((attempt) => attemptOnce(config, call, attempt), {
      operation: call.operation,
      policy: config.retry,
      shouldRetry: decision,
    });
  };
}
