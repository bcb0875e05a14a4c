/** VersioningConfiguration: PutBucketVersioning body and GetBucketVersioning answer. */
import { buildXmlDocument, OSS_DOC_NAMESPACE, parseXmlDocument } from './codec';
import { asNode, optionalText } from './read';
import type { ParseOptions, VersioningConfiguration, VersioningStatus } from './types';
import { lenience, parseOpenEnum, unrecognisedOf } from './values';

const ROOT = 'VersioningConfiguration';
const STATUSES: readonly VersioningStatus[] = ['Enabled', 'Suspended'];

/**
 * No Status (including the namespaced empty root) = never versioned = `status` undefined. With
 * `unknownValues: 'keep'` an unknown Status is returned as sent (it is never "never versioned").
 */
export function parseVersioningConfiguration(xml: string, options?: ParseOptions): VersioningConfiguration {
  const root = asNode(parseXmlDocument(xml, ROOT), ROOT);
  const status = optionalText(root, 'Status', ROOT);
  if (status === undefined) return {};
  const len = lenience(options);
  return { status: parseOpenEnum(status, STATUSES, `${ROOT}.Status`, 'Status', len), ...unrecognisedOf(len) };
}

/**
 * A never-versioned bucket is answered byte for byte as OSS does (74 bytes, namespaced, no
 * declaration); the namespace is safe there because the root has no children to look up.
 */
export function buildVersioningConfiguration(model: VersioningConfiguration): string {
  if (model.status === undefined) return buildXmlDocument(ROOT, '', { declaration: false, namespace: OSS_DOC_NAMESPACE });
  return buildXmlDocument(ROOT, { Status: model.status });
}
