/** ListBuckets (GetService): every bucket in every region, lexicographic, prefix/marker/max-keys and tag filters. */
import { compareKeys, regionHost } from '../../../shared/oss';
import { type BucketSummary, buildListAllMyBucketsResult, ossLocation, type Tag } from '../../../shared/xml';
import { OssErrors } from '../errors';
import type { BucketRecord } from '../models/types';
import { ossIsoTime } from '../util/time';
import { queryParam } from '../wire/request';
import type { OperationContext, OperationResult } from './context';

const DEFAULT_MAX_KEYS = 100;
const MAX_MAX_KEYS = 1000;

/** max-keys: an integer in 1..limit, else InvalidArgument. */
export function parseMaxKeys(value: string | undefined, fallback: number, limit: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > limit) {
    throw OssErrors.invalidArgument(`Argument max-keys must be an integer between 0 and ${limit}.`, 'max-keys', value);
  }
  return n;
}

export function bucketSummary(b: BucketRecord): BucketSummary {
  return {
    name: b.name,
    location: ossLocation(b.region),
    creationDate: ossIsoTime(b.createdAt),
    extranetEndpoint: regionHost(b.region, false),
    intranetEndpoint: regionHost(b.region, true),
    storageClass: b.storageClass,
    region: b.region,
  };
}

/** Which tags a listed bucket must carry: `tag-key` (and `tag-value`), or `tagging` pairs. */
type TagFilter = (tags: readonly Tag[]) => boolean;

/** `tagging` as the SDKs send it: JSON pairs without the braces, `"k1":"v1","k2":"v2"` (braces tolerated). */
function parseTaggingPairs(text: string): Array<[string, string]> {
  const invalid = () => OssErrors.invalidArgument('The tagging parameter is not valid.', 'tagging', text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.trim().startsWith('{') ? text : `{${text}}`);
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const pairs = Object.entries(parsed as Record<string, unknown>);
  if (pairs.length === 0 || pairs.some(([, v]) => typeof v !== 'string')) throw invalid();
  return pairs as Array<[string, string]>;
}

function tagFilter(ctx: OperationContext): TagFilter | undefined {
  const key = queryParam(ctx.req, 'tag-key');
  const value = queryParam(ctx.req, 'tag-value');
  const tagging = queryParam(ctx.req, 'tagging');
  if (tagging !== undefined && (key !== undefined || value !== undefined)) {
    throw OssErrors.invalidArgument('The tagging parameter cannot be used with tag-key or tag-value.', 'tagging', tagging);
  }
  if (value !== undefined && !key) throw OssErrors.invalidArgument('tag-value needs tag-key.', 'tag-value', value);
  if (tagging !== undefined) {
    const pairs = parseTaggingPairs(tagging);
    return (tags) => pairs.every(([k, v]) => tags.some((t) => t.key === k && t.value === v));
  }
  if (key === undefined) return undefined;
  return (tags) => tags.some((t) => t.key === key && (value === undefined || t.value === value));
}

/**
 * Walks names in order from the later of prefix and marker, so a page costs what it returns (plus,
 * with a tag filter, the non-matching buckets it passes over).
 */
export function listBuckets(ctx: OperationContext): OperationResult {
  const prefix = queryParam(ctx.req, 'prefix') ?? '';
  const marker = queryParam(ctx.req, 'marker') ?? '';
  const maxKeys = parseMaxKeys(queryParam(ctx.req, 'max-keys'), DEFAULT_MAX_KEYS, MAX_MAX_KEYS);
  const filter = tagFilter(ctx);
  const matches = filter ?? (() => true);
  const page: BucketRecord[] = [];
  let isTruncated = false;
  const resume = marker !== '' && compareKeys(marker, prefix) >= 0;
  for (const bucket of ctx.svc.store.from(resume ? marker : prefix, resume)) {
    if (!bucket.name.startsWith(prefix)) break;
    if (!matches(bucket.tags)) continue;
    if (page.length >= maxKeys) {
      isTruncated = true;
      break;
    }
    page.push(bucket);
  }
  const body = buildListAllMyBucketsResult({
    prefix,
    marker,
    maxKeys,
    isTruncated,
    nextMarker: isTruncated ? page[page.length - 1]?.name : undefined,
    owner: ctx.svc.owner,
    // A listing filtered by tag carries each bucket's tags (ali-oss reads them into `tag`).
    buckets: page.map((b) => (filter ? { ...bucketSummary(b), tags: [...b.tags] } : bucketSummary(b))),
  });
  return { status: 200, body };
}
