/**
 * ListObjectVersions (`GET /?versions`): every version and delete marker, keys in order and each
 * key's versions newest first, paged by key-marker + version-id-marker, with prefix, delimiter,
 * max-keys (versions, markers and common prefixes all count) and encoding-type. Works on
 * unversioned buckets too (each object is its one `null` version), as on OSS.
 */
import { buildListVersionsResult, type DeleteMarkerSummary, type ObjectVersionSummary, type Owner } from '../../../shared/xml';
import { OssErrors } from '../errors';
import { listPage, type ListSource } from '../models/listing';
import { allVersions } from '../models/objects';
import type { BucketRecord, ObjectVersion } from '../models/types';
import { ossIsoTime } from '../util/time';
import { queryParam } from '../wire/request';
import type { OperationContext, OperationResult } from './context';
import { bucketName } from './context';
import { listingOptions } from './listObjects';

/** After the key marker: first the marker key's versions older than the version marker, then later keys. */
function versionSource(bucket: BucketRecord, keyMarker: string, versionIdMarker: string): ListSource<ObjectVersion> {
  return function* (start, exclusive) {
    if (exclusive && start === keyMarker && versionIdMarker !== '') {
      const versions = bucket.objects[keyMarker] ?? [];
      const at = versions.findIndex((v) => v.versionId === versionIdMarker);
      // A version marker that is gone (deleted since) resumes at the next key.
      if (at >= 0) yield* versions.slice(at + 1);
    }
    yield* allVersions(bucket, start, exclusive);
  };
}

const isLatest = (bucket: BucketRecord, v: ObjectVersion) => bucket.objects[v.key]?.[0] === v;

function versionSummary(bucket: BucketRecord, v: ObjectVersion, owner: Owner): ObjectVersionSummary {
  return {
    key: v.key,
    versionId: v.versionId,
    isLatest: isLatest(bucket, v),
    lastModified: ossIsoTime(v.lastModified),
    eTag: `"${v.etag}"`,
    size: v.size,
    storageClass: 'Standard',
    type: 'Normal',
    owner,
  };
}

function markerSummary(bucket: BucketRecord, v: ObjectVersion, owner: Owner): DeleteMarkerSummary {
  return { key: v.key, versionId: v.versionId, isLatest: isLatest(bucket, v), lastModified: ossIsoTime(v.lastModified), owner };
}

export function listObjectVersions(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const c = listingOptions(ctx);
  const keyMarker = queryParam(ctx.req, 'key-marker') ?? '';
  const versionIdMarker = queryParam(ctx.req, 'version-id-marker') ?? '';
  if (versionIdMarker !== '' && keyMarker === '') {
    throw OssErrors.invalidArgument('A version-id marker cannot be specified without a key marker.', 'version-id-marker', versionIdMarker);
  }
  const page = listPage(versionSource(bucket, keyMarker, versionIdMarker), {
    prefix: c.prefix,
    delimiter: c.delimiter,
    after: keyMarker || undefined,
    maxKeys: c.maxKeys,
  });
  const last = page.contents[page.contents.length - 1];
  const owner = ctx.svc.owner;
  const body = buildListVersionsResult({
    name: bucket.name,
    prefix: c.prefix,
    keyMarker,
    versionIdMarker,
    maxKeys: c.maxKeys,
    delimiter: c.delimiter ?? '',
    encodingType: c.encodingType,
    isTruncated: page.isTruncated,
    ...(page.isTruncated ? { nextKeyMarker: page.next ?? '', nextVersionIdMarker: page.nextIsPrefix || !last ? '' : last.versionId } : {}),
    versions: page.contents.filter((v) => !v.isDeleteMarker).map((v) => versionSummary(bucket, v, owner)),
    deleteMarkers: page.contents.filter((v) => v.isDeleteMarker).map((v) => markerSummary(bucket, v, owner)),
    commonPrefixes: page.commonPrefixes,
  });
  return { status: 200, body };
}
