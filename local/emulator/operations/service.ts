/** ListBuckets (GetService): every bucket in every region, lexicographic, prefix/marker/max-keys. */
import { buildListAllMyBucketsResult } from '../../../shared/xml';
import type { BucketSummary } from '../../../shared/xml/types';
import { OssErrors } from '../errors';
import type { BucketRecord } from '../models/types';
import { isoMillis } from '../util/time';
import { queryParam } from '../wire/request';
import type { OperationContext, OperationResult } from './context';
import { extranetEndpoint, intranetEndpoint } from './endpoints';

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
    location: `oss-${b.region}`,
    creationDate: isoMillis(b.createdAt),
    extranetEndpoint: extranetEndpoint(b.region),
    intranetEndpoint: intranetEndpoint(b.region),
    storageClass: b.storageClass,
    region: b.region,
  };
}

export function listBuckets(ctx: OperationContext): OperationResult {
  const prefix = queryParam(ctx.req, 'prefix') ?? '';
  const marker = queryParam(ctx.req, 'marker') ?? '';
  const maxKeys = parseMaxKeys(queryParam(ctx.req, 'max-keys'), DEFAULT_MAX_KEYS, MAX_MAX_KEYS);
  const matching = ctx.svc.store.all().filter((b) => b.name.startsWith(prefix) && b.name > marker);
  const page = matching.slice(0, maxKeys);
  const isTruncated = matching.length > page.length;
  const body = buildListAllMyBucketsResult({
    prefix,
    marker,
    maxKeys,
    isTruncated,
    nextMarker: isTruncated ? page[page.length - 1]?.name : undefined,
    owner: ctx.svc.owner,
    buckets: page.map(bucketSummary),
  });
  return { status: 200, body };
}
