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
import type { ReplicationConfiguration, ReplicationRule } from './types';
import { parseEnum, parseUpperToggle, trimmed } from './values';

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
 * `enabled`, the values OSS applies.
 */
export function parseReplicationConfiguration(xml: string): ReplicationConfiguration {
  const root = asNode(parseXmlDocument(xml, ROOT), ROOT);
  return { rules: nodeList(root, 'Rule', ROOT).map((rule, index) => parseRule(rule, `${ROOT}.Rule[${index}]`)) };
}

function parseRule(rule: XmlNode, path: string): ReplicationRule {
  const parsed: ReplicationRule = {
    prefixes: parsePrefixes(rule, path),
    actions: parseActions(rule, path),
    destination: parseDestination(rule, path),
    historicalObjectReplication: parseHistorical(rule, path),
  };
  const id = parseRuleId(rule, path);
  if (id !== undefined) parsed.id = id;
  const syncRole = optionalText(rule, 'SyncRole', path);
  if (syncRole !== undefined) parsed.syncRole = trimmed(syncRole);
  Object.assign(parsed, parseKmsFields(rule, path), parseStatusFields(rule, path));
  return parsed;
}

function parseKmsFields(rule: XmlNode, path: string): Pick<ReplicationRule, 'sseKmsEncryptedObjects' | 'replicaKmsKeyId'> {
  const fields: Pick<ReplicationRule, 'sseKmsEncryptedObjects' | 'replicaKmsKeyId'> = {};
  const criteriaPath = `${path}.SourceSelectionCriteria`;
  const criteria = optionalNode(rule, 'SourceSelectionCriteria', path);
  const sse = criteria && optionalNode(criteria, 'SseKmsEncryptedObjects', criteriaPath);
  const sseStatus = sse && optionalText(sse, 'Status', `${criteriaPath}.SseKmsEncryptedObjects`);
  if (sseStatus !== undefined) {
    fields.sseKmsEncryptedObjects = parseUpperToggle(sseStatus, `${criteriaPath}.SseKmsEncryptedObjects.Status`);
  }
  const encryption = optionalNode(rule, 'EncryptionConfiguration', path);
  const keyId = encryption && optionalText(encryption, 'ReplicaKmsKeyID', `${path}.EncryptionConfiguration`);
  if (keyId !== undefined) fields.replicaKmsKeyId = trimmed(keyId);
  return fields;
}

function parseStatusFields(rule: XmlNode, path: string): Pick<ReplicationRule, 'rtc' | 'status'> {
  const fields: Pick<ReplicationRule, 'rtc' | 'status'> = {};
  const rtc = optionalNode(rule, 'RTC', path);
  const rtcStatus = rtc && optionalText(rtc, 'Status', `${path}.RTC`);
  if (rtcStatus !== undefined) fields.rtc = parseEnum(rtcStatus, RTC_STATUSES, `${path}.RTC.Status`);
  const status = optionalText(rule, 'Status', path);
  if (status !== undefined) fields.status = parseRuleStatus(status, `${path}.Status`);
  return fields;
}

/** Serialises rules in the element order of OSS's own GET answer. */
export function buildReplicationConfiguration(cfg: ReplicationConfiguration, options: BuildReplicationConfigurationOptions): string {
  return buildXmlDocument(ROOT, { Rule: cfg.rules.map((rule) => buildRule(rule, options.forResponse)) });
}

function buildRule(rule: ReplicationRule, forResponse: boolean): XmlBuildNode {
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
