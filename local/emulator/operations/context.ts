/** What every operation handler receives and returns. */
import type { Owner } from '../../../shared/xml';
import type { RuleTimings } from '../models/ruleState';
import type { BucketRecord } from '../models/types';
import type { ReplicationEngine } from '../replication/engine';
import type { LocationRules } from '../replication/locations';
import type { Store } from '../store/store';
import type { WireRequest } from '../wire/request';

/** Receives the bucket events the emulator publishes after successful PutBucket / PutBucketTags. */
export interface BucketEventSink {
  /** `created` is false for a same-owner re-create (ActionTrail records it; BucketCreated does not fire). */
  putBucket(bucket: BucketRecord, req: WireRequest, created: boolean): void;
  putBucketTags(bucket: BucketRecord, req: WireRequest): void;
}

export interface Services {
  readonly store: Store;
  readonly engine: ReplicationEngine;
  readonly events: BucketEventSink;
  readonly locations: LocationRules;
  readonly timings: RuleTimings;
  readonly clock: () => Date;
  readonly owner: Owner;
}

export interface OperationContext {
  readonly req: WireRequest;
  readonly svc: Services;
  /** Epoch ms, from the injected clock, fixed for the whole request. */
  readonly now: number;
}

export interface OperationResult {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string body is XML. */
  readonly body?: string | Buffer;
}

export type OperationHandler = (ctx: OperationContext) => OperationResult;

export const EMPTY_OK: OperationResult = { status: 200 };
export const NO_CONTENT: OperationResult = { status: 204 };

/** The bucket a bucket/object operation addresses; the router guarantees it is set. */
export function bucketName(ctx: OperationContext): string {
  return ctx.req.bucket as string;
}

export function objectKey(ctx: OperationContext): string {
  return ctx.req.key as string;
}
