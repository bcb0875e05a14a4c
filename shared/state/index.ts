export * from './types';
export * from './errors';
export * from './keys';
export { JsonDocumentStore, plainETag, type RawDocument, type JsonDocumentStoreOptions } from './jsonDocumentStore';
export { MemoryDocumentStore } from './memoryDocumentStore';
export { OssDocumentStore, type OssDocumentStoreOptions } from './ossDocumentStore';
export {
  acquireLease,
  DocumentLeaseManager,
  type HeldLease,
  type LeaseDocument,
  type LeaseManagerOptions,
  type LeaseWait,
  type LeaseWaitDeps,
  type LeasedWrite,
  withBucketWriteLease,
} from './leases';
export * from './leaseTimings';
export * from './dedupe';
export * from './bucketState';
export * from './pruneReconcileRuns';
export * from './deleteBucketDocuments';
export * from './documentChecks';
export { checkStateBucket, StateBucketError, type StateBucketProblem } from './stateBucket';
export * from './monitorShards';
export * from './parityShards';
export * from './bucketIndex';
