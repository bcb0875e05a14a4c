import { createHash } from 'node:crypto';
import { isValidBucketName, isValidRegion } from '../oss';
import { regionOf } from '../xml';

/**
 * Defensive field extraction from EventBridge payloads. The `data` layout of OSS bucket events is
 * partly undocumented (see reference/events/README.md), so every accessor tolerates absence and
 * wrong types, and the bucket name is looked for in several places in a fixed order.
 */

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a path of object keys; undefined as soon as a step is missing. */
export function pick(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const step of path) {
    if (!isObject(current)) return undefined;
    current = current[step];
  }
  return current;
}

export function pickString(value: unknown, ...path: string[]): string | undefined {
  const found = pick(value, ...path);
  return typeof found === 'string' && found.trim() !== '' ? found.trim() : undefined;
}

/** `<bucket>.oss-<region>[-cross|-internal].aliyuncs.com` as found in ActionTrail `eventSource`. */
const EVENT_SOURCE_HOST = /^([^.]+)\.oss-([a-z0-9-]+?)(?:-cross|-internal)?\.aliyuncs\.com$/i;

export type BucketLookup =
  | { readonly ok: true; readonly bucket: string; readonly from: string }
  | { readonly ok: false; readonly reason: 'NoBucket' | 'InvalidBucketName'; readonly detail: string };

/**
 * The first place that names a bucket decides; a name found there that is not a valid bucket name
 * is rejected rather than replaced by a later source, because disagreeing sources mean we do not
 * understand the event.
 */
export function findBucket(data: JsonObject, subject: string | undefined): BucketLookup {
  const candidates: ReadonlyArray<readonly [string, string | undefined]> = [
    ['data.oss.bucket.name', pickString(data, 'oss', 'bucket', 'name')],
    ['subject', lastSegment(subject)],
    ['data.referencedResources', firstReferencedBucket(data)],
    ['data.eventSource', eventSourceHost(data)?.[1]],
  ];
  for (const [from, name] of candidates) {
    if (name === undefined) continue;
    if (isValidBucketName(name)) return { ok: true, bucket: name, from };
    return { ok: false, reason: 'InvalidBucketName', detail: `${from} names an invalid bucket "${truncate(name)}"` };
  }
  return { ok: false, reason: 'NoBucket', detail: 'no bucket name in oss.bucket.name, subject, referencedResources or eventSource' };
}

/** data.region -> data.acsRegion -> envelope aliyunregionid -> the eventSource host. */
export function findRegion(data: JsonObject, envelopeRegion: string | undefined): string | undefined {
  const candidates = [pickString(data, 'region'), pickString(data, 'acsRegion'), envelopeRegion, eventSourceHost(data)?.[2]];
  for (const candidate of candidates) {
    const region = candidate === undefined ? undefined : regionOf(candidate);
    if (region !== undefined && isValidRegion(region)) return region;
  }
  return undefined;
}

/** Dedupe id of a RawData delivery: the ActionTrail/OSS request id, or a content hash as a last resort. */
export function rawEventId(data: JsonObject): string {
  const id = pickString(data, 'eventId') ?? pickString(data, 'requestId') ?? pickString(data, 'responseElements', 'requestId');
  if (id !== undefined) return `raw:${id}`;
  return `raw-sha256:${createHash('sha256').update(JSON.stringify(data)).digest('hex')}`;
}

function lastSegment(subject: string | undefined): string | undefined {
  if (subject === undefined) return undefined;
  const parts = subject.split(/[:/]/).filter((part) => part !== '');
  return parts.length > 1 ? parts[parts.length - 1] : undefined;
}

function firstReferencedBucket(data: JsonObject): string | undefined {
  const list = pick(data, 'referencedResources', 'ACS::OSS::Bucket');
  if (!Array.isArray(list)) return undefined;
  const first: unknown = list[0];
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

function eventSourceHost(data: JsonObject): RegExpExecArray | null | undefined {
  const source = pickString(data, 'eventSource');
  return source === undefined ? undefined : EVENT_SOURCE_HOST.exec(source);
}

/** Keeps attacker-controlled text in logs short. */
function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}
