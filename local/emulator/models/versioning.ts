/**
 * Bucket versioning transitions (oss-api.md §3): never-versioned -> Enabled <-> Suspended, never
 * back. Neither end of a replication rule may change its state while the rule exists (the docs say
 * so; the error code is UNCONFIRMED: we answer InvalidArgument, see README).
 */
import type { VersioningStatus } from '../../../shared/xml';
import { OssErrors } from '../errors';
import type { BucketRecord } from './types';

const STATUSES: readonly string[] = ['Enabled', 'Suspended'];

export function parseVersioningStatus(value: string | undefined): VersioningStatus {
  if (value === undefined || !STATUSES.includes(value)) {
    throw OssErrors.invalidArgument('The versioning status you specified is not valid.', 'Status', value ?? '');
  }
  return value as VersioningStatus;
}

/** Returns true when the state changed. `linked` = the bucket is an end of a live replication rule. */
export function setVersioning(bucket: BucketRecord, status: VersioningStatus, linked: boolean): boolean {
  if (bucket.versioning === status) return false;
  if (linked) {
    throw OssErrors.invalidArgument(
      'The versioning state of a bucket cannot be changed while a replication rule links it to another bucket.',
      'Status',
      status,
    );
  }
  bucket.versioning = status;
  return true;
}
