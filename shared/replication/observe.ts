import { isOssError, type OssApi } from '../oss';
import { regionOf } from '../xml';
import type { DestinationFacts, Observation } from './types';
import { versioningState } from './versioningAlignment';

/** Where a destination is expected: the policy's region. */
export interface DestinationRef {
  readonly bucket: string;
  readonly region: string;
}

export type SourceFacts = Omit<Observation, 'destinations'>;

/** The three reads ensure plans from, on the bucket's own endpoint. */
async function readSource(oss: OssApi, ref: { bucket: string; region: string }): Promise<SourceFacts> {
  const [tags, versioning, replication] = await settled([
    oss.getBucketTags(ref),
    oss.getBucketVersioning(ref),
    oss.getBucketReplication(ref),
  ]);
  return { ...ref, tags, versioning: versioningState(versioning, ref.bucket), rules: replication.rules };
}

/** Promise.all that lets every call finish first, so a failure never leaves another one unobserved. */
async function settled<T extends readonly unknown[]>(calls: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(calls);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * The source bucket's facts, or undefined when it no longer exists (deleted after the event).
 * A region hint (an event's or the listing's) saves GetBucketLocation, and no GetBucketInfo is asked
 * to prove it: the three reads on that endpoint answer only for a bucket that lives there. A wrong
 * hint (an event is attacker-influenced text) answers 403 on the wrong endpoint, and the bucket's own
 * GetBucketLocation decides instead.
 */
export async function observeSource(oss: OssApi, bucket: string, regionHint?: string): Promise<SourceFacts | undefined> {
  try {
    if (regionHint !== undefined) {
      try {
        return await readSource(oss, { bucket, region: regionHint });
      } catch (error) {
        if (!isOssError(error) || error.status !== 403) throw error;
      }
    }
    return await readSource(oss, { bucket, region: await oss.getBucketLocation({ bucket }) });
  } catch (error) {
    if (isOssError(error, 'NoSuchBucket')) return undefined;
    throw error;
  }
}

/**
 * Existence, region, versioning and creation date of one destination, from its GetBucketInfo alone
 * (BucketInfo carries `Versioning`, absent for a bucket never versioned). Read errors other than
 * NoSuchBucket become `unknown`.
 */
export async function observeDestination(oss: OssApi, ref: DestinationRef): Promise<DestinationFacts> {
  try {
    const info = await oss.getBucketInfo(ref);
    return {
      exists: true,
      region: regionOf(info.location),
      versioning: versioningState(info.versioning, ref.bucket),
      creationDate: info.creationDate,
    };
  } catch (error) {
    if (isOssError(error, 'NoSuchBucket')) return { exists: false };
    // AccessDenied here means another account's bucket, or the bucket lives behind another endpoint.
    if (isOssError(error) && error.status === 403) return { exists: 'unknown', errorCode: error.code };
    throw error;
  }
}

export async function observeDestinations(oss: OssApi, refs: readonly DestinationRef[]): Promise<Record<string, DestinationFacts>> {
  const unique = [...new Map(refs.map((ref) => [ref.bucket, ref])).values()];
  const facts = await Promise.all(unique.map((ref) => observeDestination(oss, ref)));
  return Object.fromEntries(unique.map((ref, i) => [ref.bucket, facts[i] as DestinationFacts]));
}
