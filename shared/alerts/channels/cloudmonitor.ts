import type { Credentials } from '../../signing/types';
import { redactText } from '../../log';
import { isRetryableCode } from '../../retry';
import { failure } from '../errors';
import { renderCloudMonitorEvents, renderCloudMonitorMetrics, type CustomEventInfo, type CustomMetricItem } from '../render/cloudmonitor';
import type { AlertMessage, Channel, DeliveryFailure, DeliveryResult } from '../types';
import { DEFAULT_TIMEOUT_MS } from './http';

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

type Call = { readonly action: 'PutCustomEvent'; readonly params: { EventInfo: CustomEventInfo[] } } | { readonly action: 'PutCustomMetric'; readonly params: { MetricList: CustomMetricItem[] } };

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function callsFor(m: AlertMessage, o: CloudMonitorChannelOptions): Call[] {
  const groupId = o.groupId ?? '0';
  if (m.kind === 'digest' && o.metrics !== false) {
    return chunk(renderCloudMonitorMetrics(m.digest, groupId), MAX_METRICS_PER_CALL).map((MetricList) => ({ action: 'PutCustomMetric', params: { MetricList } }));
  }
  return chunk(renderCloudMonitorEvents(m, groupId), MAX_EVENTS_PER_CALL).map((EventInfo) => ({ action: 'PutCustomEvent', params: { EventInfo } }));
}

/** pop-core errors carry the service JSON in `data`; their message also carries the URL, so it is never used. */
function toFailure(err: unknown, secrets: readonly (string | undefined)[]): DeliveryFailure {
  const e = err as { name?: string; code?: unknown; data?: { Code?: unknown; Message?: unknown } };
  if (e.data && e.data.Code !== undefined) {
    const code = String(e.data.Code);
    const retryable = isRetryableCode(code);
    return failure('ALERT_REJECTED', redactText(`${code}: ${String(e.data.Message ?? '')}`, secrets), { serviceCode: redactText(code, secrets), retryable });
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
        const client = factory({ endpoint, apiVersion: CMS_API_VERSION, accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret, ...(creds.securityToken ? { securityToken: creds.securityToken } : {}) });
        for (const m of messages) {
          for (const call of callsFor(m, o)) {
            requests += 1;
            await client.request(call.action, call.params, { method: 'POST', timeout: o.timeoutMs ?? DEFAULT_TIMEOUT_MS, formatParams: false });
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
