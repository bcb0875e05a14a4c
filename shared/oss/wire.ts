import { CONTENT_TYPE_XML, HEADER_META_PREFIX } from './constants';
import type { OssCall } from './executor';
import { OssError } from './errors';
import type { BucketRef, UnrecognisedListener } from './types';
import type { UnrecognisedValue } from '../xml';

/** The part of a call every bucket-level operation shares. */
export function onBucket(
  ref: BucketRef,
  operation: string,
  method: OssCall['method'],
): Pick<OssCall, 'operation' | 'method' | 'bucket' | 'region'> {
  return { operation, method, bucket: ref.bucket, region: ref.region };
}

/** An XML request body with its content type (Content-MD5 is added by the executor). */
export function xmlBody(xml: string): Pick<OssCall, 'body' | 'headers'> {
  return { body: xml, headers: { 'Content-Type': CONTENT_TYPE_XML } };
}

/** OSS quotes ETags (`"D41D8CD9..."`); callers compare bare values. */
export function unquote(value: string | undefined): string {
  if (value === undefined) return '';
  return value.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/** `x-oss-meta-*` headers without their prefix. */
export function metadataFrom(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(HEADER_META_PREFIX)) out[name.slice(HEADER_META_PREFIX.length)] = value;
  }
  return out;
}

/** `x-oss-meta-*` headers for user metadata (names are lower-cased, as OSS stores them). */
export function metadataHeaders(metadata: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata ?? {})) out[`${HEADER_META_PREFIX}${name.toLowerCase()}`] = value;
  return out;
}

/** A 2xx answer that lacks what the API promises: a server bug, reported with a stable code. */
export function invalidResponse(operation: string, status: number, requestId: string, message: string, ref?: BucketRef): OssError {
  return new OssError({ code: 'InvalidResponse', status, operation, requestId: requestId || undefined, bucket: ref?.bucket }, message);
}

/** Tells the listener about values an answer held that this code does not know; a failing listener is ignored. */
export function noticeUnrecognised(
  listener: UnrecognisedListener | undefined,
  operation: string,
  ref: BucketRef | undefined,
  found: ReadonlyArray<{ readonly id?: string; readonly unrecognised?: readonly UnrecognisedValue[] }>,
): void {
  if (!listener) return;
  for (const item of found) {
    if (!item.unrecognised?.length) continue;
    try {
      listener({
        operation,
        ...(ref ? { bucket: ref.bucket } : {}),
        ...(item.id !== undefined ? { ruleId: item.id } : {}),
        values: item.unrecognised,
      });
    } catch {
      // A failing logger must not fail the OSS call.
    }
  }
}
