import {
  buildReplicationConfiguration,
  buildReplicationRules,
  buildRtcConfiguration,
  parseReplicationConfiguration,
  parseReplicationLocation,
  parseReplicationProgress,
  type ReplicationConfiguration,
  type ReplicationLocation,
  type ReplicationProgress,
  type ReplicationRule,
} from '../xml';
import { HEADER_RULE_ID } from './constants';
import { isOssError } from './errors';
import type { Execute } from './executor';
import type { BucketRef, UnrecognisedListener } from './types';
import { invalidResponse, noticeUnrecognised, onBucket, xmlBody } from './wire';

/** Answers are parsed leniently: a value OSS added since this code was written is kept, not fatal. */
const ANSWER = { unknownValues: 'keep' } as const;

/** Adds one rule (`POST /?replication&comp=add`); OSS has no update. */
export async function putBucketReplication(execute: Execute, ref: BucketRef, rule: ReplicationRule): Promise<{ ruleId: string }> {
  const body = xmlBody(buildReplicationConfiguration({ rules: [rule] }, { forResponse: false }));
  // Not idempotent: a second add answers BucketReplicationAlreadyExist, so ambiguous failures go back to the caller.
  const res = await execute({
    ...onBucket(ref, 'PutBucketReplication', 'POST'),
    query: [
      ['replication', null],
      ['comp', 'add'],
    ],
    ...body,
    idempotent: false,
  });
  const ruleId = res.headers[HEADER_RULE_ID] || rule.id;
  if (!ruleId) throw invalidResponse('PutBucketReplication', res.status, res.requestId, `no ${HEADER_RULE_ID} header`, ref);
  return { ruleId };
}

/** An empty configuration when the bucket has no rules (NoSuchReplicationConfiguration). */
export async function getBucketReplication(
  execute: Execute,
  ref: BucketRef,
  notice?: UnrecognisedListener,
): Promise<ReplicationConfiguration> {
  try {
    const res = await execute({ ...onBucket(ref, 'GetBucketReplication', 'GET'), query: [['replication', null]], idempotent: true });
    const config = parseReplicationConfiguration(res.body.toString('utf8'), ANSWER);
    noticeUnrecognised(notice, 'GetBucketReplication', ref, config.rules);
    return config;
  } catch (error) {
    if (isOssError(error, 'NoSuchReplicationConfiguration')) return { rules: [] };
    throw error;
  }
}

export async function getBucketReplicationLocation(execute: Execute, ref: BucketRef): Promise<ReplicationLocation> {
  const res = await execute({
    ...onBucket(ref, 'GetBucketReplicationLocation', 'GET'),
    query: [['replicationLocation', null]],
    idempotent: true,
  });
  return parseReplicationLocation(res.body.toString('utf8'));
}

/**
 * `rule-id` is a plain query parameter (not a V1 sub-resource) and required by the current API
 * reference (older servers listed every rule without it; nothing here relies on that).
 */
export async function getBucketReplicationProgress(
  execute: Execute,
  ref: BucketRef,
  ruleId: string,
  notice?: UnrecognisedListener,
): Promise<ReplicationProgress> {
  const query: Array<[string, string | null]> = [
    ['replicationProgress', null],
    ['rule-id', ruleId],
  ];
  const res = await execute({ ...onBucket(ref, 'GetBucketReplicationProgress', 'GET'), query, idempotent: true });
  const progress = parseReplicationProgress(res.body.toString('utf8'), ANSWER);
  noticeUnrecognised(notice, 'GetBucketReplicationProgress', ref, progress.rules);
  return progress;
}

/** `POST /?replication&comp=delete`; 204 means the rule was already closing. */
export async function deleteBucketReplication(execute: Execute, ref: BucketRef, ruleId: string): Promise<{ alreadyClosing: boolean }> {
  const body = xmlBody(buildReplicationRules({ ids: [ruleId] }));
  const res = await execute({
    ...onBucket(ref, 'DeleteBucketReplication', 'POST'),
    query: [
      ['replication', null],
      ['comp', 'delete'],
    ],
    ...body,
    idempotent: true,
  });
  return { alreadyClosing: res.status === 204 };
}

export async function putBucketRtc(execute: Execute, ref: BucketRef, ruleId: string, status: 'enabled' | 'disabled'): Promise<void> {
  const body = xmlBody(buildRtcConfiguration({ id: ruleId, status }));
  await execute({ ...onBucket(ref, 'PutBucketRTC', 'PUT'), query: [['rtc', null]], ...body, idempotent: true });
}
