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

/**
 * The bucket's region, proven by GetBucketInfo on its own endpoint. A hint (from an event or a
 * listing) saves GetBucketLocation; a wrong hint (an event is attacker-influenced text) answers 403
 * on the wrong endpoint, and the bucket's own GetBucketLocation decides instead.
 */
async function sourceRegion(oss: OssApi, bucket: string, hint: string | undefined): Promise<string> {
  if (hint !== undefined) {
    try {
      return regionOf((await oss.getBucketInfo({ bucket, region: hint })).location);
    } catch (error) {
      if (!isOssError(error) || error.status !== 403) throw error;
    }
  }
  const region = await oss.getBucketLocation({ bucket });
  return regionOf((await oss.getBucketInfo({ bucket, region })).location);
}

/** The source bucket's facts, or undefined when it no longer exists (deleted after the event). */
export async function observeSource(oss: OssApi, bucket: string, regionHint?: string): Promise<SourceFacts | undefined> {
  let region: string;
  try {
    region = await sourceRegion(oss, bucket, regionHint);
  } catch (error) {
    if (isOssError(error, 'NoSuchBucket')) return undefined;
    throw error;
  }
  const ref = { bucket, region };
  const [tags, versioning, replication] = await Promise.all([
    oss.getBucketTags(ref),
    oss.getBucketVersioning(ref),
    oss.getBucketReplication(ref),
  ]);
  return { bucket, region, tags, versioning: versioningState(versioning, bucket), rules: replication.rules };
}

/** Existence, region, versioning and creation date of one destination. Read errors other than NoSuchBucket become `unknown`. */
export async function observeDestination(oss: OssApi, ref: DestinationRef): Promise<DestinationFacts> {
  try {
    const info = await oss.getBucketInfo(ref);
    const versioning = await oss.getBucketVersioning({ bucket: ref.bucket, region: regionOf(info.location) });
    return {
      exists: true,
      region: regionOf(info.location),
      versioning: versioningState(versioning, ref.bucket),
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
