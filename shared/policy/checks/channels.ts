import { SECRET_FIELDS } from '../constants';
import type { PathSegment } from '../issuePath';
import { secretReferenceName } from '../resolveSecret';
import type { RawIssue } from '../zodIssues';
import { isRecord, stringEntries } from './guards';

/**
 * Fields that carry secrets (signing secrets, robot URLs with their token) must be `${env:NAME}`
 * references. The message never repeats the value: it may be the secret itself.
 */
export function checkChannelSecrets(channel: unknown, path: readonly PathSegment[]): RawIssue[] {
  if (!isRecord(channel) || typeof channel.type !== 'string') return [];
  const fields = Object.hasOwn(SECRET_FIELDS, channel.type) ? (SECRET_FIELDS[channel.type] ?? []) : [];
  return fields
    .filter((f) => typeof channel[f] === 'string' && channel[f] !== '' && secretReferenceName(channel[f]) === undefined)
    .map((f) => ({ path: [...path, f], message: 'must be an ${env:NAME} reference, not a literal secret' }));
}

/** Every channel a policy alerts must be defined under `channels`. */
export function checkAlertChannels(channels: unknown, defined: readonly string[], path: readonly PathSegment[]): RawIssue[] {
  const named = stringEntries(channels) ?? [];
  const known = defined.length === 0 ? 'no channels are defined' : `defined: ${defined.join(', ')}`;
  return named
    .filter(([, name]) => name !== '' && !defined.includes(name))
    .map(([i, name]) => ({ path: [...path, i], message: `unknown channel "${name}" (${known})` }));
}
