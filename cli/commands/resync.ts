/**
 * `resync --bucket B [--rule R] [--max N] [--yes]`: what the last audit found missing or different,
 * copied onto itself at the source (CopyObject with REPLACE, keeping its content type, metadata and
 * headers) so that OSS replicates it again. A dry run without --yes. Each key is checked again first
 * and never copied when it is outside the rule's scope, gone, changed since, or already matching.
 * The copied keys go to the next audit run, which re-checks them before walking on.
 */
import { isNotAuditable, readAuditDocument, resyncRule, ruleContext, type ResyncItem } from '../../shared/audit';
import { printable } from '../../shared/log';
import { getBucketState, type OwnedRule } from '../../shared/state';
import { DEFAULT_RESYNC_MAX, type ParsedCommand } from '../args';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../errors';
import type { CliIo } from '../io';
import { requireState, type CliServices } from '../services';

interface RuleResync {
  readonly ruleId: string;
  /** Why nothing was looked at (no audit yet, the rule cannot be judged now). */
  readonly note?: string;
  readonly items: readonly ResyncItem[];
  readonly more: boolean;
}

const WORDS: Readonly<Record<ResyncItem['action'], string>> = {
  copy: 'would copy',
  copied: 'copied',
  skipped: 'skipped',
  failed: 'FAILED',
};

function itemLine(item: ResyncItem): string {
  const size = item.size !== undefined ? `, ${item.size} bytes` : '';
  return `    ${WORDS[item.action]} ${item.key} (${item.class}${size})${item.reason ? `: ${item.reason}` : ''}`;
}

async function resyncOne(
  services: CliServices,
  cmd: ParsedCommand,
  io: CliIo,
  owned: OwnedRule,
  ref: { bucket: string; region: string },
  max: number,
): Promise<RuleResync> {
  const { state } = requireState(services);
  const doc = await readAuditDocument(state, ref.bucket, owned.ruleId);
  if (!doc?.current && !doc?.lastFullPass)
    return { ruleId: owned.ruleId, note: `no audit has run yet: run \`audit --bucket ${ref.bucket}\` first`, items: [], more: false };
  const live = (await services.oss.getBucketReplication(ref)).rules.find((r) => r.id === owned.ruleId);
  const context = await ruleContext(services.oss, ref, owned, live);
  if (isNotAuditable(context)) return { ruleId: owned.ruleId, note: `not now: ${context.waiting}`, items: [], more: false };
  const result = await resyncRule(
    { oss: services.oss, state, now: io.now ?? (() => new Date()) },
    { ...context, ruleId: owned.ruleId, doc, max, apply: cmd.yes },
  );
  return { ruleId: owned.ruleId, items: result.items, more: result.more };
}

function summaryLines(bucket: string, versioned: boolean, rules: readonly RuleResync[], apply: boolean): string[] {
  const count = (a: ResyncItem['action']) => rules.flatMap((r) => r.items).filter((i) => i.action === a).length;
  const recheck = count('copied') > 0 ? ['The next audit re-checks them first.'] : [];
  const runAgain = count('copy') > 0 ? ['Run again with --yes.'] : [];
  const lines = apply
    ? [`Resync: ${count('copied')} copied, ${count('skipped')} skipped, ${count('failed')} failed.`, ...recheck]
    : [`Dry run: ${count('copy')} object(s) would be copied onto themselves, ${count('skipped')} skipped.`, ...runAgain];
  lines.push(
    versioned
      ? `${bucket} is versioned: each copy makes a new version of the object (the earlier versions stay, and are billed).`
      : `${bucket} is not versioned: each copy rewrites the object in place with the same bytes and metadata; its Last-Modified changes.`,
  );
  if (rules.some((r) => r.more)) lines.push('More keys are left than --max allowed: run resync again.');
  return lines;
}

export async function resyncCommand(cmd: ParsedCommand, services: CliServices, io: CliIo): Promise<number> {
  const { state } = requireState(services);
  const bucket = cmd.bucket as string; // parseArgs requires it
  const bucketState = await getBucketState(state, bucket);
  const owned = bucketState.rules.filter((r) => cmd.rule === undefined || r.ruleId === cmd.rule);
  if (owned.length === 0) {
    if (cmd.rule !== undefined)
      throw new UsageError(`${cmd.rule} is not a rule this deployment owns on ${bucket} (see \`status --bucket ${bucket}\`)`);
    io.err(`${bucket} has no owned rule in the state bucket: nothing to resync`);
    return EXIT_FAILURE;
  }
  const region = bucketState.region ?? (await services.oss.getBucketLocation({ bucket }));
  const ref = { bucket, region };
  const versioned = (await services.oss.getBucketVersioning(ref)) === 'Enabled';
  const rules: RuleResync[] = [];
  let left = cmd.max ?? DEFAULT_RESYNC_MAX;
  for (const rule of owned) {
    const done = await resyncOne(services, cmd, io, rule, ref, left);
    left = Math.max(0, left - done.items.length);
    rules.push(done);
  }
  if (cmd.options.json) io.out(JSON.stringify({ command: 'resync', bucket, apply: cmd.yes, versioned, rules }, null, 2));
  else {
    const body = rules.flatMap((r) => [
      `  rule ${r.ruleId}${r.note ? `: ${r.note}` : r.items.length === 0 ? ': nothing missing or different' : ''}`,
      ...r.items.map(itemLine),
    ]);
    io.out([`${bucket} (${region}):`, ...body, ...summaryLines(bucket, versioned, rules, cmd.yes)].map(printable).join('\n'));
  }
  const failed = rules.some((r) => r.items.some((i) => i.action === 'failed'));
  const noAudit = rules.every((r) => r.note !== undefined);
  return failed || noAudit ? EXIT_FAILURE : EXIT_OK;
}
