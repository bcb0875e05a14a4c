/**
 * Rule fields shared by ReplicationConfiguration and ReplicationProgress: PrefixSet, Action,
 * Destination, Status, HistoricalObjectReplication.
 */
import type { XmlBuildNode, XmlNode } from './codec';
import { XmlValueError } from './errors';
import { optionalNode, optionalText, requiredNode, requiredText, textList } from './read';
import type { LowerToggle, ReplicationAction, ReplicationDestination, RuleStatus, TransferType, Unrecognised } from './types';
import { parseOpenEnum, parseOpenLowerToggle, trimmed, type Lenience } from './values';

export const REPLICATION_ACTIONS: readonly ReplicationAction[] = ['ALL', 'PUT', 'DELETE', 'ABORT'];
export const TRANSFER_TYPES: readonly TransferType[] = ['internal', 'oss_acc'];
export const RULE_STATUSES: readonly RuleStatus[] = ['starting', 'doing', 'closing'];

/** OSS defaults when a PUT leaves these out; GET always shows them. */
const DEFAULT_ACTIONS: readonly ReplicationAction[] = ['ALL'];
const DEFAULT_HISTORICAL: LowerToggle = 'enabled';

/** Absent PrefixSet = whole bucket = empty list. */
export function parsePrefixes(rule: XmlNode, path: string): string[] {
  const set = optionalNode(rule, 'PrefixSet', path);
  return set === undefined ? [] : textList(set, 'Prefix', `${path}.PrefixSet`);
}

export function buildPrefixSet(prefixes: readonly string[]): XmlBuildNode | undefined {
  return prefixes.length === 0 ? undefined : { Prefix: [...prefixes] };
}

/**
 * `PUT,DELETE` -> ['PUT', 'DELETE']. Tolerates spaces and lowercase (Go v1 sends `all`);
 * duplicates collapse. An absent Action means ALL. With a `keep` lenience an unknown action is
 * recorded and left out of the list.
 */
export function parseActions(rule: XmlNode, path: string, len?: Lenience): ReplicationAction[] {
  const text = optionalText(rule, 'Action', path);
  if (text === undefined) return [...DEFAULT_ACTIONS];
  const tokens = text.split(',').map((token) => token.trim());
  if (tokens.some((token) => token === '') && !len?.keep) {
    throw new XmlValueError(`${path}.Action`, text, 'a comma-separated list of ALL, PUT, DELETE, ABORT');
  }
  const parsed = tokens
    .filter((token) => token !== '')
    .map((token) => parseOpenEnum(token, REPLICATION_ACTIONS, `${path}.Action`, 'Action', len));
  return [...new Set(parsed.filter((a): a is ReplicationAction => (REPLICATION_ACTIONS as readonly string[]).includes(a)))];
}

/** Comma-joined with no spaces, as OSS expects. */
export function formatActions(actions: readonly ReplicationAction[]): string {
  return (actions.length === 0 ? DEFAULT_ACTIONS : actions).join(',');
}

export function parseDestination(rule: XmlNode, path: string, len?: Lenience): ReplicationDestination {
  const destPath = `${path}.Destination`;
  const dest = requiredNode(rule, 'Destination', path);
  const transferType = optionalText(dest, 'TransferType', destPath);
  return {
    bucket: trimmed(requiredText(dest, 'Bucket', destPath)),
    location: trimmed(requiredText(dest, 'Location', destPath)),
    ...(transferType === undefined
      ? {}
      : { transferType: parseOpenEnum(transferType, TRANSFER_TYPES, `${destPath}.TransferType`, 'Destination.TransferType', len) }),
  };
}

/**
 * `forResponse`: OSS's GET answer shows TransferType only when it is oss_acc.
 * Otherwise (a request) TransferType goes out whenever the caller set it.
 */
export function buildDestination(dest: ReplicationDestination, forResponse: boolean): XmlBuildNode {
  const showTransfer = forResponse ? dest.transferType === 'oss_acc' : dest.transferType !== undefined;
  return {
    Bucket: dest.bucket,
    Location: dest.location,
    TransferType: showTransfer ? dest.transferType : undefined,
  };
}

export function parseRuleStatus(text: string, path: string, len?: Lenience): RuleStatus | Unrecognised {
  return parseOpenEnum(text, RULE_STATUSES, path, 'Status', len);
}

export function parseHistorical(rule: XmlNode, path: string, len?: Lenience): LowerToggle | Unrecognised {
  const text = optionalText(rule, 'HistoricalObjectReplication', path);
  return text === undefined
    ? DEFAULT_HISTORICAL
    : parseOpenLowerToggle(text, `${path}.HistoricalObjectReplication`, 'HistoricalObjectReplication', len);
}

/** Absent or empty ID both mean "let OSS generate one" (Java sends `<ID></ID>`). */
export function parseRuleId(rule: XmlNode, path: string): string | undefined {
  const id = optionalText(rule, 'ID', path);
  return id === undefined || id.trim() === '' ? undefined : id.trim();
}
