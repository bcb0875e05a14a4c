import type { ChannelConfig } from '../policy/runtime';
import type { Credentials } from '../signing';
import { cloudMonitorChannel, type RpcClientFactory } from './channels/cloudmonitor';
import { dingtalkChannel } from './channels/dingtalk';
import { larkChannel } from './channels/lark';
import { slackChannel } from './channels/slack';
import { webhookChannel } from './channels/webhook';
import { wecomChannel } from './channels/wecom';
import type { Channel } from './types';

export interface RegistryOptions {
  /** Turns a `${env:NAME}`-style reference (or a literal) into its value. May throw when it cannot. */
  readonly resolveSecret: (ref: string) => string;
  /** Needed by `cloudmonitor` channels: the function's (STS) credentials. */
  readonly cloudMonitorCredentials?: Credentials | (() => Credentials | Promise<Credentials>);
  /** Overrides `https://metrics.<region>.aliyuncs.com`, e.g. for the local stack. */
  readonly cloudMonitorEndpoint?: string;
  readonly cloudMonitorMetrics?: boolean;
  readonly cloudMonitorClientFactory?: RpcClientFactory;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

export interface ChannelConfigError {
  readonly channel: string;
  readonly code: 'ALERT_CONFIG';
  /** Names the field, never its value. */
  readonly message: string;
}

export interface BuiltChannels {
  readonly channels: Channel[];
  readonly errors: ChannelConfigError[];
}

class ConfigProblem extends Error {}

function resolve(o: RegistryOptions, ref: string, field: string): string {
  let value: string;
  try {
    value = o.resolveSecret(ref);
  } catch (err) {
    const code = (err as { code?: unknown })?.code;
    throw new ConfigProblem(`could not resolve ${field}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  if (!value) throw new ConfigProblem(`${field} resolved to an empty value`);
  return value;
}

function resolveUrl(o: RegistryOptions, ref: string): string {
  const url = resolve(o, ref, 'url');
  if (!/^https?:\/\//.test(url) || !URL.canParse(url)) throw new ConfigProblem('url is not an http(s) URL');
  return url;
}

function build(name: string, c: ChannelConfig, o: RegistryOptions): Channel {
  const common = { name, ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}), ...(o.now ? { now: o.now } : {}) };
  const secret = (s: string | undefined) => (s === undefined ? {} : { secret: resolve(o, s, 'secret') });
  switch (c.type) {
    case 'dingtalk':
      return dingtalkChannel({ ...common, url: resolveUrl(o, c.url), ...secret(c.secret) });
    case 'lark':
      return larkChannel({ ...common, url: resolveUrl(o, c.url), ...secret(c.secret) });
    case 'webhook':
      return webhookChannel({ ...common, url: resolveUrl(o, c.url), ...secret(c.secret) });
    case 'wecom':
      return wecomChannel({ ...common, url: resolveUrl(o, c.url) });
    case 'slack':
      return slackChannel({ ...common, url: resolveUrl(o, c.url) });
    case 'cloudmonitor':
      if (!o.cloudMonitorCredentials) throw new ConfigProblem('cloudmonitor needs credentials from the runtime');
      return cloudMonitorChannel({
        name,
        region: c.region,
        credentials: o.cloudMonitorCredentials,
        ...(c.groupId !== undefined ? { groupId: c.groupId } : {}),
        ...(o.cloudMonitorEndpoint ? { endpoint: o.cloudMonitorEndpoint } : {}),
        ...(o.cloudMonitorMetrics !== undefined ? { metrics: o.cloudMonitorMetrics } : {}),
        ...(o.cloudMonitorClientFactory ? { clientFactory: o.cloudMonitorClientFactory } : {}),
        ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
      });
  }
}

/**
 * Channels from the compiled policy's `channels` section (optionally only `names`). A channel whose
 * configuration cannot be resolved is reported in `errors` and left out, so the others still work.
 */
export function buildChannels(
  configs: Readonly<Record<string, ChannelConfig>>,
  options: RegistryOptions,
  names?: readonly string[],
): BuiltChannels {
  const channels: Channel[] = [];
  const errors: ChannelConfigError[] = [];
  for (const name of names ?? Object.keys(configs)) {
    const config = configs[name];
    if (!config) {
      errors.push({ channel: name, code: 'ALERT_CONFIG', message: 'no such channel in the policy' });
      continue;
    }
    try {
      channels.push(build(name, config, options));
    } catch (err) {
      const message = err instanceof ConfigProblem ? err.message : `unsupported channel configuration`;
      errors.push({ channel: name, code: 'ALERT_CONFIG', message });
    }
  }
  return { channels, errors };
}
