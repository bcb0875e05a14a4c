/**
 * The deployment files agree with the code: s.yaml has one fc3 resource per function pointing at
 * its bundle, valid timers and EventBridge patterns, and the variables the policy file needs;
 * deploy/ram-policy.json grants exactly the OSS and CloudMonitor actions the function code calls.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readConfig } from '../../../shared/runtime/config';
import { loadPolicyFile } from '../../../shared/policy/compile';
import { calledMethods, functionEntries, literalMentions, reachableFiles, ROOT } from './reachable';

/**
 * RAM actions exactly as the OSS API reference spells them, each with the page that names it
 * (the "Permissions" / "Usage notes" part of the API or ossutil reference, read 2025-2026). Some
 * ossutil pages spell tag actions oss:GetBucketTags / oss:PutBucketTags; the API reference pages
 * (GetBucketTags, PutBucketTags) and the RAM policy overview say oss:*BucketTagging, which wins.
 */
const DOCUMENTED_ACTIONS: Readonly<Record<string, string>> = {
  'oss:ListBuckets': 'help/oss/user-guide/ram-policy-overview (service-level operations)',
  'oss:PutBucket': 'help/oss/user-guide/ram-policy-overview (bucket-level operations)',
  'oss:DeleteBucket': 'help/oss/user-guide/ram-policy-overview',
  'oss:GetBucketInfo': 'help/oss/user-guide/ram-policy-overview',
  'oss:GetBucketLocation': 'help/oss/user-guide/ram-policy-overview',
  'oss:ListObjects': 'help/oss/developer-reference/listobjectsv2',
  'oss:GetBucketVersioning': 'help/oss/user-guide/ram-policy-overview',
  'oss:PutBucketVersioning': 'help/oss/user-guide/ram-policy-overview',
  'oss:GetBucketTagging': 'help/oss/developer-reference/getbuckettags',
  'oss:PutBucketTagging': 'help/oss/developer-reference/putbuckettags',
  'oss:DeleteBucketTagging': 'help/oss/developer-reference/bucket-tagging',
  'oss:PutBucketReplication': 'help/oss/developer-reference/put-bucket-replication',
  'oss:GetBucketReplication': 'help/oss/developer-reference/get-bucket-replication',
  'oss:DeleteBucketReplication': 'help/oss/developer-reference/delete-bucket-replication',
  'oss:GetBucketReplicationLocation': 'help/oss/developer-reference/get-bucket-replication-location',
  'oss:GetBucketReplicationProgress': 'help/oss/developer-reference/get-bucket-replication-progress',
  'oss:PutBucketRtc': 'help/oss/developer-reference/put-bucket-rtc',
  'oss:PutObject': 'help/oss/developer-reference/putobject',
  'oss:GetObject': 'help/oss/developer-reference/head-object (HeadObject is oss:GetObject)',
  'oss:DeleteObject': 'help/oss/developer-reference/deleteobject',
  'oss:DeleteObjectVersion': 'help/oss/developer-reference/deleteobject (a delete with versionId)',
  'oss:ListObjectVersions': 'help/oss/developer-reference/list-object-versions',
  'oss:GetBucketStat': 'help/oss/developer-reference/get-bucket-stat',
  'cms:PutCustomEvent': 'fc-and-events.md §6.2',
  'cms:PutCustomMetric': 'fc-and-events.md §6.2',
};

/** OssApi method -> the RAM actions OSS checks for it (spelled as DOCUMENTED_ACTIONS). */
const OSS_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  listBuckets: ['oss:ListBuckets'],
  putBucket: ['oss:PutBucket'],
  deleteBucket: ['oss:DeleteBucket'],
  getBucketInfo: ['oss:GetBucketInfo'],
  getBucketLocation: ['oss:GetBucketLocation'],
  getBucketTags: ['oss:GetBucketTagging'],
  putBucketTags: ['oss:PutBucketTagging'],
  deleteBucketTags: ['oss:DeleteBucketTagging'],
  getBucketVersioning: ['oss:GetBucketVersioning'],
  putBucketVersioning: ['oss:PutBucketVersioning'],
  putObject: ['oss:PutObject'],
  getObject: ['oss:GetObject'],
  headObject: ['oss:GetObject'],
  deleteObject: ['oss:DeleteObject'],
  listObjectsV2: ['oss:ListObjects'],
  putBucketReplication: ['oss:PutBucketReplication'],
  getBucketReplication: ['oss:GetBucketReplication'],
  getBucketReplicationLocation: ['oss:GetBucketReplicationLocation'],
  getBucketReplicationProgress: ['oss:GetBucketReplicationProgress'],
  deleteBucketReplication: ['oss:DeleteBucketReplication'],
  putBucketRtc: ['oss:PutBucketRtc'],
  getObjectMeta: ['oss:GetObject'],
  listObjectVersions: ['oss:ListObjectVersions'],
  // Read on the source object, write on the destination (the copy-objects reference's Permissions table).
  copyObject: ['oss:GetObject', 'oss:PutObject'],
  getBucketStat: ['oss:GetBucketStat'],
};
/** CloudMonitor RPC action -> RAM action. */
const CMS_ACTIONS: Readonly<Record<string, string>> = { PutCustomEvent: 'cms:PutCustomEvent', PutCustomMetric: 'cms:PutCustomMetric' };

const FUNCTIONS = ['bucket-events', 'reconcile', 'verify', 'monitor', 'audit'];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Statement {
  Effect: string;
  Action: string[];
  Resource: string | string[];
}

const sYaml = parse(readFileSync(join(ROOT, 's.yaml'), 'utf8')) as Json;
const ramPolicy = JSON.parse(readFileSync(join(ROOT, 'deploy/ram-policy.json'), 'utf8')) as { Version: string; Statement: Statement[] };
const trustPolicy = JSON.parse(readFileSync(join(ROOT, 'deploy/trust-policy.json'), 'utf8')) as Json;
const resources = sYaml.resources as Record<string, { component: string; props: Json }>;
const triggers = (type: string) =>
  Object.values(resources)
    .flatMap((r) => (r.props.triggers as Json[] | undefined) ?? [])
    .filter((t) => t.triggerType === type);

describe('s.yaml', () => {
  it('is a Serverless Devs 3 file with one fc3 resource per function', () => {
    expect(sYaml.edition).toBe('3.0.0');
    expect(Object.keys(resources).sort()).toEqual([...FUNCTIONS].sort());
    for (const r of Object.values(resources)) expect(r.component).toBe('fc3');
  });

  it('points every function folder at its dist bundle with index.handler on nodejs20', () => {
    for (const { name } of functionEntries()) {
      expect(resources[name]?.props).toMatchObject({ code: `./dist/${name}`, handler: 'index.handler', runtime: 'nodejs20' });
    }
  });

  it('gives every function the required props and limits fc3 accepts', () => {
    for (const { props } of Object.values(resources)) {
      expect(typeof props.functionName).toBe('string');
      expect(typeof props.region).toBe('string');
      expect(Number.isInteger(props.timeout) && props.timeout >= 1 && props.timeout <= 86400).toBe(true);
      expect(props.memorySize % 64 === 0 && props.memorySize >= 128 && props.memorySize <= 32768).toBe(true);
      expect(props.role).toBeTruthy();
    }
  });

  it('sets the concurrency of reconcile, monitor and verify in the environment, to values the functions accept', () => {
    const env = (sYaml.vars as Json).environment as Record<string, string>;
    const names = ['RECONCILE_CONCURRENCY', 'MONITOR_CONCURRENCY', 'VERIFY_CONCURRENCY'];
    const config = readConfig(Object.fromEntries(names.map((n) => [n, env[n]])));
    expect([config.reconcileConcurrency, config.monitorConcurrency, config.verifyConcurrency]).toEqual(names.map((n) => Number(env[n])));
  });

  it('gives reconcile a 900 s timeout', () => {
    expect(resources.reconcile?.props.timeout).toBe(900);
  });

  it('writes every timer as a six-field UTC cron with a literal 0 in the seconds field', () => {
    const timers = triggers('timer');
    expect(timers.map((t) => t.triggerConfig.cronExpression)).toHaveLength(4);
    for (const t of timers) {
      const cron = t.triggerConfig.cronExpression as string;
      expect(cron).not.toContain('CRON_TZ');
      const fields = cron.trim().split(/\s+/);
      expect(fields).toHaveLength(6);
      expect(fields[0]).toBe('0');
      expect(t.triggerConfig.enable).toBe(true);
    }
  });

  it('runs reconcile every 15 minutes, verify every minute, monitor every 5 minutes and audit hourly', () => {
    const cronOf = (name: string) => (resources[name]?.props.triggers as Json[])[0]?.triggerConfig.cronExpression;
    const crons = [cronOf('reconcile'), cronOf('verify'), cronOf('monitor'), cronOf('audit')];
    expect(crons).toEqual(['0 */15 * * * *', '0 * * * * *', '0 */5 * * * *', '0 20 * * * *']);
  });

  it('subscribes bucket-events to BucketCreated (source acs.oss) with a valid JSON pattern', () => {
    const patterns = triggers('eventbridge').map((t) => JSON.parse(t.triggerConfig.eventRuleFilterPattern as string) as Json);
    expect(patterns).toContainEqual({ source: ['acs.oss'], type: ['oss:BucketCreated:PutBucket'] });
  });

  it('subscribes bucket-events to the ActionTrail bucket calls without a source in the pattern', () => {
    const patterns = triggers('eventbridge').map((t) => JSON.parse(t.triggerConfig.eventRuleFilterPattern as string) as Json);
    const trail = patterns.find((p) => (p.type as string[]).includes('oss:ActionTrail:ApiCall'));
    expect(trail).toEqual({
      type: ['oss:ActionTrail:ApiCall', 'oss:ActionTrail:ConsoleOperation'],
      data: { eventName: ['PutBucket', 'PutBucketTags', 'DeleteBucketTags'] },
    });
  });

  it('puts both EventBridge triggers on bucket-events, async, on the default bus', () => {
    const own = (resources['bucket-events']?.props.triggers as Json[]).filter((t) => t.triggerType === 'eventbridge');
    expect(own).toHaveLength(2);
    for (const t of own)
      expect(t.triggerConfig).toMatchObject({
        triggerEnable: true,
        asyncInvocationType: true,
        eventSourceConfig: { eventSourceType: 'Default' },
      });
  });

  it('bounds the async retries of bucket-events within what FC allows (0..8)', () => {
    const retries = resources['bucket-events']?.props.asyncInvokeConfig?.maxAsyncRetryAttempts;
    expect(retries).toBeGreaterThanOrEqual(1);
    expect(retries).toBeLessThanOrEqual(8);
  });

  it('passes every ${env:NAME} the policy file references, from the deploying shell', () => {
    const policyText = readFileSync(join(ROOT, 'config/policy.yaml'), 'utf8');
    const names = [...policyText.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1] as string);
    for (const { props } of Object.values(resources)) {
      for (const name of names) expect(props.environmentVariables[name]).toBe(`\${env(${name})}`);
      expect(props.environmentVariables).toMatchObject({
        STATE_BUCKET: '${env(STATE_BUCKET)}',
        LOG_LEVEL: expect.any(String),
        OWNER_PREFIX: expect.any(String),
      });
    }
  });
});

describe('RAM action names', () => {
  it('maps every OSS call to an action spelled as the API reference spells it', () => {
    expect(
      Object.values(OSS_ACTIONS)
        .flat()
        .filter((a) => !(a in DOCUMENTED_ACTIONS)),
    ).toEqual([]);
  });

  it('maps every method of the OSS client, so a function that starts calling one is checked too', () => {
    const api = readFileSync(join(ROOT, 'shared/oss/types.ts'), 'utf8');
    const body = /export interface OssApi \{([\s\S]*?)\n\}/.exec(api)?.[1] ?? '';
    const methods = [...body.matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1]);
    expect(methods.length).toBeGreaterThan(20);
    expect(methods.filter((m) => !(m! in OSS_ACTIONS))).toEqual([]);
  });

  it('grants in deploy/ram-policy.json only actions spelled as the API reference spells them', () => {
    expect(ramPolicy.Statement.flatMap((s) => s.Action).filter((a) => !(a in DOCUMENTED_ACTIONS))).toEqual([]);
  });
});

describe('deploy/ram-policy.json', () => {
  const files = new Set<string>();
  for (const { entry } of functionEntries()) reachableFiles(entry, files);
  const ossCalls = calledMethods(files, Object.keys(OSS_ACTIONS));
  const needed = new Set([
    ...[...ossCalls.keys()].flatMap((m) => OSS_ACTIONS[m] ?? []),
    ...[...literalMentions(files, Object.keys(CMS_ACTIONS))].map((a) => CMS_ACTIONS[a] as string),
  ]);
  // Deleting a specific version (canary clean-up on versioned buckets) is a separate RAM action.
  const versionedDeletes = (ossCalls.get('deleteObject') ?? []).filter((f) => readFileSync(join(ROOT, f), 'utf8').includes('versionId'));
  if (versionedDeletes.length > 0) needed.add('oss:DeleteObjectVersion');
  const granted = new Set(ramPolicy.Statement.flatMap((s) => s.Action));

  it('covers all five functions in the reachability scan', () => {
    expect(
      functionEntries()
        .map((f) => f.name)
        .sort(),
    ).toEqual([...FUNCTIONS].sort());
  });

  it('grants every action the function code calls', () => {
    expect([...needed].filter((a) => !granted.has(a)).sort()).toEqual([]);
  });

  it('grants no action that no function calls', () => {
    expect([...granted].filter((a) => !needed.has(a)).sort()).toEqual([]);
  });

  it('only allows, and names resources for every statement', () => {
    for (const s of ramPolicy.Statement) {
      expect(s.Effect).toBe('Allow');
      expect(s.Resource).toBeTruthy();
    }
  });

  it('scopes bucket creation to the destination patterns of the policy guardrails', () => {
    const policy = loadPolicyFile(join(ROOT, 'config/policy.yaml'));
    const create = ramPolicy.Statement.filter((s) => s.Action.includes('oss:PutBucket'));
    const resourcesOf = create.flatMap((s) => [s.Resource].flat());
    expect(resourcesOf.sort()).toEqual(policy.guardrails.destinationBuckets.map((g) => `acs:oss:*:\${ACCOUNT_ID}:${g}`).sort());
  });

  it('limits object writes to the state bucket and canary keys', () => {
    const writes = ramPolicy.Statement.filter((s) => s.Action.includes('oss:PutObject')).flatMap((s) => [s.Resource].flat());
    expect(writes.sort()).toEqual(['acs:oss:*:${ACCOUNT_ID}:${STATE_BUCKET}/*', 'acs:oss:*:${ACCOUNT_ID}:*/*.replication-canary/*'].sort());
  });
});

describe('deploy/trust-policy.json', () => {
  it('lets only Function Compute assume the role', () => {
    expect(trustPolicy.Statement).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com'] } }]);
  });
});
