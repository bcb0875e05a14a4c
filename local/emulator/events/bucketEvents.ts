/** The operations' event sink: turns successful PutBucket / PutBucketTags into published CloudEvents. */
import type { BucketEventSink } from '../operations/context';
import type { BucketEventInput } from './cloudEvents';
import { actionTrailEvent, bucketCreatedEvent } from './cloudEvents';
import type { EventPublisher } from './publisher';

export function bucketEventSink(publisher: EventPublisher, accountId: string, clock: () => Date): BucketEventSink {
  const input = (bucket: { name: string; region: string }, req: { requestId: string; receivedAt: number }): BucketEventInput => ({
    bucket: bucket.name,
    region: bucket.region,
    accountId,
    requestId: req.requestId,
    at: req.receivedAt,
    sourceIp: '127.0.0.1',
  });
  return {
    putBucket(bucket, req, created) {
      const now = clock().getTime();
      if (created) publisher.publish(bucketCreatedEvent(input(bucket, req), now));
      publisher.publish(actionTrailEvent('PutBucket', input(bucket, req), now));
    },
    putBucketTags(bucket, req) {
      publisher.publish(actionTrailEvent('PutBucketTags', input(bucket, req), clock().getTime()));
    },
  };
}
