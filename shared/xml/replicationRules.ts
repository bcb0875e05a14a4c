/** ReplicationRules: the DeleteBucketReplication request body, one or more rule IDs. */
import { buildXmlDocument, parseXmlDocument } from './codec';
import { XmlParseError } from './errors';
import { asNode, textList } from './read';
import type { ReplicationRules } from './types';
import { trimmed } from './values';

const ROOT = 'ReplicationRules';

/** Empty `<ID/>` elements are kept as '' so the emulator can answer them the way OSS does. */
export function parseReplicationRules(xml: string): ReplicationRules {
  const root = asNode(parseXmlDocument(xml, ROOT), ROOT);
  const ids = textList(root, 'ID', ROOT).map(trimmed);
  if (ids.length === 0) throw new XmlParseError(`${ROOT}.ID`, 'missing', 'at least one rule ID is required');
  return { ids };
}

export function buildReplicationRules(rules: ReplicationRules): string {
  return buildXmlDocument(ROOT, { ID: [...rules.ids] });
}
