import { buildChannels } from '../../../shared/alerts';
import type { ChannelConfig } from '../../../shared/policy/types';

const env: Record<string, string> = {
  DING_URL: 'https://oapi.dingtalk.com/robot/send?access_token=tok-secret-123',
  DING_SECRET: 'SECabcdef',
};
const resolveSecret = (ref: string): string => {
  const m = /^\$\{env:(\w+)\}$/.exec(ref);
  if (!m) return ref;
  const v = env[m[1]!];
  if (v === undefined) throw Object.assign(new Error(`missing ${m[1]}`), { code: 'ENV_MISSING' });
  return v;
};

const configs: Record<string, ChannelConfig> = {
  ops: { type: 'dingtalk', url: '${env:DING_URL}', secret: '${env:DING_SECRET}' },
  team: { type: 'slack', url: 'https://hooks.slack.com/services/T1/B2/C3xyz' },
  broken: { type: 'wecom', url: '${env:NOPE}' },
  cms: { type: 'cloudmonitor', region: 'cn-hangzhou' },
};

describe('buildChannels', () => {
  it('builds each configured channel with its type and a redacted target', () => {
    const { channels } = buildChannels(configs, { resolveSecret, cloudMonitorCredentials: { accessKeyId: 'id', accessKeySecret: 's' } });
    expect(channels.map((c) => [c.name, c.type])).toEqual([
      ['ops', 'dingtalk'],
      ['team', 'slack'],
      ['cms', 'cloudmonitor'],
    ]);
    expect(channels[0]!.target).toBe('https://oapi.dingtalk.com/robot/send?access_token=***');
    expect(channels[2]!.target).toContain('https://metrics.cn-hangzhou.aliyuncs.com');
  });

  it('reports a channel whose secret cannot be resolved and keeps the others', () => {
    const { channels, errors } = buildChannels(configs, { resolveSecret });
    expect(channels.map((c) => c.name)).toEqual(['ops', 'team']);
    expect(errors).toEqual([
      { channel: 'broken', code: 'ALERT_CONFIG', message: 'could not resolve url (ENV_MISSING)' },
      { channel: 'cms', code: 'ALERT_CONFIG', message: 'cloudmonitor needs credentials from the runtime' },
    ]);
  });

  it('builds only the named channels and reports unknown names', () => {
    const { channels, errors } = buildChannels(configs, { resolveSecret }, ['team', 'ghost']);
    expect(channels.map((c) => c.name)).toEqual(['team']);
    expect(errors.map((e) => e.channel)).toEqual(['ghost']);
  });

  it('never puts a resolved secret in a channel or error description', () => {
    const out = JSON.stringify(buildChannels(configs, { resolveSecret }));
    expect(out).not.toContain('tok-secret-123');
    expect(out).not.toContain('SECabcdef');
  });
});
