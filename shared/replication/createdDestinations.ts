/**
 * The record of destination buckets this deployment created (`destinations/<bucket>.json` in its
 * state bucket), and the one rule that decides whether an existing bucket is still that bucket.
 *
 * Bucket names are global and reusable: a destination created here may be deleted and its name taken
 * by someone else, whose data must then never receive replicas nor have its versioning changed. The
 * bucket's CreationDate tells the two apart; the record keeps the date of the bucket created here.
 */
import { type Checked, createdDestinationKey, type DocumentStore, invalid, isRecord, valid } from '../state';

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
  if (record.creationDate !== undefined)
    return !Number.isNaN(seconds(creationDate)) && seconds(record.creationDate) === seconds(creationDate);
  const created = Date.parse(creationDate ?? '');
  return createdAfterRecord(record, creationDate) && created <= Date.parse(record.at) + UNCONFIRMED_CREATION_WINDOW_MS;
}

/** A record that vouches for nothing it cannot prove is moved aside, and the destination is then someone else's. */
function checkCreatedDestination(value: unknown): Checked<CreatedDestination> {
  if (!isRecord(value) || typeof value['at'] !== 'string') return invalid('not a destination record (no "at" time)');
  const creationDate = value['creationDate'];
  if (creationDate !== undefined && typeof creationDate !== 'string') return invalid('creationDate is not a string');
  return valid(value as unknown as CreatedDestination);
}

/** The record for `bucket`, or undefined when there is none or it is unreadable (quarantined: it vouches for nothing). */
export async function readCreatedDestination(state: DocumentStore, bucket: string): Promise<CreatedDestination | undefined> {
  return (await state.read(createdDestinationKey(bucket), checkCreatedDestination))?.value;
}
