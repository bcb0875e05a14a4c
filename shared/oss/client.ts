import { OSS_RETRY } from '../retry';
import { signRequest } from '../signing';
import type {
  BucketInfo,
  BucketStat,
  BucketSummary,
  ListBucketResult,
  ListVersionsResult,
  ReplicationConfiguration,
  ReplicationLocation,
  ReplicationProgress,
  ReplicationRule,
  Tag,
  Unrecognised,
  VersioningStatus,
} from '../xml';
import * as bucketOps from './bucketOperations';
import { DEFAULT_TIMEOUT_MS } from './constants';
import { createExecutor, type Execute, type Signer } from './executor';
import * as objectOps from './objectOperations';
import * as replicationOps from './replicationOperations';
import { createNodeTransport, type Transport } from './transport';
import type {
  BucketRef,
  CallOptions,
  CopyObjectInput,
  CopyObjectOutput,
  GetObjectOutput,
  ListBucketsOptions,
  ListObjectsV2Input,
  ListObjectVersionsInput,
  ObjectHead,
  ObjectMeta,
  OssApi,
  OssClientOptions,
  PutBucketInput,
  PutObjectInput,
  PutObjectOutput,
} from './types';

type ObjectRef = BucketRef & { key: string; versionId?: string };

/** Test seams that are not part of the public options. */
export interface OssClientInternals {
  readonly transport?: Transport;
  readonly sign?: Signer;
}

/**
 * The project's one OSS client: every OssApi method is one REST call (listBuckets: all pages),
 * signed V4 by default with the bucket's region, retried per RetryPolicy.
 *
 * @example
 * const oss = new OssClient({ region: 'cn-hangzhou', credentials: () => context.credentials });
 * const { ruleId } = await oss.putBucketReplication({ bucket: 'src' }, rule);
 */
export class OssClient implements OssApi {
  private readonly execute: Execute;
  private readonly transport: Transport;
  private readonly notice: OssClientOptions['onUnrecognised'];

  constructor(options: OssClientOptions, internals: OssClientInternals = {}) {
    this.transport = internals.transport ?? createNodeTransport();
    this.notice = options.onUnrecognised;
    this.execute = createExecutor({
      region: options.region,
      credentials: options.credentials,
      endpoint: options.endpoint ?? { kind: 'public' },
      signatureVersion: options.signatureVersion ?? 'v4',
      retry: { ...OSS_RETRY, ...options.retry },
      shouldRetry: options.shouldRetry,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      now: options.now ?? (() => new Date()),
      onRequest: options.onRequest,
      transport: this.transport,
      sign: internals.sign ?? signRequest,
    });
  }

  /** Closes kept-alive sockets (tests, CLI exit). The client must not be used afterwards. */
  destroy(): void {
    this.transport.destroy();
  }

  listBuckets(options?: ListBucketsOptions): Promise<BucketSummary[]> {
    return bucketOps.listBuckets(this.execute, options);
  }
  putBucket(input: PutBucketInput): Promise<void> {
    return bucketOps.putBucket(this.execute, input);
  }
  deleteBucket(ref: BucketRef): Promise<void> {
    return bucketOps.deleteBucket(this.execute, ref);
  }
  getBucketInfo(ref: BucketRef): Promise<BucketInfo> {
    return bucketOps.getBucketInfo(this.execute, ref, this.notice);
  }
  getBucketLocation(ref: BucketRef): Promise<string> {
    return bucketOps.getBucketLocation(this.execute, ref);
  }
  getBucketTags(ref: BucketRef): Promise<Tag[]> {
    return bucketOps.getBucketTags(this.execute, ref);
  }
  putBucketTags(ref: BucketRef, tags: readonly Tag[]): Promise<void> {
    return bucketOps.putBucketTags(this.execute, ref, tags);
  }
  deleteBucketTags(ref: BucketRef, keys?: readonly string[]): Promise<void> {
    return bucketOps.deleteBucketTags(this.execute, ref, keys);
  }
  getBucketVersioning(ref: BucketRef): Promise<VersioningStatus | Unrecognised | undefined> {
    return bucketOps.getBucketVersioning(this.execute, ref, this.notice);
  }
  putBucketVersioning(ref: BucketRef, status: VersioningStatus): Promise<void> {
    return bucketOps.putBucketVersioning(this.execute, ref, status);
  }
  putObject(input: PutObjectInput): Promise<PutObjectOutput> {
    return objectOps.putObject(this.execute, input);
  }
  getObject(ref: ObjectRef): Promise<GetObjectOutput> {
    return objectOps.getObject(this.execute, ref);
  }
  headObject(ref: ObjectRef): Promise<ObjectHead> {
    return objectOps.headObject(this.execute, ref);
  }
  deleteObject(ref: ObjectRef, options?: CallOptions): Promise<{ deleteMarker: boolean; versionId?: string }> {
    return objectOps.deleteObject(this.execute, ref, options);
  }
  listObjectsV2(input: ListObjectsV2Input): Promise<ListBucketResult> {
    return objectOps.listObjectsV2(this.execute, input);
  }
  getObjectMeta(ref: ObjectRef): Promise<ObjectMeta> {
    return objectOps.getObjectMeta(this.execute, ref);
  }
  listObjectVersions(input: ListObjectVersionsInput): Promise<ListVersionsResult> {
    return objectOps.listObjectVersions(this.execute, input);
  }
  copyObject(input: CopyObjectInput): Promise<CopyObjectOutput> {
    return objectOps.copyObject(this.execute, input);
  }
  getBucketStat(ref: BucketRef): Promise<BucketStat> {
    return bucketOps.getBucketStat(this.execute, ref);
  }
  putBucketReplication(ref: BucketRef, rule: ReplicationRule): Promise<{ ruleId: string }> {
    return replicationOps.putBucketReplication(this.execute, ref, rule);
  }
  getBucketReplication(ref: BucketRef): Promise<ReplicationConfiguration> {
    return replicationOps.getBucketReplication(this.execute, ref, this.notice);
  }
  getBucketReplicationLocation(ref: BucketRef): Promise<ReplicationLocation> {
    return replicationOps.getBucketReplicationLocation(this.execute, ref);
  }
  getBucketReplicationProgress(ref: BucketRef, ruleId: string): Promise<ReplicationProgress> {
    return replicationOps.getBucketReplicationProgress(this.execute, ref, ruleId, this.notice);
  }
  deleteBucketReplication(ref: BucketRef, ruleId: string): Promise<{ alreadyClosing: boolean }> {
    return replicationOps.deleteBucketReplication(this.execute, ref, ruleId);
  }
  putBucketRtc(ref: BucketRef, ruleId: string, status: 'enabled' | 'disabled'): Promise<void> {
    return replicationOps.putBucketRtc(this.execute, ref, ruleId, status);
  }
}
