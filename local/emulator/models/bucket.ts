/** Bucket creation and re-creation rules (oss-api.md §4 PutBucket). */
import type { CreateBucketConfiguration } from '../../../shared/xml';
import { OssErrors } from '../errors';
import type { BucketRecord } from './types';

export const BUCKET_ACLS = ['private', 'public-read', 'public-read-write'] as const;
const STORAGE_CLASSES = ['Standard', 'IA', 'Archive', 'ColdArchive', 'DeepColdArchive'];
const REDUNDANCY_TYPES = ['LRS', 'ZRS'];

export interface CreateBucketInput {
  readonly name: string;
  readonly region: string;
  readonly acl?: string;
  readonly configuration?: CreateBucketConfiguration;
}

export function validateAcl(acl: string | undefined): void {
  if (acl !== undefined && !(BUCKET_ACLS as readonly string[]).includes(acl)) {
    throw OssErrors.invalidArgument('no such bucket access control exists', 'x-oss-acl', acl);
  }
}

function validateConfiguration(cfg: CreateBucketConfiguration | undefined): void {
  if (cfg?.storageClass !== undefined && !STORAGE_CLASSES.includes(cfg.storageClass)) {
    throw OssErrors.invalidArgument('The storage class you specified is not valid.', 'StorageClass', cfg.storageClass);
  }
  if (cfg?.dataRedundancyType !== undefined && !REDUNDANCY_TYPES.includes(cfg.dataRedundancyType)) {
    throw OssErrors.invalidArgument('The data redundancy type you specified is not valid.', 'DataRedundancyType', cfg.dataRedundancyType);
  }
}

export function newBucket(input: CreateBucketInput, now: number): BucketRecord {
  validateAcl(input.acl);
  validateConfiguration(input.configuration);
  return {
    name: input.name,
    region: input.region,
    createdAt: now,
    storageClass: input.configuration?.storageClass ?? 'Standard',
    dataRedundancyType: input.configuration?.dataRedundancyType ?? 'LRS',
    acl: input.acl ?? 'private',
    tags: [],
    objects: {},
    rules: [],
  };
}

/**
 * Same-owner re-create: 200 and metadata (ACL) updated, unless it would change location,
 * storage class or redundancy type (409 BucketAlreadyExists with the documented messages).
 */
export function recreateBucket(existing: BucketRecord, input: CreateBucketInput): void {
  validateAcl(input.acl);
  validateConfiguration(input.configuration);
  if (existing.region !== input.region) {
    throw OssErrors.bucketAlreadyExists("Bucket already exists can't modify location.", existing.name);
  }
  const cfg = input.configuration;
  if (cfg?.storageClass !== undefined && cfg.storageClass !== existing.storageClass) {
    throw OssErrors.bucketAlreadyExists("Cannot modify existing bucket's storage class.", existing.name);
  }
  if (cfg?.dataRedundancyType !== undefined && cfg.dataRedundancyType !== existing.dataRedundancyType) {
    throw OssErrors.bucketAlreadyExists("Bucket already exists can't modify data redundancy type.", existing.name);
  }
  if (input.acl !== undefined) existing.acl = input.acl;
}
