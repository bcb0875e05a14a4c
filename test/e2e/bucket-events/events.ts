/** Event bodies for direct handler invocations, shaped like the emulator's (and EventBridge's) CloudEvents. */
import { randomUUID } from 'node:crypto';
import { ACCOUNT, HZ } from './harness';

/** `oss:BucketCreated:PutBucket` for a bucket: enough for a trigger, the handler re-reads the rest. */
export function bucketCreatedEvent(bucket: string, region = HZ, id: string = randomUUID()): Record<string, unknown> {
  const arn = `acs:oss:${region}:${ACCOUNT}:${bucket}`;
  return {
    id,
    source: 'acs.oss',
    specversion: '1.0',
    type: 'oss:BucketCreated:PutBucket',
    subject: arn,
    time: new Date().toISOString(),
    aliyunregionid: region,
    data: { eventName: 'BucketCreated:PutBucket', region, oss: { bucket: { arn, name: bucket, ownerIdentity: ACCOUNT } } },
  };
}

export const asBuffer = (event: unknown): Buffer => Buffer.from(JSON.stringify(event), 'utf8');
