import { REPLICATION_ACTIONS } from '../constants';
import type { PathSegment } from '../issuePath';
import type { RawIssue } from '../zodIssues';
import { stringEntries } from './guards';

/** At least one action, no duplicates, and ALL (= PUT+DELETE+ABORT) alone. */
export function checkActions(value: unknown, path: readonly PathSegment[]): RawIssue[] {
  const actions = stringEntries(value);
  if (actions === undefined) return [];
  if ((value as unknown[]).length === 0) {
    return [{ path, message: `must list at least one action (${REPLICATION_ACTIONS.join(', ')})` }];
  }
  const issues: RawIssue[] = [];
  const seen = new Set<string>();
  for (const [i, a] of actions) {
    if (seen.has(a)) issues.push({ path: [...path, i], message: `duplicate action "${a}"` });
    seen.add(a);
  }
  if (seen.has('ALL') && [...seen].some((a) => a !== 'ALL')) {
    issues.push({ path, message: 'ALL cannot be combined with other actions' });
  }
  return issues;
}
