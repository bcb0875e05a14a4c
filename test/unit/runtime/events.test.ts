import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeEvent, isBucketTrigger, parseBucketEvents, parseTimerEvent, type ParsedBucketEvent } from '../../../shared/runtime/events';
import { EventDecodeError } from '../../../shared/runtime/errors';

// Fixtures are arbitrary JSON; tests reshape them freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any field may be read or replaced
type Json = Record<string, any>;

const fixtures = join(__dirname, '../../fixtures/events');
const load = (name: string): Json => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as Json;

const samples = [
  { file: 'actiontrail-putbucket.cloudevent.json', reason: 'created' },
  { file: 'actiontrail-putbuckettags.cloudevent.json', reason: 'tagged' },
  { file: 'oss-bucketcreated-putbucket.cloudevent.json', reason: 'created' },
] as const;

function only(events: ParsedBucketEvent[]): ParsedBucketEvent {
  expect(events).toHaveLength(1);
  return events[0]!;
}

describe('decodeEvent', () => {
  it('parses a Buffer as FC delivers it', () => {
    expect(decodeEvent(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
  });

  it('parses a string', () => {
    expect(decodeEvent('[1,2]')).toEqual([1, 2]);
  });

  it('passes an object through', () => {
    const event = { a: 1 };
    expect(decodeEvent(event)).toBe(event);
  });

  it('tolerates a byte-order mark', () => {
    expect(decodeEvent(Buffer.from('\uFEFF{"a":1}'))).toEqual({ a: 1 });
  });

  it('throws EventDecodeError for a body that is not JSON', () => {
    expect(() => decodeEvent(Buffer.from('not json'))).toThrow(EventDecodeError);
  });

  it('throws EventDecodeError with code InvalidEvent for an empty body', () => {
    expect(() => decodeEvent(Buffer.alloc(0))).toThrow(expect.objectContaining({ code: 'InvalidEvent' }));
  });
});

describe.each(samples)('parseBucketEvents with $file', ({ file, reason }) => {
  const event = load(file);
  const expected = {
    kind: 'trigger',
    eventId: `acs.oss/${event.id}`,
    bucket: 'test-123',
    region: 'cn-hangzhou',
    reason,
    time: event.time,
    eventType: event.type,
  };

  it('reads the CloudEvent from a Buffer', () => {
    expect(parseBucketEvents(decodeEvent(Buffer.from(JSON.stringify(event))))).toEqual([expected]);
  });

  it('reads the CloudEvent from a string', () => {
    expect(parseBucketEvents(decodeEvent(JSON.stringify(event)))).toEqual([expected]);
  });

  it('reads the CloudEvent as an object', () => {
    expect(parseBucketEvents(event)).toEqual([expected]);
  });

  it('reads a batch array of the CloudEvent', () => {
    const second = { ...event, id: 'second-id' };
    expect(parseBucketEvents([event, second])).toEqual([expected, { ...expected, eventId: 'acs.oss/second-id' }]);
  });

  it('reads RawData (the data object only) with an id from the record', () => {
    const parsed = only(parseBucketEvents(decodeEvent(Buffer.from(JSON.stringify(event.data)))));
    expect(parsed).toMatchObject({
      kind: 'trigger',
      bucket: 'test-123',
      region: 'cn-hangzhou',
      reason,
      eventId: expect.stringMatching(/^raw:6110E6/),
    });
  });

  it('skips the event when data carries an errorCode', () => {
    const failed = { ...event, data: { ...event.data, errorCode: 'AccessDenied', errorMessage: 'no' } };
    expect(only(parseBucketEvents(failed))).toMatchObject({ kind: 'ignored', reason: 'FailedCall', eventId: `acs.oss/${event.id}` });
  });

  it('reports NoBucket when no field names a bucket', () => {
    const { oss: _oss, referencedResources: _refs, eventSource: _source, ...data } = event.data;
    const { subject: _subject, ...envelope } = event;
    expect(only(parseBucketEvents({ ...envelope, data }))).toMatchObject({ kind: 'ignored', reason: 'NoBucket' });
  });
});

describe('parseBucketEvents bucket and region extraction', () => {
  const actionTrail = load('actiontrail-putbucket.cloudevent.json');
  const created = load('oss-bucketcreated-putbucket.cloudevent.json');

  it('prefers data.oss.bucket.name over the subject', () => {
    const event = { ...created, subject: 'acs:oss:cn-hangzhou:1:other-bucket' };
    expect(only(parseBucketEvents(event))).toMatchObject({ bucket: 'test-123' });
  });

  it('falls back to the last segment of the subject', () => {
    const { oss: _oss, ...data } = created.data;
    expect(only(parseBucketEvents({ ...created, subject: 'acs:oss:cn-hangzhou:1:from-subject', data }))).toMatchObject({
      bucket: 'from-subject',
    });
  });

  it('falls back to the eventSource host when referencedResources is absent', () => {
    const { referencedResources: _refs, ...data } = actionTrail.data;
    const event = {
      ...actionTrail,
      data: { ...data, eventSource: 'from-host.oss-cn-shenzhen-internal.aliyuncs.com', acsRegion: undefined },
      aliyunregionid: undefined,
    };
    expect(only(parseBucketEvents(event))).toMatchObject({ bucket: 'from-host', region: 'cn-shenzhen' });
  });

  it('takes the region from acsRegion before the envelope region', () => {
    const event = { ...actionTrail, aliyunregionid: 'cn-beijing', data: { ...actionTrail.data, acsRegion: 'cn-shanghai' } };
    expect(only(parseBucketEvents(event))).toMatchObject({ region: 'cn-shanghai' });
  });

  it('falls back to the envelope region', () => {
    const event = { ...actionTrail, aliyunregionid: 'cn-beijing', data: { ...actionTrail.data, acsRegion: undefined } };
    expect(only(parseBucketEvents(event))).toMatchObject({ region: 'cn-beijing' });
  });

  it('reports InvalidBucketName for a name OSS would reject', () => {
    const event = { ...actionTrail, data: { ...actionTrail.data, referencedResources: { 'ACS::OSS::Bucket': ['Bad_Bucket'] } } };
    expect(only(parseBucketEvents(event))).toMatchObject({ kind: 'ignored', reason: 'InvalidBucketName' });
  });

  it('does not fall back past an invalid name', () => {
    const event = { ...created, data: { ...created.data, oss: { bucket: { name: '../../etc' } } } };
    expect(only(parseBucketEvents(event))).toMatchObject({ reason: 'InvalidBucketName' });
  });

  it('accepts DeleteBucketTags as an untag trigger', () => {
    const event = { ...actionTrail, data: { ...actionTrail.data, eventName: 'DeleteBucketTags' } };
    expect(only(parseBucketEvents(event))).toMatchObject({ kind: 'trigger', reason: 'untagged' });
  });

  it('accepts the ConsoleOperation type', () => {
    expect(only(parseBucketEvents({ ...actionTrail, type: 'oss:ActionTrail:ConsoleOperation' }))).toMatchObject({
      kind: 'trigger',
      reason: 'created',
    });
  });
});

describe('parseBucketEvents ignored events', () => {
  const actionTrail = load('actiontrail-putbucket.cloudevent.json');

  it('ignores other services by type', () => {
    expect(only(parseBucketEvents({ ...actionTrail, source: 'acs.ecs', type: 'ecs:ActionTrail:ApiCall' }))).toMatchObject({
      kind: 'ignored',
      reason: 'OtherService',
    });
  });

  it('ignores ActionTrail records of another service', () => {
    const event = { ...actionTrail, data: { ...actionTrail.data, serviceName: 'Ecs' } };
    expect(only(parseBucketEvents(event))).toMatchObject({ reason: 'OtherService' });
  });

  it('ignores other OSS event types', () => {
    expect(only(parseBucketEvents({ ...actionTrail, type: 'oss:ObjectCreated:PutObject' }))).toMatchObject({ reason: 'UnsupportedType' });
  });

  it('ignores other ActionTrail OSS operations', () => {
    const event = { ...actionTrail, data: { ...actionTrail.data, eventName: 'DeleteBucket' } };
    expect(only(parseBucketEvents(event))).toMatchObject({ reason: 'UnsupportedType' });
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'hello'],
    ['a CloudEvent without id', { specversion: '1.0', type: 'oss:BucketCreated:PutBucket', data: {} }],
    ['a CloudEvent whose data is not an object', { specversion: '1.0', id: 'x', type: 'oss:BucketCreated:PutBucket', data: 'text' }],
    ['an object that is neither CloudEvent nor record', { hello: 'world' }],
  ])('reports Malformed for %s', (_what, payload) => {
    expect(only(parseBucketEvents(payload))).toMatchObject({ kind: 'ignored', reason: 'Malformed' });
  });

  it('keeps good events of a batch when one is bad', () => {
    const events = parseBucketEvents([actionTrail, 7, { ...actionTrail, id: 'b' }]);
    expect(events.map((event) => event.kind)).toEqual(['trigger', 'ignored', 'trigger']);
    expect(events.filter(isBucketTrigger)).toHaveLength(2);
  });

  it('gives RawData without any id a stable content-hash id', () => {
    const { eventId: _e, requestId: _r, ...data } = actionTrail.data;
    const first = only(parseBucketEvents(data));
    const second = only(parseBucketEvents(JSON.parse(JSON.stringify(data))));
    expect(first.eventId).toMatch(/^raw-sha256:[0-9a-f]{64}$/);
    expect(second.eventId).toBe(first.eventId);
  });
});

describe('parseTimerEvent', () => {
  const timer = load('timer-trigger.json');

  it('reads the sample timer event from a Buffer and parses its JSON payload', () => {
    expect(parseTimerEvent(decodeEvent(Buffer.from(JSON.stringify(timer))))).toEqual({
      triggerTime: '2021-08-09T08:30:00Z',
      triggerName: 'every-15-min',
      payload: { job: 'sweep' },
    });
  });

  it('keeps a payload that is not JSON as a string', () => {
    expect(parseTimerEvent({ ...timer, payload: 'awesome-fc' }).payload).toBe('awesome-fc');
  });

  it('throws EventDecodeError for an event that is not a timer event', () => {
    expect(() => parseTimerEvent(load('actiontrail-putbucket.cloudevent.json'))).toThrow(EventDecodeError);
  });
});
