/** Operation name -> handler. One entry per OSS operation the emulator answers. */
import type { OperationName } from '../wire/route';
import { deleteBucket, getBucketInfo, getBucketLocation, getBucketStat, putBucket } from './buckets';
import type { OperationHandler } from './context';
import { copyObject } from './copyObject';
import { listObjectVersions } from './listObjectVersions';
import { listObjects, listObjectsV2 } from './listObjects';
import { deleteObject, getObject, getObjectMeta, headObject, putObject } from './objects';
import {
  deleteBucketReplication,
  getBucketReplication,
  getBucketReplicationLocation,
  getBucketReplicationProgress,
  putBucketReplication,
  putBucketRtc,
} from './replication';
import { listBuckets } from './service';
import { deleteBucketTags, getBucketTags, putBucketTags } from './tags';
import { getBucketVersioning, putBucketVersioning } from './versioning';

export const OPERATIONS: Readonly<Record<OperationName, OperationHandler>> = {
  ListBuckets: listBuckets,
  PutBucket: putBucket,
  DeleteBucket: deleteBucket,
  GetBucketInfo: getBucketInfo,
  GetBucketLocation: getBucketLocation,
  PutBucketTags: putBucketTags,
  GetBucketTags: getBucketTags,
  DeleteBucketTags: deleteBucketTags,
  PutBucketVersioning: putBucketVersioning,
  GetBucketVersioning: getBucketVersioning,
  ListObjects: listObjects,
  ListObjectsV2: listObjectsV2,
  PutObject: putObject,
  GetObject: getObject,
  HeadObject: headObject,
  GetObjectMeta: getObjectMeta,
  CopyObject: copyObject,
  DeleteObject: deleteObject,
  ListObjectVersions: listObjectVersions,
  GetBucketStat: getBucketStat,
  PutBucketReplication: putBucketReplication,
  GetBucketReplication: getBucketReplication,
  GetBucketReplicationLocation: getBucketReplicationLocation,
  GetBucketReplicationProgress: getBucketReplicationProgress,
  DeleteBucketReplication: deleteBucketReplication,
  PutBucketRTC: putBucketRtc,
};
