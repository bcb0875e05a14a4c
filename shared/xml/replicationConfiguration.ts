/**
 * ReplicationConfiguration: the PutBucketReplication request body (one Rule) and the
 * GetBucketReplication answer (0..n Rules, with Status).
 */
import { buildXmlDocument, parseXmlDocument, type XmlBuildNode, type XmlNode } from './codec';
import { asNode, nodeList, optionalNode, optionalText } from './read';
import {
  buildDestination,
  buildPrefixSet,
  formatActions,
  parseActions,
  parseDestination,
  parseHistorical,
  parsePrefixes,
  parseRuleId,
  parseRuleStatus,
} from './replicationRuleFields';
import type { ParseOptions, ReplicationConfiguration, ReplicationRule } from './types';
import { lenience, parseOpenEnum, parseOpenUpperToggle, trimmed, unrecognisedOf, type Lenience } from './values';

const ROOT = 'ReplicationConfiguration';
const RTC_STATUSES = ['enabled', 'disabled', 'enabling'] as const;

export interface BuildReplicationConfigurationOptions {
  /**
   * true: the GetBucketReplication answer (emits Status; TransferType only when oss_acc).
   * false: a PutBucketReplication request (never Status; TransferType whenever set).
   */
  forResponse: boolean;
}

/**
 * Parses either form. Missing Action reads as ['ALL'] and missing HistoricalObjectReplication as
 * `enabled`, the values OSS applies. An answer from OSS is parsed with `unknownValues: 'keep'`: a
 * rule with a value this code does not know keeps it and lists it in `unrecognised`, and the other
 * rules read as usual.
 */
export function parseReplicationConfiguration(xml: string, options?: ParseOptions): ReplicationConfiguration {
  const root = asNode(parseXmlDocument(xml, ROOT), ROOT);
  return { rules: nodeList(root, 'Rule', ROOT).map((rule, index) => parseRule(rule, `${ROOT}.Rule[${index}]`, lenience(options))) };
}

function parseRule(rule: XmlNode, path: string, len: Lenience): ReplicationRule {
  const parsed: ReplicationRule = {
    prefixes: parsePrefixes(rule, path),
    actions: parseActions(rule, path, len),
    destination: parseDestination(rule, path, len),
    historicalObjectReplication: parseHistorical(rule, path, len),
  };
  const id = parseRuleId(rule, path);
  if (id !== undefined) parsed.id = id;
  const syncRole = optionalText(rule, 'SyncRole', path);
  if (syncRole !== undefined) parsed.syncRole = trimmed(syncRole);
  Object.assign(parsed, parseKmsFields(rule, path, len), parseStatusFields(rule, path, len), unrecognisedOf(len));
  return parsed;
}

function parseKmsFields(rule: XmlNode, path: string, len: Lenience): Pick<ReplicationRule, 'sseKmsEncryptedObjects' | 'replicaKmsKeyId'> {
  const fields: Pick<ReplicationRule, 'sseKmsEncryptedObjects' | 'replicaKmsKeyId'> = {};
  const criteriaPath = `${path}.SourceSelectionCriteria`;
  const criteria = optionalNode(rule, 'SourceSelectionCriteria', path);
  const sse = criteria && optionalNode(criteria, 'SseKmsEncryptedObjects', criteriaPath);
  const sseStatus = sse && optionalText(sse, 'Status', `${criteriaPath}.SseKmsEncryptedObjects`);
  if (sseStatus !== undefined) {
    fields.sseKmsEncryptedObjects = parseOpenUpperToggle(
      sseStatus,
      `${criteriaPath}.SseKmsEncryptedObjects.Status`,
      'SourceSelectionCriteria.SseKmsEncryptedObjects.Status',
      len,
    );
  }
  const encryption = optionalNode(rule, 'EncryptionConfiguration', path);
  const keyId = encryption && optionalText(encryption, 'ReplicaKmsKeyID', `${path}.EncryptionConfiguration`);
  if (keyId !== undefined) fields.replicaKmsKeyId = trimmed(keyId);
  return fields;
}

function parseStatusFields(rule: XmlNode, path: string, len: Lenience): Pick<ReplicationRule, 'rtc' | 'status'> {
  const fields: Pick<ReplicationRule, 'rtc' | 'status'> = {};
  const rtc = optionalNode(rule, 'RTC', path);
  const rtcStatus = rtc && optionalText(rtc, 'Status', `${path}.RTC`);
  if (rtcStatus !== undefined) fields.rtc = parseOpenEnum(rtcStatus, RTC_STATUSES, `${path}.RTC.Status`, 'RTC.Status', len);
  const status = optionalText(rule, 'Status', path);
  if (status !== undefined) fields.status = parseRuleStatus(status, `${path}.Status`, len);
  return fields;
}

/** Serialises rules in the element order of OSS's own GET answer. */
export function buildReplicationConfiguration(cfg: ReplicationConfiguration, options: BuildReplicationConfigurationOptions): string {
  return buildXmlDocument(ROOT, { Rule: cfg.rules.map((rule) => buildRule(rule, options.forResponse)) });
}

function buildRule(rule: ReplicationRule, forResponse: boolean): XmlBuildNode {
  // `unrecognised` is bookkeeping of the parser, not an element.
  return {
    ID: rule.id,
    PrefixSet: buildPrefixSet(rule.prefixes),
    Action: formatActions(rule.actions),
    Destination: buildDestination(rule.destination, forResponse),
    Status: forResponse ? rule.status : undefined,
    HistoricalObjectReplication: rule.historicalObjectReplication,
    SyncRole: rule.syncRole,
    SourceSelectionCriteria:
      rule.sseKmsEncryptedObjects === undefined ? undefined : { SseKmsEncryptedObjects: { Status: rule.sseKmsEncryptedObjects } },
    EncryptionConfiguration: rule.replicaKmsKeyId === undefined ? undefined : { ReplicaKmsKeyID: rule.replicaKmsKeyId },
    RTC: rule.rtc === undefined ? undefined : { Status: rule.rtc },
  };
}
