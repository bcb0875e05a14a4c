/** `oss-replication <command> --help`: what one command does, its own options and an example. */
import { USAGE, type CommandName } from './args';

const CONNECTION = `connection (every command but policy check):
  --emulator MAP | --endpoints JSON | --region R   where OSS is (default: the real OSS endpoints of R)
  --state-bucket B [--state-region R]              the deployment's state bucket (default STATE_BUCKET)
  --policy FILE                                    policy YAML (default config/policy.yaml; plan, apply, verify, audit)
  credentials: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET (and _SECURITY_TOKEN for STS)`;

export const COMMAND_HELP: Readonly<Record<CommandName, string>> = {
  plan: `usage: oss-replication plan [--bucket B] [--json]

What ensure would change on one bucket (--bucket) or on every bucket the account lists, without
changing anything. Each change is shown as a diff of the replication rule's fields (+ added, - removed,
~ changed). A progress bar runs on stderr while many buckets are read (only on a terminal, never with --json).

${CONNECTION}

example: oss-replication plan --state-bucket my-autopilot-state
exit codes: 0 planned, 1 a bucket could not be read, 2 usage`,
  apply: `usage: oss-replication apply [--bucket B] [--yes] [--json]

Shows the plan, then runs ensure for real on the buckets whose plan changes something. On a terminal it
asks first (only "yes" is accepted); anywhere else it needs --yes. Needs the state bucket: ensure records
the rules it owns there and schedules their first canary.

${CONNECTION}

example: oss-replication apply --bucket photos --state-bucket my-autopilot-state --yes
exit codes: 0 applied (or nothing to do), 1 a bucket failed, was blocked or busy, or you declined, 2 usage`,
  status: `usage: oss-replication status [--bucket B] [--watch [--interval MS]] [--json]

One row per owned rule: bucket, rule, destination, status (as OSS last reported it), backfill with its
ETA, lag behind the newest objects, the last canary, the parity audit (the gaps its incident is judged on,
and when its last run failed, why), and open incidents; then each open incident and each audit in words.
Read from the state bucket (what the monitor and verify recorded) plus each source's size (GetBucketStat;
without oss:GetBucketStat the size is left out).
--watch redraws it every --interval milliseconds (default 2000) until Ctrl-C.

${CONNECTION}

example: oss-replication status --watch --state-bucket my-autopilot-state
exit codes: 0 shown, 1 --bucket names a bucket this deployment never managed, 2 usage`,
  verify: `usage: oss-replication verify --bucket B [--timeout S] [--interval MS] [--json]

Writes a canary object for each active rule this deployment owns on B and waits until it is in the
destination (intact), printing the replication latency, or the diagnosis when it does not arrive within
--timeout seconds (default: the policy's verify.timeoutSeconds). Polls every --interval ms (default 1000).
Records nothing in the state bucket.

${CONNECTION}

example: oss-replication verify --bucket photos --timeout 120 --state-bucket my-autopilot-state
exit codes: 0 every canary arrived, 1 a canary failed or B has no owned rule, 2 usage`,
  audit: `usage: oss-replication audit --bucket B [--rule R] [--json]

One parity-audit run now, for each rule this deployment owns on B (or only R): walks the source and
destination listings under the rule's prefixes in key order and counts matched, missing, different
(size, or ETag and CRC64) and extra objects; objects newer than the rule's NewObject watermark are in
flight, canary keys are ignored. It spends the policy's audit budget (audit.pagesPerRun, headsPerRun)
and carries on from its saved cursor, exactly as the audit function does (they share one run lease).

${CONNECTION}

example: oss-replication audit --bucket photos --state-bucket my-autopilot-state
exit codes: 0 audited, 1 B has no owned rule (or R is not one), an audit run is in progress, or a rule's run failed, 2 usage`,
  resync: `usage: oss-replication resync --bucket B [--rule R] [--max N] [--yes] [--json]

Lists what the last audit found missing or different at the destination and, with --yes, copies each such
source object onto itself (CopyObject, metadata directive REPLACE, keeping its metadata and content type),
which OSS replicates as a new write. A dry run without --yes. Never touches an object outside the rule's
scope, a canary, or one that already matches; looks at N keys at most (default 1000). On a versioned
bucket each copy makes a new version. The next audit pass re-checks these keys first.

${CONNECTION}

example: oss-replication resync --bucket photos --max 100 --yes --state-bucket my-autopilot-state
exit codes: 0 done (or nothing to do), 1 a copy failed or no audit result yet, 2 usage`,
  'policy-check': `usage: oss-replication policy check [--file F] [--json]

Compiles and validates a policy file (default config/policy.yaml) and lists every problem with its line.
Needs no credentials and no network.

example: oss-replication policy check --file config/policy.yaml
exit codes: 0 valid, 1 problems found, 2 usage`,
};

/**
 * What to show after a usage error: the usage line of the command the words name (the first word that
 * is not an option), or the general usage when they name none.
 */
export function usageAfterError(argv: readonly string[]): string {
  const command = commandOfWords(argv);
  if (command === undefined) return USAGE;
  const name = command === 'policy-check' ? 'policy check' : command;
  return `${COMMAND_HELP[command].split('\n')[0]}\n(oss-replication ${name} --help explains each option)`;
}

/** The command the words name (the first word that is not an option), even when the rest does not parse. */
export function commandOfWords(argv: readonly string[]): CommandName | undefined {
  const word = argv.find((a) => !a.startsWith('-'));
  const command = word === 'policy' ? 'policy-check' : Object.keys(COMMAND_HELP).find((c) => c === word);
  return command as CommandName | undefined;
}
