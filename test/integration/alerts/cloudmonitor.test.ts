import { cloudMonitorChannel, deliver } from '../../../shared/alerts';
import type { Digest } from '../../../shared/alerts';
import { message, noSleep, rule } from './fixtures';
import { Receiver } from './receiver';
import { cloudMonitorService } from './services';

const creds = { accessKeyId: 'LTAI-test-id', accessKeySecret: 'test-secret-value', securityToken: 'sts-token-value' };
let rx: Receiver;

beforeAll(async () => {
  rx = await new Receiver().on('/', cloudMonitorService(creds.accessKeySecret)).start();
});
afterAll(async () => rx.close());

const channel = (accessKeySecret = creds.accessKeySecret) =>
  cloudMonitorChannel({
    name: 'cms',
    region: 'cn-hangzhou',
    groupId: '42',
    credentials: () => ({ ...creds, accessKeySecret }),
    endpoint: rx.url(''),
    timeoutMs: 2000,
  });

describe('CloudMonitor through pop-core', () => {
  it('sends PutCustomEvent with EventInfo flattened to EventInfo.N.Field', async () => {
    const { results } = await deliver([channel()], [message(7)], { sleep: noSleep });
    expect(results[0]).toMatchObject({ ok: true, delivered: 1 });
    const p = new URLSearchParams(rx.requests.at(-1)!.body);
    expect(p.get('Action')).toBe('PutCustomEvent');
    expect(p.get('Version')).toBe('2019-01-01');
    expect(p.get('SecurityToken')).toBe(creds.securityToken);
    expect(p.get('EventInfo.1.EventName')).toBe('ReplicationLagHigh');
    expect(p.get('EventInfo.1.GroupId')).toBe('42');
    expect(p.get('EventInfo.1.Time')).toMatch(/^\d{13}$/);
    expect(JSON.parse(p.get('EventInfo.1.Content')!)).toMatchObject({
      bucket: 'src-bucket-7',
      ruleId: 'autopilot-dr-1',
      destinationRegion: 'cn-beijing',
    });
  });

  it('sends a digest as PutCustomMetric with MetricList.N fields', async () => {
    const digest: Digest = {
      at: new Date().toISOString(),
      rows: [{ rule, status: 'doing', backfill: 0.25, lagSeconds: 30, findings: [] }],
    };
    const { results } = await deliver([channel()], [{ kind: 'digest', digest }], { sleep: noSleep });
    expect(results[0]!.ok).toBe(true);
    const p = new URLSearchParams(rx.requests.at(-1)!.body);
    expect(p.get('Action')).toBe('PutCustomMetric');
    expect(p.get('MetricList.1.MetricName')).toBe('replication_lag_seconds');
    expect(p.get('MetricList.1.Type')).toBe('0');
    expect(JSON.parse(p.get('MetricList.2.Values')!)).toEqual({ value: 0.25 });
    expect(JSON.parse(p.get('MetricList.2.Dimensions')!)).toEqual({ src: 'src-bucket', dst: 'src-bucket-dr', rule: 'autopilot-dr-1' });
  });

  it('reports a rejected call with the service code and without credentials', async () => {
    const { results } = await deliver([channel('wrong-secret')], [message()], { sleep: noSleep, retry: { maxAttempts: 1 } });
    expect(results[0]).toMatchObject({ ok: false, failure: { code: 'ALERT_REJECTED', serviceCode: 'SignatureDoesNotMatch' } });
    const text = JSON.stringify(results);
    for (const s of [creds.accessKeyId, 'wrong-secret', creds.securityToken]) expect(text).not.toContain(s);
  });
});
