import type { Logger } from '../../shared/log';
import { isOssError, type OssApi } from '../../shared/oss';
import type { Tag } from '../../shared/xml';

/** Buckets carrying the selector's tag key, with their tags when the listing gave them. */
export type TaggedBuckets = ReadonlyMap<string, readonly Tag[] | undefined>;

/** A status that says the server does not take the filter (not that the call failed for a while, or for want of rights). */
function filterRefused(error: unknown): boolean {
  return (
    isOssError(error) &&
    ((error.status >= 400 && error.status < 500 && error.status !== 403 && error.status !== 429) || error.status === 501)
  );
}

/**
 * The buckets carrying the selector's tag key: ListBuckets filtered by `tag-key`, one request per
 * 1,000 of them, with each bucket's tags when the listing carries them (the emulator writes them;
 * whether OSS does is UNCONFIRMED, and without them each listed bucket's tags are read). Undefined
 * when the server refuses the filter: then every bucket's tags are read, as before there was one.
 */
export async function taggedBuckets(oss: OssApi, tagKey: string, log: Logger): Promise<TaggedBuckets | undefined> {
  try {
    return new Map((await oss.listBuckets({ tagKey })).map((b) => [b.name, b.tags]));
  } catch (error) {
    if (!filterRefused(error)) throw error;
    log.warn('ListBuckets refused the tag-key filter: every bucket has its tags read', { error });
    return undefined;
  }
}

/**
 * A bucket's tags, at no cost when the listings tell them: a bucket missing from the filtered listing
 * carries no selector tag (a server that ignores the filter lists every bucket, so absence still
 * proves it), and one listed with its tags needs no GetBucketTags.
 */
export async function tagsOf(oss: OssApi, bucket: string, region: string, tagged: TaggedBuckets | undefined): Promise<readonly Tag[]> {
  if (tagged !== undefined) {
    if (!tagged.has(bucket)) return [];
    const listed = tagged.get(bucket);
    if (listed !== undefined) return listed;
  }
  return oss.getBucketTags({ bucket, region });
}
