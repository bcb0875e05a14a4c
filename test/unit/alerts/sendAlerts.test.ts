import { makeAlerter, sendAlerts } from '../../../shared/alerts/alerter';
import { compilePolicy } from '../../../shared/policy/compile';
import { silentLogger } from '../../../shared/log';
import { notification } from './fixtures';

const policy = compilePolicy(`
version: 1
policies:
  dr:
    destination: { region: cn-beijing, bucket: "{bucket}-dr" }
    alerts: { channels: [ops] }
channels:
  ops: { type: webhook, url: "\${env:OPS_URL}" }
  pager: { type: webhook, url: "\${env:PAGER_URL}" }
guardrails: { destinationRegions: [cn-beijing] }
`);
const noEnv = { envVar: () => undefined };
const message = (to?: string[]) => ({ kind: 'notification' as const, notification: notification(), ...(to ? { to } : {}) });

describe('sendAlerts', () => {
  it('builds only the channels the messages address, and reports one it cannot build without sending', async () => {
    const sent = await sendAlerts(policy, noEnv, silentLogger(), [message(['pager'])]);
    expect([sent.unusable.map((e) => [e.channel, e.code]), sent.outcome.results]).toEqual([[['pager', 'ALERT_CONFIG']], []]);
  });

  it('addresses every channel of the policy file with a message that names none', async () => {
    const sent = await sendAlerts(policy, noEnv, silentLogger(), [message()]);
    expect(sent.unusable.map((e) => e.channel)).toEqual(['ops', 'pager']);
  });
});

describe('makeAlerter', () => {
  it('answers per channel, an unusable one as ALERT_CONFIG', async () => {
    expect(await makeAlerter(policy, noEnv, silentLogger())([message(['ops'])])).toEqual([
      { channel: 'ops', ok: false, code: 'ALERT_CONFIG' },
    ]);
  });

  it('sends nothing and answers nothing for no message', async () => {
    expect(await makeAlerter(policy, noEnv, silentLogger())([])).toEqual([]);
  });
});
