/** CreateBucketConfiguration: the optional PutBucket body. */
import { buildXmlDocument, parseXmlDocument } from './codec';
import { asNode, optionalText } from './read';
import type { CreateBucketConfiguration } from './types';
import { trimmed } from './values';

const ROOT = 'CreateBucketConfiguration';

/** Values are kept as sent (trimmed): which storage classes exist is the server's decision, not the parser's. */
export function parseCreateBucketConfiguration(xml: string): CreateBucketConfiguration {
  const root = asNode(parseXmlDocument(xml, ROOT), ROOT);
  const storageClass = optionalText(root, 'StorageClass', ROOT);
  const redundancy = optionalText(root, 'DataRedundancyType', ROOT);
  return {
    ...(storageClass === undefined ? {} : { storageClass: trimmed(storageClass) }),
    ...(redundancy === undefined ? {} : { dataRedundancyType: trimmed(redundancy) }),
  };
}

export function buildCreateBucketConfiguration(cfg: CreateBucketConfiguration): string {
  return buildXmlDocument(ROOT, { StorageClass: cfg.storageClass, DataRedundancyType: cfg.dataRedundancyType });
}
