import { issuesOf, rawDoc } from './raw';

const SECRET_MESSAGE = 'must be an ${env:NAME} reference, not a literal secret';
const withChannels = (channels: Record<string, unknown>, alerts?: unknown) => rawDoc(alerts === undefined ? {} : { alerts }, { channels });

describe('policy channels', () => {
  it('accepts secrets given as ${env:NAME} references', () => {
    const raw = withChannels({ ops: { type: 'dingtalk', url: '${env:DINGTALK_URL}', secret: '${env:DINGTALK_SECRET}' } }, { channels: ['ops'] });
    expect(issuesOf(raw)).toEqual([]);
  });

  it('rejects a literal channel secret', () => {
    expect(issuesOf(withChannels({ ops: { type: 'dingtalk', url: '${env:U}', secret: 'SEC0123' } }))).toEqual([`channels.ops.secret: ${SECRET_MESSAGE}`]);
  });

  it.each(['dingtalk', 'lark', 'wecom', 'slack'])('rejects a literal %s robot URL', (type) => {
    expect(issuesOf(withChannels({ ops: { type, url: 'https://robot.example.test/send?token=abc' } }))).toEqual([`channels.ops.url: ${SECRET_MESSAGE}`]);
  });

  it('accepts a literal URL for a plain webhook', () => {
    expect(issuesOf(withChannels({ hook: { type: 'webhook', url: 'https://inbox.example.test/alerts' } }))).toEqual([]);
  });

  it('rejects a malformed reference', () => {
    expect(issuesOf(withChannels({ ops: { type: 'slack', url: '${env:BAD-NAME}' } }))).toEqual([`channels.ops.url: ${SECRET_MESSAGE}`]);
  });

  it('never repeats a literal secret in the issue', () => {
    const lines = issuesOf(withChannels({ ops: { type: 'lark', url: 'https://open.example.test/hook/tok-9f8e', secret: 'lark-sec-77' } }));
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toMatch(/tok-9f8e|lark-sec-77/);
  });

  it('rejects an unknown channel type', () => {
    expect(issuesOf(withChannels({ ops: { type: 'email', url: 'x' } }))).toEqual([
      'channels.ops.type: must be one of dingtalk, lark, wecom, slack, webhook, cloudmonitor',
    ]);
  });

  it('rejects a field that the channel type does not have', () => {
    expect(issuesOf(withChannels({ ops: { type: 'wecom', url: '${env:U}', secret: '${env:S}' } }))).toEqual(['channels.ops.secret: unknown field']);
  });

  it('rejects a policy alerting a channel that is not defined', () => {
    const raw = withChannels({ ops: { type: 'webhook', url: '${env:U}' } }, { channels: ['ops', 'pager'] });
    expect(issuesOf(raw)).toEqual(['policies.p.alerts.channels[1]: unknown channel "pager" (defined: ops)']);
  });

  it('says so when a policy names a channel and none are defined', () => {
    expect(issuesOf(rawDoc({ alerts: { channels: ['ops'] } }))).toEqual(['policies.p.alerts.channels[0]: unknown channel "ops" (no channels are defined)']);
  });
});
