/**
 * `npm start` as a library: the emulator, the state bucket, the five real handlers wired to the
 * emulator's bucket events and to local timers, a webhook inbox for alerts, and the dashboard.
 *
 * @example
 *   const stack = await startStack({ port: 0, regions: { 'cn-hangzhou': 0, 'cn-beijing': 0 } });
 *   // stack.dashboardUrl, stack.endpoints, stack.status()
 *   await stack.stop();
 */
import { readStatus } from '../../cli/statusView';
import { DEFAULT_ACCOUNT_ID } from '../emulator/constants';
import { startEmulator } from '../emulator';
import { isOssError, OssClient } from '../../shared/oss';
import { loadPolicyFile, type PolicyDocument } from '../../shared/policy';
import { readConfig } from '../../shared/runtime';
import { OssDocumentStore } from '../../shared/state';
import { buildFunctions, timerEvent } from './functions';
import { WebhookInbox } from './inbox';
import { close, createStackServer, listen, ROUTES } from './server';
import { aliOssSnippet } from './snippets';
import { withLiveRules } from './liveRules';
import { runRuleAction } from './ruleActions';
import { Timer } from './timers';
import {
  DEFAULT_INTERVALS,
  DEFAULT_POLICY_FILE,
  DEFAULT_PORT,
  DEFAULT_REGIONS,
  DEFAULT_STATE_BUCKET,
  DEMO_BUCKET,
  type RunningStack,
  type StackOptions,
  type StackStatus,
} from './types';

/**
 * Local only: every policy's first canary is checked after `verifyDelaySeconds` instead of its configured
 * delay, and alerts on `maxLagSeconds` of lag, so the demo shows results in seconds.
 */
export function withLocalTimings(
  policy: PolicyDocument,
  timings: Pick<StackOptions, 'verifyDelaySeconds' | 'maxLagSeconds'>,
): PolicyDocument {
  const { verifyDelaySeconds: delay, maxLagSeconds: lag } = timings;
  if (delay === undefined && lag === undefined) return policy;
  const policies = Object.fromEntries(
    Object.entries(policy.policies).map(([name, p]) => [
      name,
      {
        ...p,
        verify: { ...p.verify, ...(delay !== undefined ? { delaySeconds: delay } : {}) },
        alerts: { ...p.alerts, ...(lag !== undefined ? { maxLagSeconds: lag } : {}) },
      },
    ]),
  );
  return { ...policy, policies };
}

async function ensureBucket(oss: OssClient, bucket: string, region: string): Promise<void> {
  try {
    await oss.putBucket({ bucket, region });
  } catch (error) {
    // Persisted data (--data-dir) already has it.
    if (!isOssError(error, 'BucketAlreadyExists')) throw error;
  }
}

async function createDemo(oss: OssClient, region: string, tagKey: string): Promise<void> {
  await ensureBucket(oss, DEMO_BUCKET, region);
  for (const key of ['2024/beach.jpg', '2024/city.jpg', 'readme.txt'])
    await oss.putObject({ bucket: DEMO_BUCKET, region, key, body: `demo object ${key}` });
  await oss.putBucketTags({ bucket: DEMO_BUCKET, region }, [{ key: tagKey, value: 'dr-beijing' }]);
}

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const host = options.host ?? '127.0.0.1';
  const regions = options.regions ?? DEFAULT_REGIONS;
  const region = Object.keys(regions)[0] as string;
  const stateBucket = options.stateBucket ?? DEFAULT_STATE_BUCKET;
  const policy = withLocalTimings(options.policy ?? loadPolicyFile(options.policyFile ?? DEFAULT_POLICY_FILE), options);
  const intervals = { ...DEFAULT_INTERVALS, ...options.intervals };
  // Lease contention between a new bucket's two events is logged at info by the handler (an expected
  // retry: the emulator redelivers the event, as FC would), so the default level shows real problems only.
  const sink = options.logSink ?? ((line: string) => process.stdout.write(`${line}\n`));

  // The account the emulator reports in events and as owner; handlers get it as context.accountId.
  const accountId = DEFAULT_ACCOUNT_ID;
  const emulator = await startEmulator({
    regions,
    accountId,
    host,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.ruleStartingMs !== undefined ? { ruleStartingMs: options.ruleStartingMs } : {}),
    ...(options.ruleClosingMs !== undefined ? { ruleClosingMs: options.ruleClosingMs } : {}),
    ...(options.replicationDelayMs !== undefined ? { replicationDelayMs: options.replicationDelayMs } : {}),
  });
  const credentials = emulator.credentials[0]!;
  const oss = new OssClient({ region, credentials, endpoint: { kind: 'map', endpoints: emulator.endpoints } });
  // The dashboard only reads: a bad document is left for the functions to move aside and alert.
  const state = new OssDocumentStore({ oss, bucket: stateBucket, region, moveAside: false });
  const inbox = new WebhookInbox();
  let eventsRouted = 0;
  const bucketSize = async (bucket: string, bucketRegion: string | undefined) => {
    const stat = await oss.getBucketStat({ bucket, ...(bucketRegion ? { region: bucketRegion } : {}) });
    return { storageBytes: stat.storage, objectCount: stat.objectCount };
  };

  let functions: ReturnType<typeof buildFunctions> | undefined;
  // The verify timer exists once the server listens; until then a button's canary waits for its first run.
  let verifyNow: () => void = () => undefined;
  const server = createStackServer({
    inbox,
    onEvent: async (body) => {
      eventsRouted += 1;
      try {
        const response = await functions!['bucket-events'](body);
        if (!response.ok)
          sink(
            JSON.stringify({ level: 'warn', msg: 'bucket-events gave up on an event', reason: response.reason, message: response.message }),
          );
        return true;
      } catch {
        // The handler logged why; a throw is its "retry me" (e.g. the bucket's lease is held).
        return false;
      }
    },
    status: () => status(),
    onRuleAction: (action, rule) => runRuleAction(action, rule, { admin: emulator.admin, state, policy, runVerify: () => verifyNow() }),
    onError: (what, error) =>
      sink(JSON.stringify({ level: 'error', msg: `stack: ${what} failed`, error: error instanceof Error ? error.message : String(error) })),
  });
  let port: number;
  try {
    port = await listen(server, options.port ?? DEFAULT_PORT, host);
  } catch (error) {
    oss.destroy();
    await emulator.stop();
    throw error;
  }
  const base = `http://${host}:${port}`;
  const config = readConfig({
    STATE_BUCKET: stateBucket,
    STATE_REGION: region,
    FC_REGION: region,
    OSS_ENDPOINTS: JSON.stringify(emulator.endpoints),
    ACCOUNT_ID: accountId,
    LOG_LEVEL: options.logLevel ?? 'info',
    // The policy's webhook channel is ${env:ALERT_WEBHOOK_URL}: alerts land in the inbox.
    ALERT_WEBHOOK_URL: `${base}${ROUTES.inbox}`,
  });
  const incidents = options.incidentQuietSeconds !== undefined ? { quietMinutes: options.incidentQuietSeconds / 60 } : undefined;
  functions = buildFunctions({ policy, config, credentials, region, accountId, sink, ...(incidents ? { incidents } : {}) });

  await ensureBucket(oss, stateBucket, region);
  emulator.admin.subscribe({ url: `${base}${ROUTES.events}` });

  const fns = functions;
  const timers = {
    reconcile: new Timer('reconcile', intervals.reconcileMs, () => fns.reconcile(timerEvent('reconcile', new Date()))),
    verify: new Timer('verify', intervals.verifyMs, () => fns.verify(timerEvent('verify', new Date()))),
    monitor: new Timer('monitor', intervals.monitorMs, () => fns.monitor(timerEvent('monitor', new Date()))),
    audit: new Timer('audit', intervals.auditMs, () => fns.audit(timerEvent('audit', new Date()))),
  };
  verifyNow = () => void timers.verify.runNow();
  if (options.timers !== false) for (const t of Object.values(timers)) t.start();
  if (options.demo) await createDemo(oss, region, policy.selector.tagKey);

  async function status(): Promise<StackStatus> {
    const view = await readStatus(state, undefined, { bucketSize });
    return {
      stateBucket,
      readAt: view.readAt,
      buckets: withLiveRules(view.buckets, emulator.admin.state(), policy),
      incidents: view.incidents,
      timeline: view.timeline,
      pendingCanaries: view.pendingCanaries,
      eventsRouted,
      timers: Object.values(timers).map((t) => t.status()),
      inbox: inbox.messages(10),
      emulator: {
        endpoints: { ...emulator.endpoints },
        accessKeyId: credentials.accessKeyId,
        accessKeySecret: credentials.accessKeySecret,
        aliOssSnippet: aliOssSnippet(emulator.endpoints, credentials, region),
      },
    };
  }

  return {
    dashboardUrl: `${base}/`,
    inboxUrl: `${base}${ROUTES.inbox}`,
    endpoints: emulator.endpoints,
    emulator,
    stateBucket,
    region,
    inbox,
    functions: fns,
    runNow: (name) => timers[name].runNow(),
    status,
    async stop() {
      emulator.admin.clearSubscriptions();
      await Promise.all(Object.values(timers).map((t) => t.stop()));
      await emulator.admin.flushEvents().catch(() => undefined);
      await close(server);
      oss.destroy();
      await emulator.stop();
    },
  };
}
