/**
 * The CloudEvents EventBridge delivers for OSS bucket events, shaped like the samples in
 * shared/reference/events/: `oss:BucketCreated:PutBucket` (data layout is the reference's best
 * guess) and `oss:ActionTrail:ApiCall` whose data is the ActionTrail record.
 */
import { randomUUID } from 'node:crypto';
import { regionHost } from '../../../shared/oss';

export interface CloudEvent {
  readonly id: string;
  readonly source: string;
  readonly specversion: '1.0';
  readonly type: string;
  readonly datacontenttype: string;
  readonly subject?: string;
  readonly time: string;
  readonly aliyunaccountid: string;
  readonly aliyunoriginalaccountid: string;
  readonly aliyunpublishtime: string;
  readonly aliyuneventbusname: string;
  readonly aliyunregionid: string;
  readonly aliyunpublishaddr: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface BucketEventInput {
  readonly bucket: string;
  /** Without `oss-`. */
  readonly region: string;
  readonly accountId: string;
  readonly requestId: string;
  /** Epoch ms of the API call. */
  readonly at: number;
  readonly sourceIp: string;
}

/** ActionTrail times have no milliseconds: `2021-08-09T08:24:43Z`. */
const secondsIso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function envelope(type: string, input: BucketEventInput, publishedAt: number): Omit<CloudEvent, 'data' | 'subject'> {
  return {
    id: randomUUID(),
    source: 'acs.oss',
    specversion: '1.0',
    type,
    datacontenttype: 'application/json;charset=utf-8',
    time: secondsIso(input.at),
    aliyunaccountid: input.accountId,
    aliyunoriginalaccountid: input.accountId,
    aliyunpublishtime: new Date(publishedAt).toISOString(),
    aliyuneventbusname: 'default',
    aliyunregionid: input.region,
    aliyunpublishaddr: '127.0.0.1',
  };
}

export function bucketCreatedEvent(input: BucketEventInput, publishedAt: number): CloudEvent {
  const arn = `acs:oss:${input.region}:${input.accountId}:${input.bucket}`;
  return {
    ...envelope('oss:BucketCreated:PutBucket', input, publishedAt),
    subject: arn,
    data: {
      eventName: 'BucketCreated:PutBucket',
      eventSource: 'acs:oss',
      eventTime: new Date(input.at).toISOString(),
      eventVersion: '1.0',
      oss: { bucket: { arn, name: input.bucket, ownerIdentity: input.accountId }, ossSchemaVersion: '1.0' },
      region: input.region,
      requestParameters: { sourceIPAddress: input.sourceIp },
      responseElements: { requestId: input.requestId },
      userIdentity: { principalId: input.accountId },
    },
  };
}

export function actionTrailEvent(eventName: 'PutBucket' | 'PutBucketTags', input: BucketEventInput, publishedAt: number): CloudEvent {
  return {
    ...envelope('oss:ActionTrail:ApiCall', input, publishedAt),
    data: {
      eventId: input.requestId,
      eventVersion: 1,
      eventSource: `${input.bucket}.${regionHost(input.region, false)}`,
      sourceIpAddress: input.sourceIp,
      eventType: 'ApiCall',
      referencedResources: { 'ACS::OSS::Bucket': [input.bucket] },
      userIdentity: { accountId: input.accountId, principalId: input.accountId, type: 'root-account', userName: 'root' },
      serviceName: 'Oss',
      // Present in the documented OSS PutBucket record (value as in that sample); handlers ignore it.
      additionalEventData: { CallerBid: '26842' },
      requestId: input.requestId,
      eventTime: secondsIso(input.at),
      isGlobal: false,
      acsRegion: input.region,
      eventName,
    },
  };
}
