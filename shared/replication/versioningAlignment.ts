import { OssUnrecognisedValueError } from '../oss';
import type { Unrecognised, VersioningStatus } from '../xml';
import type { VersioningState } from './types';

const KNOWN: readonly VersioningStatus[] = ['Enabled', 'Suspended'];

/**
 * A versioning Status OSS added after this code was written is not ours to judge: ensure stops for
 * the bucket (a logged, permanent failure) rather than guess whether replication may be set up.
 */
export function versioningState(status: VersioningStatus | Unrecognised | undefined, bucket?: string): VersioningState {
  if (status === undefined) return 'unversioned';
  const known = KNOWN.find((k) => k === status);
  if (known !== undefined) return known;
  throw new OssUnrecognisedValueError('GetBucketVersioning', 'Status', status, bucket);
}

/**
 * What to do about the destination's versioning, given the source's.
 * OSS replicates only between buckets in the same versioning state and a bucket can never return to
 * "never versioned", so the only fix we can make is enabling versioning on the destination.
 */
export type VersioningVerdict = 'match' | 'enableDestination' | 'mismatch';

export function compareVersioning(source: VersioningState, destination: VersioningState): VersioningVerdict {
  if (source === destination) return 'match';
  if (source === 'Enabled') return 'enableDestination';
  return 'mismatch';
}

/** The message an operator reads when versioning blocks a rule: what OSS requires and what to do. */
export function versioningMismatchMessage(source: string, destination: string, src: VersioningState, dst: VersioningState): string {
  const fix =
    src === 'Enabled'
      ? `enable versioning on ${destination}, or set destination.enableVersioning: true in the policy to let ensure do it`
      : src === 'unversioned'
        ? `use a destination that has never been versioned, or enable versioning on ${source}`
        : `resume versioning on both buckets`;
  return `OSS replicates only between buckets with the same versioning state: source ${source} is ${src}, destination ${destination} is ${dst}; ${fix}`;
}
