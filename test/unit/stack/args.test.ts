import { parseStackArgs, StackUsageError } from '../../../local/stack/args';
import { withLocalTimings } from '../../../local/stack/startStack';
import { compilePolicy } from '../../../shared/policy/compile';

describe('npm start options', () => {
  it('--demo checks canaries after 5 s, runs the monitor every 10 s, alerts on 20 s of lag and resolves once it is gone', () => {
    expect(parseStackArgs(['--demo'])).toMatchObject({
      demo: true,
      verifyDelaySeconds: 5,
      maxLagSeconds: 20,
      incidentQuietSeconds: 0,
      intervals: { monitorMs: 10_000 },
    });
  });

  it('lets explicit flags win over the demo defaults', () => {
    expect(parseStackArgs(['--demo', '--max-lag', '60', '--incident-quiet', '30', '--monitor-every', '5'])).toMatchObject({
      maxLagSeconds: 60,
      incidentQuietSeconds: 30,
      intervals: { monitorMs: 5000 },
    });
  });

  it('refuses a lag limit below one second', () => {
    expect(() => parseStackArgs(['--max-lag', '0'])).toThrow(StackUsageError);
  });

  it('leaves the policy timings alone without --demo or the flags', () => {
    expect(parseStackArgs([])).not.toHaveProperty('maxLagSeconds');
  });
});

describe('local policy timings', () => {
  const policy = compilePolicy(`
version: 1
policies:
  a: { destination: { region: cn-beijing, bucket: "{bucket}-dr" }, alerts: { maxLagSeconds: 900 }, verify: { delaySeconds: 60 } }
channels: {}
`);

  it("replaces every policy's canary delay and lag limit", () => {
    const local = withLocalTimings(policy, { verifyDelaySeconds: 5, maxLagSeconds: 20 });
    expect([local.policies['a']!.verify.delaySeconds, local.policies['a']!.alerts.maxLagSeconds]).toEqual([5, 20]);
  });

  it('keeps the policy as it is without local timings', () => {
    expect(withLocalTimings(policy, {})).toBe(policy);
  });
});
