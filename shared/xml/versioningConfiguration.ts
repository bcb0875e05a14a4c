/** VersioningConfiguration: PutBucketVersioning body and GetBucketVersioning answer. */
import { buildXmlDocument, OSS_DOC_NAMESPACE, parseXmlDocument } from './codec';
import { asNode, optionalText } from './read';
import type { VersioningConfiguration, VersioningStatus } from './types';
import { parseEnum } from './values';

const ROOT = 'VersioningConfiguration';
const STATUSES: readonly VersioningStatus[] = ['Enabled', 'Suspended'];

/** No Status (including the namespaced empty root) = never versioned = `status` undefined. */
export function parseVersioningConfiguration(xml: string): VersioningConfiguration {
  const root = asNode(parseXmlDocument(xml, ROOT), ROOT);
  const status = optionalText(root, 'Status', ROOT);
  return status === undefined ? {} : { status: parseEnum(status, STATUSES, `${ROOT}.Status`) };
}

/**
 * A never-versioned bucket is answered byte for byte as OSS does (74 bytes, namespaced, no
 * declaration); the namespace is safe there because the root has no children to look up.
 */
export function buildVersioningConfiguration(model: VersioningConfiguration): string {
  if (model.status === undefined) return buildXmlDocument(ROOT, '', { declaration: false, namespace: OSS_DOC_NAMESPACE });
  return buildXmlDocument(ROOT, { Status: model.status });
}
