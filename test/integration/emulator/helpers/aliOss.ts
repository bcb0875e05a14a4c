/**
 * The official ali-oss SDK pointed at the emulator: the calls the suites use, typed from ali-oss
 * 6.23's own behaviour (@types/ali-oss lacks several of them and types some answers loosely), and
 * its low-level `request` for calls it has no method for, so they still go through its signer.
 */
import OSS from 'ali-oss';
import type { RunningEmulator } from '../../../../local/emulator';
import type { Credentials } from '../../../../shared/signing/types';

export interface AliRequestParams {
  method: string;
  bucket?: string;
  subres?: string | Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  successStatuses?: number[];
  xmlResponse?: boolean;
}

export interface AliOssClient {
  putBucket(name: string): Promise<{ bucket: string }>;
  deleteBucket(name: string): Promise<unknown>;
  getBucketInfo(name: string): Promise<{ bucket: Record<string, string> }>;
  listBuckets(query: Record<string, string | number>): Promise<{
    buckets: Array<{ name: string; region: string; creationDate: string }> | null;
    isTruncated: boolean;
    nextMarker: string | null;
  }>;
  putBucketTags(name: string, tags: Record<string, string>): Promise<unknown>;
  getBucketTags(name: string): Promise<{ tag: Record<string, string> }>;
  deleteBucketTags(name: string): Promise<unknown>;
  putBucketVersioning(name: string, status: 'Enabled' | 'Suspended'): Promise<unknown>;
  getBucketVersioning(name: string): Promise<{ versionStatus?: string }>;
  getBucketStat(name: string): Promise<{ stat: Record<string, string> }>;
  put(
    key: string,
    body: Buffer,
    options?: { mime?: string; meta?: Record<string, string> },
  ): Promise<{ res: { headers: Record<string, string> } }>;
  get(key: string, options?: { versionId?: string }): Promise<{ content: Buffer }>;
  head(
    key: string,
    options?: { versionId?: string },
  ): Promise<{ meta: Record<string, string> | null; res: { headers: Record<string, string> } }>;
  getObjectMeta(key: string, options?: { versionId?: string }): Promise<{ status: number; res: { headers: Record<string, string> } }>;
  copy(
    name: string,
    sourceName: string,
    bucketOrOptions?: string | CopyOptions,
    options?: CopyOptions,
  ): Promise<{ data: { etag: string; lastModified: string } | null; res: { status: number; headers: Record<string, string> } }>;
  delete(key: string, options?: { versionId?: string }): Promise<{ res: { headers: Record<string, string> } }>;
  list(
    query: Record<string, unknown>,
    options: object,
  ): Promise<{
    objects: Array<{ name: string; lastModified: string }>;
    prefixes: string[] | null;
    isTruncated?: boolean;
    nextMarker?: string | null;
  }>;
  listV2(
    query: Record<string, unknown>,
    options: object,
  ): Promise<{
    objects: Array<{ name: string; lastModified: string }>;
    prefixes?: string[] | null;
    isTruncated: boolean;
    nextContinuationToken?: string | null;
  }>;
  getBucketVersions(query: Record<string, string>, options?: object): Promise<VersionsPage>;
  request(params: AliRequestParams): Promise<{ status: number; data: Record<string, unknown>; res: { headers: Record<string, string> } }>;
  _bucketRequestParams(method: string, bucket: string, subres: string | Record<string, string>): AliRequestParams;
  authorization(method: string, resource: string, subres: Record<string, string>, headers: Record<string, string>): string;
  authorizationV4(
    method: string,
    request: { headers: Record<string, string>; queries: Record<string, string> },
    bucket?: string,
    object?: string,
  ): string;
}

export interface CopyOptions {
  meta?: Record<string, string>;
  headers?: Record<string, string>;
  versionId?: string;
}

export interface VersionsPage {
  objects: Array<{ name: string; versionId: string; isLatest: boolean; lastModified: string; etag: string; size: number }>;
  deleteMarker: Array<{ name: string; versionId: string; lastModified: string }>;
  prefixes: string[] | null;
  isTruncated: boolean;
  nextKeyMarker: string | null;
  nextVersionIdMarker: string | null;
}

export interface SdkError {
  code?: string;
  status?: number;
  requestId?: string;
  name?: string;
}

export const REGION = 'cn-hangzhou';

/** ali-oss for `region` of the emulator, V1 or V4, optionally bound to a bucket (object calls need one). */
export function aliOss(
  emulator: RunningEmulator,
  authorizationV4: boolean,
  bucket?: string,
  region = REGION,
  keys?: Credentials,
): AliOssClient {
  const c = keys ?? emulator.credentials[0]!;
  return new OSS({
    region: `oss-${region}`,
    endpoint: emulator.endpoints[region],
    accessKeyId: c.accessKeyId,
    accessKeySecret: c.accessKeySecret,
    authorizationV4,
    ...(bucket ? { bucket } : {}),
  } as ConstructorParameters<typeof OSS>[0]) as unknown as AliOssClient;
}

export async function failure(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the call to fail');
}

/** OSS writes XML times to the second with a literal `.000Z`. */
export const OSS_XML_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/;
