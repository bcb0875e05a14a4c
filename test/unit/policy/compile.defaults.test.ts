import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compilePolicy, loadPolicyFile } from '../../../shared/policy/compile';
import { parsePolicyDocument } from '../../../shared/policy/runtime';

const root = join(__dirname, '..', '..', '..');

describe('policy defaults', () => {
  it('fills every omitted field with its default', () => {
    const doc = loadPolicyFile(join(root, 'test/fixtures/policy/minimal.yaml'));
    expect(doc).toEqual({
      version: 1,
      selector: { tagKey: 'replication-policy' },
      policies: {
        'dr-beijing': {
          name: 'dr-beijing',
          destination: { region: 'cn-beijing', bucket: '{bucket}-dr', create: false, existing: 'refuse', enableVersioning: false },
          mode: 'crr',
          prefixes: [],
          actions: ['ALL'],
          historical: true,
          transferType: 'internal',
          rtc: false,
          kms: null,
          verify: { delaySeconds: 60, timeoutSeconds: 900, everyHours: 6 },
          audit: { everyHours: 24, pagesPerRun: 100, headsPerRun: 200 },
          alerts: { channels: [], maxLagSeconds: 900, stalledAfterMinutes: 30, digest: null },
        },
      },
      channels: {},
      guardrails: { destinationRegions: [], destinationBuckets: ['*'], maxChangesPerRun: 200 },
      onUntag: 'keep',
    });
  });

  it('keeps explicit values over defaults within a partly given block', () => {
    const doc = compilePolicy(
      'version: 1\npolicies:\n  p:\n    destination: { region: cn-beijing, bucket: "{bucket}-dr" }\n    verify: { everyHours: 12 }\n',
    );
    expect(doc.policies.p?.verify).toEqual({ delaySeconds: 60, timeoutSeconds: 900, everyHours: 12 });
  });

  it('turns the parity audit off with audit: null and fills a partly given audit block', () => {
    const base = 'version: 1\npolicies:\n  p:\n    destination: { region: cn-beijing, bucket: "{bucket}-dr" }\n';
    expect(compilePolicy(`${base}    audit: null\n`).policies.p?.audit).toBeNull();
    const partly = compilePolicy(`${base}    audit: { pagesPerRun: 4 }\n`).policies.p?.audit;
    expect(partly).toEqual({ everyHours: 24, pagesPerRun: 4, headsPerRun: 200 });
  });

  it('refuses an audit budget too small to move a pass forward', () => {
    const base = 'version: 1\npolicies:\n  p:\n    destination: { region: cn-beijing, bucket: "{bucket}-dr" }\n';
    const tooSmall = `${base}    audit: { pagesPerRun: 1, headsPerRun: 1 }\n`;
    expect(() => compilePolicy(tooSmall)).toThrow(/audit\.pagesPerRun[\s\S]*audit\.headsPerRun/);
  });

  it('produces JSON that the run-time loader accepts unchanged', () => {
    const doc = loadPolicyFile(join(root, 'config/policy.yaml'));
    expect(parsePolicyDocument(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
  });
});

describe('shipped policy files', () => {
  it('config/policy.yaml has the two local-stack policies alerting the webhook channel', () => {
    const doc = loadPolicyFile(join(root, 'config/policy.yaml'));
    expect(Object.keys(doc.policies)).toEqual(['dr-beijing', 'dr-shanghai-logs']);
    expect(doc.policies['dr-beijing']?.destination.create).toBe(true);
    expect(doc.policies['dr-shanghai-logs']?.actions).toEqual(['PUT']);
    expect(doc.channels.webhook).toEqual({ type: 'webhook', url: '${env:ALERT_WEBHOOK_URL}' });
  });

  it('config/policy.example.yaml compiles', () => {
    expect(() => loadPolicyFile(join(root, 'config/policy.example.yaml'))).not.toThrow();
  });

  it('config/policy.example.yaml writes out every policy field in at least one policy', () => {
    const text = readFileSync(join(root, 'config/policy.example.yaml'), 'utf8');
    const raw = parse(text) as { policies: Record<string, Record<string, unknown>> };
    const written = new Set(Object.values(raw.policies).flatMap((p) => Object.keys(p)));
    const compiled = Object.values(compilePolicy(text).policies).flatMap((p) => Object.keys(p));
    expect([...new Set(compiled)].filter((k) => k !== 'name' && !written.has(k))).toEqual([]);
  });

  it('config/policy.example.yaml writes out every destination field in at least one policy', () => {
    const text = readFileSync(join(root, 'config/policy.example.yaml'), 'utf8');
    const raw = parse(text) as { policies: Record<string, { destination: Record<string, unknown> }> };
    const written = new Set(Object.values(raw.policies).flatMap((p) => Object.keys(p.destination)));
    const compiled = Object.values(compilePolicy(text).policies).flatMap((p) => Object.keys(p.destination));
    expect([...new Set(compiled)].filter((k) => !written.has(k))).toEqual([]);
  });
});
