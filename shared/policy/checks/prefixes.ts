import { MAX_PREFIXES } from '../constants';
import type { PathSegment } from '../issuePath';
import type { RawIssue } from '../zodIssues';
import { stringEntries } from './guards';

/** Why prefixes[j] conflicts with an earlier prefix, if it does. */
function conflict(prefixes: Array<[number, string]>, j: number, p: string): string | undefined {
  for (const [i, q] of prefixes) {
    if (i >= j) break;
    if (q === p) return `duplicates prefixes[${i}] ("${q}")`;
    // OSS rejects overlapping prefixes: one must not be a prefix of the other.
    if (p.startsWith(q) || q.startsWith(p)) return `overlaps "${q}"`;
  }
  return undefined;
}

/** At most 10 prefixes, no duplicates, none a prefix of another. */
export function checkPrefixes(value: unknown, path: readonly PathSegment[]): RawIssue[] {
  const prefixes = stringEntries(value);
  if (prefixes === undefined) return [];
  const issues: RawIssue[] = [];
  const total = (value as unknown[]).length;
  if (total > MAX_PREFIXES) issues.push({ path, message: `at most ${MAX_PREFIXES} prefixes per rule, got ${total}` });
  for (const [j, p] of prefixes) {
    if (p === '') continue;
    const why = conflict(prefixes.filter(([, q]) => q !== ''), j, p);
    if (why !== undefined) issues.push({ path: [...path, j], message: why });
  }
  return issues;
}
