export * from './types';
export * from './errors';
export * from './keys';
export { JsonDocumentStore, compareKeys, type RawDocument } from './jsonDocumentStore';
export { MemoryDocumentStore } from './memoryDocumentStore';
export { OssDocumentStore, type OssDocumentStoreOptions } from './ossDocumentStore';
export { DocumentLeaseManager, type GenerationLease, type LeaseDocument, type LeaseManagerOptions } from './leases';
export * from './dedupe';
export * from './bucketState';
