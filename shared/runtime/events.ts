import { EventDecodeError } from './errors';
import { findBucket, findRegion, isObject, pickString, rawEventId, type JsonObject } from './eventFields';

/** Why a bucket event asks for `ensure`. */
export type TriggerReason = 'created' | 'tagged' | 'untagged';

/** An event that names a bucket to re-read; never a source of truth about the bucket. */
export interface BucketTrigger {
  readonly kind: 'trigger';
  /** `<source>/<id>` for CloudEvents, `raw:<eventId|requestId>` for RawData: the dedupe key. */
  readonly eventId: string;
  readonly bucket: string;
  readonly region?: string;
  readonly reason: TriggerReason;
  readonly time?: string;
  /** CloudEvent type, or the data's eventName for RawData. */
  readonly eventType: string;
}

export type IgnoredReason = 'FailedCall' | 'OtherService' | 'UnsupportedType' | 'Malformed' | 'NoBucket' | 'InvalidBucketName';

export interface IgnoredEvent {
  readonly kind: 'ignored';
  readonly reason: IgnoredReason;
  readonly detail: string;
  readonly eventId?: string;
}

export type ParsedBucketEvent = BucketTrigger | IgnoredEvent;

export function isBucketTrigger(event: ParsedBucketEvent): event is BucketTrigger {
  return event.kind === 'trigger';
}

const BUCKET_CREATED = 'oss:BucketCreated:PutBucket';
const ACTIONTRAIL_TYPES: readonly string[] = ['oss:ActionTrail:ApiCall', 'oss:ActionTrail:ConsoleOperation'];
const ACTIONTRAIL_NAMES: Readonly<Record<string, TriggerReason>> = {
  PutBucket: 'created',
  PutBucketTags: 'tagged',
  DeleteBucketTags: 'untagged',
};

/**
 * FC hands Node.js handlers a Buffer; the local stack and tests may pass a string or an object.
 * @throws EventDecodeError when the body is empty or not JSON.
 */
export function decodeEvent(event: Buffer | Uint8Array | string | object): unknown {
  if (typeof event === 'string') return parseJson(event);
  if (event instanceof Uint8Array) return parseJson(Buffer.from(event.buffer, event.byteOffset, event.byteLength).toString('utf8'));
  return event;
}

function parseJson(text: string): unknown {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') throw new EventDecodeError('the event body is empty');
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new EventDecodeError(`the event body is not JSON (${body.length} characters)`, { cause: error });
  }
}

/**
 * Bucket triggers from an EventBridge delivery: one CloudEvent, an array of them (batch mode), or
 * RawData (only `data`). Never throws: anything unusable comes back as an IgnoredEvent with a reason.
 * @example parseBucketEvents(decodeEvent(event)).filter(isBucketTrigger)
 */
export function parseBucketEvents(payload: unknown): ParsedBucketEvent[] {
  const items = Array.isArray(payload) ? payload : [payload];
  return items.map(parseOne);
}

function parseOne(item: unknown): ParsedBucketEvent {
  if (!isObject(item)) return ignored('Malformed', `expected a JSON object, got ${describe(item)}`);
  return isCloudEvent(item) ? parseCloudEvent(item) : parseRawData(item);
}

function isCloudEvent(item: JsonObject): boolean {
  return typeof item.specversion === 'string' || (typeof item.type === 'string' && 'data' in item);
}

function parseCloudEvent(event: JsonObject): ParsedBucketEvent {
  const type = pickString(event, 'type');
  const id = pickString(event, 'id');
  if (type === undefined || id === undefined) return ignored('Malformed', 'CloudEvent without type or id');
  const eventId = `${pickString(event, 'source') ?? 'unknown'}/${id}`;
  if (!type.startsWith('oss:')) return ignored('OtherService', `event type ${type}`, eventId);
  const data = event.data;
  if (!isObject(data)) return ignored('Malformed', 'CloudEvent data is not an object', eventId);
  const reason = reasonFor(type, data);
  if (reason.kind === 'ignored') return { ...reason, eventId };
  const time = pickString(event, 'time') ?? pickString(data, 'eventTime');
  return trigger(data, {
    eventId,
    eventType: type,
    reason: reason.value,
    time,
    subject: pickString(event, 'subject'),
    envelopeRegion: pickString(event, 'aliyunregionid'),
  });
}

function parseRawData(data: JsonObject): ParsedBucketEvent {
  const eventId = rawEventId(data);
  const eventName = pickString(data, 'eventName');
  if (eventName === undefined) return ignored('Malformed', 'neither a CloudEvent nor an event record with eventName', eventId);
  // The OSS notification record names the event without the `oss:` prefix.
  const type =
    eventName === 'BucketCreated:PutBucket' ? BUCKET_CREATED : looksLikeActionTrail(data, eventName) ? ACTIONTRAIL_TYPES[0]! : eventName;
  const reason = reasonFor(type, data);
  if (reason.kind === 'ignored') return { ...reason, eventId };
  return trigger(data, {
    eventId,
    eventType: eventName,
    reason: reason.value,
    time: pickString(data, 'eventTime'),
    subject: undefined,
    envelopeRegion: undefined,
  });
}

function looksLikeActionTrail(data: JsonObject, eventName: string): boolean {
  return data.serviceName !== undefined || Object.prototype.hasOwnProperty.call(ACTIONTRAIL_NAMES, eventName);
}

type ReasonResult = { readonly kind: 'ok'; readonly value: TriggerReason } | IgnoredEvent;

function reasonFor(type: string, data: JsonObject): ReasonResult {
  if (data.errorCode !== undefined && data.errorCode !== null && data.errorCode !== '') {
    return ignored('FailedCall', `the call failed with ${String(pickString(data, 'errorCode') ?? 'an error')}`);
  }
  if (type === BUCKET_CREATED) return { kind: 'ok', value: 'created' };
  if (!ACTIONTRAIL_TYPES.includes(type)) return ignored('UnsupportedType', `event type ${type}`);
  const service = pickString(data, 'serviceName');
  if (service !== undefined && service.toLowerCase() !== 'oss') return ignored('OtherService', `ActionTrail record of ${service}`);
  const name = pickString(data, 'eventName') ?? '';
  const reason = Object.prototype.hasOwnProperty.call(ACTIONTRAIL_NAMES, name) ? ACTIONTRAIL_NAMES[name] : undefined;
  return reason === undefined ? ignored('UnsupportedType', `ActionTrail event ${name || '(no eventName)'}`) : { kind: 'ok', value: reason };
}

interface TriggerInput {
  readonly eventId: string;
  readonly eventType: string;
  readonly reason: TriggerReason;
  readonly time: string | undefined;
  readonly subject: string | undefined;
  readonly envelopeRegion: string | undefined;
}

function trigger(data: JsonObject, input: TriggerInput): ParsedBucketEvent {
  const found = findBucket(data, input.subject);
  if (!found.ok) return ignored(found.reason, found.detail, input.eventId);
  const region = findRegion(data, input.envelopeRegion);
  return {
    kind: 'trigger',
    eventId: input.eventId,
    bucket: found.bucket,
    reason: input.reason,
    eventType: input.eventType,
    ...(region !== undefined ? { region } : {}),
    ...(input.time !== undefined ? { time: input.time } : {}),
  };
}

function ignored(reason: IgnoredReason, detail: string, eventId?: string): IgnoredEvent {
  return eventId === undefined ? { kind: 'ignored', reason, detail } : { kind: 'ignored', reason, detail, eventId };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a nested array' : typeof value;
}

/** The FC timer trigger event. `payload` is the trigger message, parsed as JSON when it is JSON. */
export interface TimerEvent {
  readonly triggerTime: string;
  readonly triggerName: string;
  readonly payload: unknown;
}

/**
 * @throws EventDecodeError when the event is not a timer event (no triggerTime / triggerName).
 */
export function parseTimerEvent(payload: unknown): TimerEvent {
  const triggerTime = pickString(payload, 'triggerTime');
  const triggerName = pickString(payload, 'triggerName');
  if (triggerTime === undefined || triggerName === undefined) {
    throw new EventDecodeError('not a timer event: triggerTime and triggerName are required');
  }
  return { triggerTime, triggerName, payload: parseMessage(isObject(payload) ? payload.payload : undefined) };
}

function parseMessage(message: unknown): unknown {
  if (typeof message !== 'string') return message;
  try {
    return JSON.parse(message);
  } catch {
    return message;
  }
}
