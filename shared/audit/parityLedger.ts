/**
 * What an audit run hands to the monitor: the parity status of every owned rule of the buckets it
 * went through, in `monitor/parity/<h>.json` (shared/state/parityShards.ts). Only audit runs write an
 * audit document (auditRule, under the `audit-run` lease, which the audit function and `cli audit`
 * share), and a rule's status is a function of its document alone (parityStatus), so a run that notes
 * every document it leaves behind and writes the shards before it releases its lease keeps each entry
 * equal to what a read of the document would give. The other changes of `audit/` need no note: the
 * documents of a rule the bucket no longer owns are forgotten (forgetUnownedAudits), and an entry is
 * rebuilt from the bucket's owned rules; those of a retired bucket go with its `buckets/` document, so
 * the monitor no longer asks for its entry (the function's next run drops it), and a bucket re-created
 * under that name records its rules anew (RuleParity.ruleCreatedAt); a document a reader quarantined
 * keeps its entry until the next run on the rule starts it afresh and notes that. A run that dies
 * before writing the shards leaves them one run behind: the next run notes every rule it works on.
 */
import type { ParityStatus } from '../progress';
import { byBucketShard, readParityShard, writeParityShard, type BucketParity, type DocumentStore, type OwnedRule } from '../state';
import type { AuditDocument } from './types';
import { parityStatus, readRuleParity, ruleParity } from './view';

export class ParityLedger {
  private readonly owned = new Map<string, readonly OwnedRule[]>();
  private readonly left = new Map<string, Map<string, ParityStatus | undefined>>();

  /**
   * @param managed every managed bucket, when the run went over all of them (the audit function): the
   * entries of other buckets are dropped. `cli audit`, which audits one bucket, leaves the others alone.
   */
  constructor(private readonly managed?: ReadonlySet<string>) {}

  /** The owned rules of a bucket as this run read them (auditBucket, before any rule's run). */
  bucket(bucket: string, rules: readonly OwnedRule[]): void {
    this.owned.set(bucket, rules);
  }

  /** A rule's audit document as this run leaves it: saved, or read and left as it was (no pass due). */
  document(doc: AuditDocument): void {
    const rules = this.left.get(doc.bucket) ?? new Map<string, ParityStatus | undefined>();
    rules.set(doc.ruleId, parityStatus(doc));
    this.left.set(doc.bucket, rules);
  }

  /**
   * Writes the shards of the buckets this run read (read, modify, write: the run lease is held), each
   * only when it changed.
   * @returns the shards written
   */
  async save(store: DocumentStore): Promise<string[]> {
    const written: string[] = [];
    await Promise.all(
      [...byBucketShard(this.owned.keys())].map(async ([shard, buckets]) => {
        const before = await readParityShard(store, shard);
        const next = new Map<string, BucketParity>();
        for (const [bucket, entry] of before.entries) {
          if (!this.owned.has(bucket) && (this.managed?.has(bucket) ?? true)) next.set(bucket, entry);
        }
        for (const bucket of buckets) {
          const entry = await this.entryOf(store, bucket, before.entries.get(bucket));
          if (Object.keys(entry).length > 0) next.set(bucket, entry);
        }
        if (await writeParityShard(store, shard, next, before)) written.push(shard);
      }),
    );
    return written.sort();
  }

  /**
   * A bucket's entry: per owned rule, the document this run left, else the entry an earlier run made
   * for the same rule record (no run wrote its document since), else its document read once (a rule
   * the audit skips, e.g. its policy turned the audit off, before any run described it).
   */
  private async entryOf(store: DocumentStore, bucket: string, before: BucketParity | undefined): Promise<BucketParity> {
    const left = this.left.get(bucket);
    const rules = this.owned.get(bucket) ?? [];
    const entries = await Promise.all(
      rules.map(async (rule) => {
        const kept = before?.[rule.ruleId];
        if (left?.has(rule.ruleId)) return [rule.ruleId, ruleParity(rule, left.get(rule.ruleId))] as const;
        if (kept?.ruleCreatedAt === rule.createdAt) return [rule.ruleId, kept] as const;
        return [rule.ruleId, await readRuleParity(store, bucket, rule)] as const;
      }),
    );
    return Object.fromEntries(entries);
  }
}
