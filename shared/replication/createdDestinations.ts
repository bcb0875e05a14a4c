/**
 * The record of destination buckets this deployment created (`destinations/<bucket>.json` in its
 * state bucket), and the one rule that decides whether an existing bucket is still that bucket.
 *
 * Bucket names are global and reusable: a destination created here may be deleted and its name taken
 * by someone else, whose data must then never receive replicas nor have its versioning changed. The
 * bucket's CreationDate tells the two apart; the record keeps the date of the bucket created here.
 */
import { StateError } from '../state/errors';
import { createdDestinationKey } from '../state/keys';
import type { DocumentStore } from '../state/types';

export interface CreatedDestination {
  readonly bucket: string;
  readonly region: string;
  readonly source: string;
  readonly versioning: string;
  /** Written before PutBucket (a crash after it still leaves the record). */
  readonly at: string;
  /** GetBucketInfo CreationDate of the bucket PutBucket created; absent until that answer was read. */
  readonly creationDate?: string;
}

/** Clock difference tolerated between this function and OSS (FC instances are NTP-synced). */
export const CREATION_CLOCK_SKEW_MS = 60_000;
/**
 * A record without creationDate (a crash right after PutBucket, or a record from an earlier version)
 * vouches only for a bucket created this soon after it: within the longest function run (900 s).
 */
export const UNCONFIRMED_CREATION_WINDOW_MS = 900_000 + CREATION_CLOCK_SKEW_MS;

/** OSS writes XML times with second resolution; compare at that resolution. */
const seconds = (iso: string | undefined): number => Math.floor(Date.parse(iso ?? '') / 1000);

/** Whether a bucket with `creationDate` can have been created after the record was written. */
export function createdAfterRecord(record: Pick<CreatedDestination, 'at'>, creationDate: string | undefined): boolean {
  const created = Date.parse(creationDate ?? '');
  const at = Date.parse(record.at);
  return !Number.isNaN(created) && !Number.isNaN(at) && created >= at - CREATION_CLOCK_SKEW_MS;
}

/** Whether the existing bucket with `creationDate` is the one the record says this deployment created. */
export function isRecordedBucket(record: CreatedDestination, creationDate: string | undefined): boolean {
  if (record.creationDate !== undefined) return !Number.isNaN(seconds(creationDate)) && seconds(record.creationDate) === seconds(creationDate);
  const created = Date.parse(creationDate ?? '');
  return createdAfterRecord(record, creationDate) && created <= Date.parse(record.at) + UNCONFIRMED_CREATION_WINDOW_MS;
}

function isRecord(value: unknown): value is CreatedDestination {
  const v = value as Partial<CreatedDestination> | null;
  return typeof v === 'object' && v !== null && typeof v.at === 'string' && (v.creationDate === undefined || typeof v.creationDate === 'string');
}

/** The record for `bucket`, or undefined when there is none or it cannot vouch for anything (unreadable). */
export async function readCreatedDestination(state: DocumentStore, bucket: string): Promise<CreatedDestination | undefined> {
  try {
    const value = (await state.get<unknown>(createdDestinationKey(bucket)))?.value;
    return isRecord(value) ? value : undefined;
  } catch (error) {
    // A record nobody can read vouches for nothing: the destination is then treated as someone else's.
    if (error instanceof StateError && error.code === 'CorruptDocument') return undefined;
    throw error;
  }
}
