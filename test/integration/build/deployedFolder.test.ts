/**
 * `dist/<function>/` is what s.yaml deploys: each function must run from a copy of its folder alone,
 * with nothing of the repository (no node_modules) around it, sidecars included. The bundles run in
 * child processes, invoked like FC does, against the emulator running in this one.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBucketEventsHandler } from '../../../functions/bucket-events/handler';
import type { BucketEventsSummary } from '../../../functions/bucket-events/job';
import { silentLogger } from '../../../shared/log';
import { OssError, type OssApi } from '../../../shared/oss';
import type { ApplyDeps } from '../../../shared/replication/apply';
import type { Plan } from '../../../shared/replication';
import type { HandlerResponse } from '../../../shared/runtime';
import type { DocumentStore } from '../../../shared/state';
import { asBuffer, bucketCreatedEvent } from '../../e2e/bucket-events/events';
import {
  ACCOUNT,
  ALERT_SEAMS,
  HZ,
  rulesOf,
  STATE_BUCKET,
  startWorld,
  testPolicy,
  userBucket,
  type World,
} from '../../e2e/bucket-events/harness';
import { proxyAll } from '../helpers/rewritingProxy';
import { bundleAll, functionFolders, type Built } from './bundleAll';

let out: string;
let built: Built[];
let world: World;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'deployed-'));
  built = bundleAll(join(out, 'build'), testPolicy());
  world = await startWorld();
}, 60_000);

afterAll(async () => {
  await world?.stop();
  rmSync(out, { recursive: true, force: true });
});

/** A copy of the function's folder in a directory of its own, optionally without some of its files. */
function deploy(name: string, without: readonly string[] = []): string {
  const target = mkdtempSync(join(out, `${name}-`));
  cpSync(join(out, 'build', name), target, { recursive: true, filter: (src) => !without.some((f) => src.endsWith(`/${f}`)) });
  return target;
}

/** Loads the folder's index.js in a fresh node process and invokes its handler once with `event`. */
function invoke(
  folder: string,
  event: unknown,
  extraEnv: Record<string, string> = {},
): Promise<{ ok: boolean; result?: unknown; reason?: string }> {
  const context = {
    requestId: 'deployed',
    credentials: world.emulator.credentials[0],
    region: HZ,
    accountId: ACCOUNT,
    function: { timeout: 60 },
  };
  const script = `require('./index.js').handler(Buffer.from(process.argv[1]), ${JSON.stringify(context)})
    .then((r) => process.stdout.write(JSON.stringify(r)), (e) => { process.stderr.write(String(e)); process.exit(1); })`;
  const env = {
    PATH: process.env.PATH ?? '',
    STATE_BUCKET,
    STATE_REGION: HZ,
    FC_REGION: HZ,
    OSS_ENDPOINTS: JSON.stringify(world.emulator.endpoints),
    ALERT_URL: world.inbox.url,
    LOG_LEVEL: 'silent',
    ...extraEnv,
  };
  // Asynchronous: the emulator answers from this process's event loop.
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script, JSON.stringify(event)], { cwd: folder, env }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as { ok: boolean }),
    );
  });
}

const sidecarsOf = (name: string): string[] => built.find((b) => b.name === name)!.sidecars.map((s) => s.file);

it('copies no file from outside a function folder: each holds index.js, its source map and its sidecars', () => {
  for (const b of built) {
    expect(readdirSync(join(out, 'build', b.name)).sort()).toEqual(['index.js', 'index.js.map', ...b.sidecars.map((s) => s.file)].sort());
  }
});

it.each(functionFolders())(
  '%s loads and runs a timer or ignored event from its folder without any of its sidecars (they are required lazily)',
  async (name) => {
    const folder = deploy(name, sidecarsOf(name));
    const response = await invoke(folder, name === 'bucket-events' ? {} : { triggerTime: '2026-01-01T00:00:00Z', triggerName: 'test' });
    expect(response).toMatchObject({ ok: true });
  },
  30_000,
);

it('bucket-events from its folder alone adds a rule (the XML builder sidecar) and alerts a blocked bucket (the alerts sidecar)', async () => {
  const folder = deploy('bucket-events');
  const tagged = await userBucket(world, 'deployed', { tag: 'dr-beijing' });
  const unknown = await userBucket(world, 'deployed', { tag: 'no-such-policy' });

  const created = await invoke(folder, bucketCreatedEvent(tagged));
  const blocked = await invoke(folder, bucketCreatedEvent(unknown));

  expect(created).toMatchObject({ ok: true, result: { buckets: [{ bucket: tagged, outcome: 'created' }] } });
  expect(await rulesOf(world, tagged)).toHaveLength(1);
  expect(blocked).toMatchObject({ ok: true, result: { buckets: [{ bucket: unknown, outcome: 'blocked', reason: 'UnknownPolicy' }] } });
  expect(world.inbox.blocked()).toEqual([expect.objectContaining({ bucket: unknown, reason: 'UnknownPolicy', type: 'opened' })]);
}, 30_000);

describe('the apply sidecar (replication-apply.js): loaded only to change a bucket, sound across the boundary', () => {
  const timer = { triggerTime: '2026-01-01T00:00:00Z', triggerName: 'test' };
  const counts = (response: { result?: unknown }): Record<string, number> => (response.result as { counts: Record<string, number> }).counts;

  it('reconcile from its folder brings a tagged bucket into line through it, and runs without it once the bucket is right', async () => {
    const bucket = await userBucket(world, 'reconciled', { tag: 'dr-beijing' });

    const changed = await invoke(deploy('reconcile'), timer);
    expect(changed).toMatchObject({ ok: true, result: { failed: [] } });
    expect(counts(changed).created).toBe(1);
    const rules = await rulesOf(world, bucket);
    expect(rules).toHaveLength(1);

    const steady = await invoke(deploy('reconcile', ['replication-apply.js']), timer);
    // Other tests' buckets are there too: this one is among the unchanged, nothing is created or fails.
    expect(steady).toMatchObject({ ok: true, result: { failed: [] } });
    expect(counts(steady)).toEqual(expect.not.objectContaining({ created: expect.anything(), failed: expect.anything() }));
    expect(counts(steady).unchanged).toBeGreaterThanOrEqual(1);
    // The same rule (its status moves on by itself as OSS starts replicating).
    expect((await rulesOf(world, bucket)).map((r) => r.id)).toEqual(rules.map((r) => r.id));
  }, 30_000);

  it('a folder deployed without it says so when a bucket needs a change, naming the file and the fix', async () => {
    const bucket = await userBucket(world, 'incomplete', { tag: 'dr-beijing' });
    const response = await invoke(deploy('bucket-events', ['replication-apply.js']), bucketCreatedEvent(bucket));
    expect(response).toMatchObject({ ok: true, result: { buckets: [{ bucket, outcome: 'failed', reason: 'ApplyFailed' }] } });
    const message = JSON.stringify(response);
    expect(message).toContain('DeploymentIncomplete: the code that changes buckets (replication-apply.js) is missing');
    expect(message).not.toContain('Require stack');
    expect(await rulesOf(world, bucket)).toHaveLength(0);
  }, 30_000);

  /** The built sidecar's applyPlan, loaded here: its OSS error classes are its own copy, not the source's this test throws. */
  const sidecarApply = (): ((plan: Plan, deps: ApplyDeps) => Promise<{ applied: string[]; error?: unknown }>) =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require(join(out, 'build', 'reconcile', 'replication-apply.js')) as typeof import('../../../shared/replication/apply')).applyPlan;

  async function applyAgainst(failure: (code: string) => Error): Promise<{ applied: string[]; error?: unknown }> {
    const bucket = await userBucket(world, 'apply', { tag: 'dr-beijing' });
    await invoke(deploy('bucket-events'), bucketCreatedEvent(bucket));
    const [rule] = await rulesOf(world, bucket);
    // What index.js's client does: its own OssError for a rule already gone and for one already there.
    const oss = {
      deleteBucketReplication: () => Promise.reject(failure('NoSuchReplicationRule')),
      putBucketReplication: () => Promise.reject(failure('BucketReplicationAlreadyExist')),
      getBucketReplication: () => Promise.resolve({ rules: [rule] }),
    } as unknown as OssApi;
    const plan: Plan = {
      bucket,
      region: HZ,
      outcome: 'replace',
      notes: [],
      policies: [],
      steps: [
        { kind: 'deleteRule', ruleId: 'gone-already' },
        { kind: 'addRule', policy: 'dr-beijing', rule: rule! },
      ],
    };
    const deps: ApplyDeps = {
      oss,
      state: {} as DocumentStore,
      policy: testPolicy(),
      now: () => new Date(),
      sleep: () => Promise.resolve(),
      closingPolls: 1,
      closingPollMs: 0,
      logger: silentLogger(),
    };
    return sidecarApply()(plan, deps);
  }

  it('recognises the OssErrors index.js throws (another copy of the class) by their code', async () => {
    const report = await applyAgainst((code) => new OssError({ code, status: 409, operation: 'Op' }, 'as OSS answers'));
    expect(report.error).toBeUndefined();
    expect(report.applied).toEqual(['deleteRule', 'addRule']);
  }, 30_000);

  it('and only them: an error that merely carries the code still fails the step', async () => {
    const report = await applyAgainst((code) => Object.assign(new Error('not from OSS'), { name: 'OssError', code, status: 409 }));
    expect(report.applied).toEqual([]);
    expect(report.error).toMatchObject({ code: 'NoSuchReplicationRule' });
  }, 30_000);
});

describe('the stubs in the bundles (esbuild.config.mjs UNREACHABLE) change nothing: the folder answers as the source does', () => {
  const tagging = (value: string, doctype = ''): string =>
    `<?xml version="1.0" encoding="UTF-8"?>\n${doctype}<Tagging><TagSet><Tag><Key>replication-policy</Key><Value>${value}</Value></Tag></TagSet></Tagging>`;

  /** bucket-events for a new bucket whose tags OSS answers with `body`: from the folder, and in this process from the source. */
  async function bothWays(body: string): Promise<[unknown, unknown]> {
    const proxy = await proxyAll(world.emulator.endpoints);
    try {
      const folder = deploy('bucket-events');
      const [viaFolder, viaSource] = [await userBucket(world, 'stub', { tag: 'x' }), await userBucket(world, 'stub', { tag: 'x' })];
      proxy.set((req) => (req.method === 'GET' && req.url.endsWith('?tagging') ? body : undefined));
      const deployed = await invoke(folder, bucketCreatedEvent(viaFolder), { OSS_ENDPOINTS: JSON.stringify(proxy.endpoints) });
      const handler = makeBucketEventsHandler(testPolicy(), {
        config: world.config({ OSS_ENDPOINTS: JSON.stringify(proxy.endpoints) }),
        alerts: ALERT_SEAMS,
        sink: () => undefined,
      });
      const source = (await handler(asBuffer(bucketCreatedEvent(viaSource)), world.context())) as HandlerResponse<BucketEventsSummary>;
      const outcome = (r: { ok: boolean; result?: unknown }) => {
        const first = (r.result as BucketEventsSummary | undefined)?.buckets[0];
        return { ok: r.ok, outcome: first?.outcome, reason: first?.reason };
      };
      return [outcome(deployed), outcome(source)];
    } finally {
      await proxy.close();
    }
  }

  it('an answer that declares a DOCTYPE (with an entity) is refused', async () => {
    const [deployed, source] = await bothWays(tagging('&x;', '<!DOCTYPE Tagging [<!ENTITY x "dr-beijing">]>'));
    expect(deployed).toEqual(source);
    expect(deployed).toMatchObject({ ok: true, outcome: 'failed' });
  }, 30_000);

  it('markup that starts like a DOCTYPE but is none (it passes the validator) is refused', async () => {
    const [deployed, source] = await bothWays(tagging('dr-beijing<!Dx>'));
    expect(deployed).toEqual(source);
    expect(deployed).toMatchObject({ ok: true, outcome: 'failed' });
  }, 30_000);

  it('character references are still decoded', async () => {
    const [deployed, source] = await bothWays(tagging('&#x64;r&#45;beijing'));
    expect(deployed).toEqual(source);
    expect(deployed).toMatchObject({ ok: true, outcome: 'created' });
  }, 30_000);
});
