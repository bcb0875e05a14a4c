import type { DigestRow } from '../../progress';
import type { Credentials } from '../../signing';
import { redactText } from '../../log';
import { isRetryableCode } from '../../retry';
import { failure } from '../errors';
import { KIND_TITLES } from '../render/model';
import type { AlertMessage, Digest, Notification, Channel, DeliveryFailure, DeliveryResult } from '../types';
import { DEFAULT_TIMEOUT_MS } from './http';

/** One `EventInfo.N` entry of PutCustomEvent, in API casing (pop-core flattens nested keys as-is). */
export interface CustomEventInfo {
  readonly EventName: string;
  /** JSON in a string. */
  readonly Content: string;
  /** Unix milliseconds. */
  readonly Time: string;
  readonly GroupId: string;
}

/** One `MetricList.N` entry of PutCustomMetric. */
export interface CustomMetricItem {
  readonly MetricName: string;
  /** `0`: raw value. */
  readonly Type: '0';
  readonly GroupId: string;
  readonly Values: string;
  readonly Dimensions: string;
  readonly Time: string;
}

export const METRIC_NAMES = {
  lag: 'replication_lag_seconds',
  backfill: 'historical_progress',
  canaryLatency: 'canary_latency_seconds',
  canarySuccess: 'canary_success',
  /** Missing plus different objects the parity audit reports (shared/audit). */
  parityGap: 'parity_gap_objects',
} as const;

/** `backfill-stalled` -> `ReplicationBackfillStalled`: one event name per kind so alarm rules can match it. */
export function eventName(n: Notification): string {
  const camel = n.incident.kind
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  return `Replication${camel}${n.type === 'resolved' ? 'Resolved' : n.type === 'retired' ? 'Retired' : ''}`;
}

function notificationEvent(n: Notification, groupId: string): CustomEventInfo {
  const i = n.incident;
  const content = {
    type: n.type,
    title: KIND_TITLES[i.kind],
    key: i.key,
    severity: i.severity,
    bucket: i.rule.bucket,
    region: i.rule.region,
    ruleId: i.rule.ruleId,
    destinationBucket: i.rule.destinationBucket,
    destinationRegion: i.rule.destinationRegion,
    summary: i.summary,
    hint: i.hint,
    openedAt: i.openedAt,
    flaps: i.flaps,
    facts: i.facts,
  };
  return { EventName: eventName(n), Content: JSON.stringify(content), Time: String(Date.parse(n.at)), GroupId: groupId };
}

function digestEvent(d: Digest, groupId: string): CustomEventInfo {
  return {
    EventName: 'ReplicationProgressDigest',
    Content: JSON.stringify({ title: d.title, rows: d.rows }),
    Time: String(Date.parse(d.at)),
    GroupId: groupId,
  };
}

/** PutCustomEvent entries for a message: one per notification. */
export function renderCloudMonitorEvents(message: AlertMessage, groupId = '0'): CustomEventInfo[] {
  switch (message.kind) {
    case 'notification':
      return [notificationEvent(message.notification, groupId)];
    case 'batch':
      return message.notifications.map((n) => notificationEvent(n, groupId));
    case 'digest':
      return [digestEvent(message.digest, groupId)];
  }
}

function rowMetrics(row: DigestRow, time: string, groupId: string): CustomMetricItem[] {
  // `<`, `>` and `:` are outside CloudMonitor's dimension alphabet; bucket names and rule ids are inside it.
  const Dimensions = JSON.stringify({ src: row.rule.bucket, dst: row.rule.destinationBucket, rule: row.rule.ruleId });
  const item = (MetricName: string, value: number): CustomMetricItem => ({
    MetricName,
    Type: '0',
    GroupId: groupId,
    Values: JSON.stringify({ value }),
    Dimensions,
    Time: time,
  });
  const out: CustomMetricItem[] = [];
  if (row.lagSeconds !== undefined) out.push(item(METRIC_NAMES.lag, Math.round(row.lagSeconds)));
  if (row.backfill !== undefined) out.push(item(METRIC_NAMES.backfill, row.backfill));
  if (row.lastCanary) out.push(item(METRIC_NAMES.canarySuccess, row.lastCanary.ok ? 1 : 0));
  if (row.lastCanary?.latencySeconds !== undefined) out.push(item(METRIC_NAMES.canaryLatency, row.lastCanary.latencySeconds));
  if (row.parity) out.push(item(METRIC_NAMES.parityGap, row.parity.missing + row.parity.different));
  return out;
}

/** PutCustomMetric entries for a digest: lag, backfill fraction, canary result/latency and parity gap per rule. */
export function renderCloudMonitorMetrics(digest: Digest, groupId = '0'): CustomMetricItem[] {
  const time = String(Date.parse(digest.at));
  return digest.rows.flatMap((r) => rowMetrics(r, time, groupId));
}

export const CMS_API_VERSION = '2019-01-01';
/** Per-call limits of PutCustomEvent and PutCustomMetric. */
export const MAX_EVENTS_PER_CALL = 50;
export const MAX_METRICS_PER_CALL = 21;

/** The slice of `@alicloud/pop-core`'s RPCClient this channel uses. */
export interface RpcClient {
  request<T>(action: string, params: object, options?: object): Promise<T>;
}
export interface RpcClientConfig {
  readonly endpoint: string;
  readonly apiVersion: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}
export type RpcClientFactory = (config: RpcClientConfig) => RpcClient;

/** Required here, not at the top, so that bundles which never send to CloudMonitor skip loading it. */
export function popCoreClient(config: RpcClientConfig): RpcClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RPCClient = require('@alicloud/pop-core') as new (c: RpcClientConfig) => RpcClient;
  return new RPCClient(config);
}

export interface CloudMonitorChannelOptions {
  readonly name: string;
  readonly region: string;
  readonly groupId?: string;
  /** FC's `context.credentials` expire: read them per send. */
  readonly credentials: Credentials | (() => Credentials | Promise<Credentials>);
  /** Default `https://metrics.<region>.aliyuncs.com`; tests point it at a local server. */
  readonly endpoint?: string;
  /** Digests become PutCustomMetric data points (default) instead of a digest event. */
  readonly metrics?: boolean;
  readonly timeoutMs?: number;
  readonly clientFactory?: RpcClientFactory;
}

type Call =
  | { readonly action: 'PutCustomEvent'; readonly params: { EventInfo: CustomEventInfo[] } }
  | { readonly action: 'PutCustomMetric'; readonly params: { MetricList: CustomMetricItem[] } };

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function callsFor(m: AlertMessage, o: CloudMonitorChannelOptions): Call[] {
  const groupId = o.groupId ?? '0';
  if (m.kind === 'digest' && o.metrics !== false) {
    return chunk(renderCloudMonitorMetrics(m.digest, groupId), MAX_METRICS_PER_CALL).map((MetricList) => ({
      action: 'PutCustomMetric',
      params: { MetricList },
    }));
  }
  return chunk(renderCloudMonitorEvents(m, groupId), MAX_EVENTS_PER_CALL).map((EventInfo) => ({
    action: 'PutCustomEvent',
    params: { EventInfo },
  }));
}

/** pop-core errors carry the service JSON in `data`; their message also carries the URL, so it is never used. */
function toFailure(err: unknown, secrets: readonly (string | undefined)[]): DeliveryFailure {
  const e = err as { name?: string; code?: unknown; data?: { Code?: unknown; Message?: unknown } };
  if (e.data && e.data.Code !== undefined) {
    const code = String(e.data.Code);
    const retryable = isRetryableCode(code);
    return failure('ALERT_REJECTED', redactText(`${code}: ${String(e.data.Message ?? '')}`, secrets), {
      serviceCode: redactText(code, secrets),
      retryable,
    });
  }
  const kind = typeof e.code === 'string' ? e.code : (e.name ?? 'Error');
  if (/timeout/i.test(kind)) return failure('ALERT_TIMEOUT', 'CloudMonitor request timed out', { retryable: true });
  return failure('ALERT_NETWORK', redactText(`CloudMonitor request failed: ${kind}`, secrets), { retryable: true });
}

/**
 * CloudMonitor custom events (notifications) and custom metrics (digests) through pop-core's RPC client,
 * POSTed so that the signed parameters travel in the body rather than in a URL.
 */
export function cloudMonitorChannel(o: CloudMonitorChannelOptions): Channel {
  const endpoint = o.endpoint ?? `https://metrics.${o.region}.aliyuncs.com`;
  const factory = o.clientFactory ?? popCoreClient;
  return {
    name: o.name,
    type: 'cloudmonitor',
    target: `${endpoint.replace(/\/+$/, '')} (Cms ${CMS_API_VERSION})`,
    async send(messages): Promise<DeliveryResult> {
      let creds: Credentials | undefined;
      let delivered = 0;
      let requests = 0;
      try {
        creds = typeof o.credentials === 'function' ? await o.credentials() : o.credentials;
        const client = factory({
          endpoint,
          apiVersion: CMS_API_VERSION,
          accessKeyId: creds.accessKeyId,
          accessKeySecret: creds.accessKeySecret,
          ...(creds.securityToken ? { securityToken: creds.securityToken } : {}),
        });
        for (const m of messages) {
          for (const call of callsFor(m, o)) {
            requests += 1;
            await client.request(call.action, call.params, {
              method: 'POST',
              timeout: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
              formatParams: false,
            });
          }
          delivered += 1;
        }
        return { ok: true, delivered, requests };
      } catch (err) {
        const secrets = [creds?.accessKeyId, creds?.accessKeySecret, creds?.securityToken];
        return { ok: false, delivered, requests, failure: toFailure(err, secrets) };
      }
    },
  };
}
