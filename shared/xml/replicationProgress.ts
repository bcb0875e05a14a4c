/** ReplicationProgress: the GetBucketReplicationProgress answer. */
import { buildXmlDocument, parseXmlDocument, type XmlBuildNode, type XmlNode } from './codec';
import { asNode, nodeList, optionalNode, optionalText, requiredText } from './read';
import {
  buildDestination,
  buildPrefixSet,
  formatActions,
  parseActions,
  parseDestination,
  parseHistorical,
  parsePrefixes,
  parseRuleStatus,
} from './replicationRuleFields';
import type { ParseOptions, ReplicationProgress, ReplicationProgressRule } from './types';
import { formatValue, lenience, parseFraction, trimmed, unrecognisedOf, type Lenience } from './values';

const ROOT = 'ReplicationProgress';

/** With `unknownValues: 'keep'` (answers from OSS), a rule's unknown values are kept as in ReplicationConfiguration. */
export function parseReplicationProgress(xml: string, options?: ParseOptions): ReplicationProgress {
  const root = asNode(parseXmlDocument(xml, ROOT), ROOT);
  return { rules: nodeList(root, 'Rule', ROOT).map((rule, index) => parseProgressRule(rule, `${ROOT}.Rule[${index}]`, lenience(options))) };
}

function parseProgressRule(rule: XmlNode, path: string, len: Lenience): ReplicationProgressRule {
  const parsed: ReplicationProgressRule = {
    id: trimmed(requiredText(rule, 'ID', path)),
    prefixes: parsePrefixes(rule, path),
    actions: parseActions(rule, path, len),
    destination: parseDestination(rule, path, len),
    status: parseRuleStatus(requiredText(rule, 'Status', path), `${path}.Status`, len),
    historicalObjectReplication: parseHistorical(rule, path, len),
    ...unrecognisedOf(len),
  };
  const progress = parseProgressBlock(rule, path);
  if (progress !== undefined) parsed.progress = progress;
  return parsed;
}

/**
 * HistoricalObject is a fraction (`0.85`); NewObject an ISO-8601 watermark kept as text. Both are
 * trimmed: the OSS doc sample itself has `2015-09-24T15:28:14.000Z ` with a trailing space.
 */
function parseProgressBlock(rule: XmlNode, path: string): ReplicationProgressRule['progress'] {
  const node = optionalNode(rule, 'Progress', path);
  if (node === undefined) return undefined;
  const progressPath = `${path}.Progress`;
  const historical = optionalText(node, 'HistoricalObject', progressPath);
  const newObject = optionalText(node, 'NewObject', progressPath);
  return {
    ...(historical === undefined ? {} : { historicalObject: parseFraction(historical, `${progressPath}.HistoricalObject`) }),
    ...(newObject === undefined ? {} : { newObject: trimmed(newObject) }),
  };
}

/** Always the response form: TransferType appears only when oss_acc, as OSS sends it. */
export function buildReplicationProgress(model: ReplicationProgress): string {
  return buildXmlDocument(ROOT, { Rule: model.rules.map(buildProgressRule) });
}

function buildProgressRule(rule: ReplicationProgressRule): XmlBuildNode {
  const progress = rule.progress;
  return {
    ID: rule.id,
    PrefixSet: buildPrefixSet(rule.prefixes),
    Action: formatActions(rule.actions),
    Destination: buildDestination(rule.destination, true),
    Status: rule.status,
    HistoricalObjectReplication: rule.historicalObjectReplication,
    Progress:
      progress === undefined
        ? undefined
        : {
            HistoricalObject: progress.historicalObject === undefined ? undefined : formatValue(progress.historicalObject),
            NewObject: progress.newObject,
          },
  };
}
