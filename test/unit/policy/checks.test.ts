/** The cross-field rules of shared/policy/checks.ts, through the compiler: each spec names the issue it expects. */
import { compilePolicyObject } from '../../../shared/policy/compile';
import { issuesOf, rawDoc } from './raw';

describe('policy actions', () => {
  it('accepts a combination of PUT, DELETE and ABORT', () => {
    expect(issuesOf(rawDoc({ actions: ['PUT', 'DELETE', 'ABORT'] }))).toEqual([]);
  });

  it('rejects ALL combined with another action', () => {
    expect(issuesOf(rawDoc({ actions: ['ALL', 'PUT'] }))).toEqual(['policies.p.actions: ALL cannot be combined with other actions']);
  });

  it('rejects a duplicate action', () => {
    expect(issuesOf(rawDoc({ actions: ['PUT', 'DELETE', 'PUT'] }))).toEqual(['policies.p.actions[2]: duplicate action "PUT"']);
  });

  it('rejects an unknown action', () => {
    expect(issuesOf(rawDoc({ actions: ['PUT', 'SET'] }))).toEqual(['policies.p.actions[1]: must be one of ALL, PUT, DELETE, ABORT']);
  });

  it('rejects lowercase action names', () => {
    expect(issuesOf(rawDoc({ actions: ['all'] }))).toEqual(['policies.p.actions[0]: must be one of ALL, PUT, DELETE, ABORT']);
  });

  it('rejects an empty action list', () => {
    expect(issuesOf(rawDoc({ actions: [] }))).toEqual(['policies.p.actions: must list at least one action (ALL, PUT, DELETE, ABORT)']);
  });
});

describe('policy prefixes', () => {
  it('accepts up to 10 disjoint prefixes', () => {
    const prefixes = Array.from({ length: 10 }, (_, i) => `p${i}/`);
    expect(issuesOf(rawDoc({ prefixes }))).toEqual([]);
  });

  it('rejects more than 10 prefixes', () => {
    const prefixes = Array.from({ length: 11 }, (_, i) => `p${i}/`);
    expect(issuesOf(rawDoc({ prefixes }))).toEqual(['policies.p.prefixes: at most 10 prefixes per rule, got 11']);
  });

  it('rejects a prefix that extends an earlier one', () => {
    expect(issuesOf(rawDoc({ prefixes: ['logs/', 'img/', 'logs/app/'] }))).toEqual(['policies.p.prefixes[2]: overlaps "logs/"']);
  });

  it('rejects a prefix that an earlier one extends', () => {
    expect(issuesOf(rawDoc({ prefixes: ['logs/app/', 'logs/'] }))).toEqual(['policies.p.prefixes[1]: overlaps "logs/app/"']);
  });

  it('rejects a duplicate prefix', () => {
    expect(issuesOf(rawDoc({ prefixes: ['a/', 'b/', 'a/'] }))).toEqual(['policies.p.prefixes[2]: duplicates prefixes[0] ("a/")']);
  });

  it('rejects an empty prefix', () => {
    expect(issuesOf(rawDoc({ prefixes: [''] }))).toEqual([
      'policies.p.prefixes[0]: must not be empty (omit prefixes to replicate the whole bucket)',
    ]);
  });

  it('rejects a prefix starting with a slash', () => {
    expect(issuesOf(rawDoc({ prefixes: ['/logs'] }))).toEqual([
      'policies.p.prefixes[0]: must not start with "/" or "\\" (object keys cannot)',
    ]);
  });

  it('rejects a prefix that is not a string', () => {
    expect(issuesOf(rawDoc({ prefixes: ['a/', 7] }))).toEqual(['policies.p.prefixes[1]: must be a string']);
  });
});

const withDestination = (destination: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  rawDoc({ destination: { region: 'cn-beijing', bucket: '{bucket}-dr', ...destination } }, extra);

describe('policy destination', () => {
  it('accepts every known placeholder', () => {
    expect(issuesOf(withDestination({ bucket: '{bucket}-{region}-{account}' }))).toEqual([]);
  });

  it('rejects an unknown placeholder', () => {
    expect(issuesOf(withDestination({ bucket: '{bucket}-{tag}' }))).toEqual([
      'policies.p.destination.bucket: uses unknown placeholder {tag}; only {bucket}, {region} and {account} exist',
    ]);
  });

  it('rejects an unmatched brace', () => {
    expect(issuesOf(withDestination({ bucket: '{bucket}-dr}' }))).toEqual(['policies.p.destination.bucket: has an unmatched "{" or "}"']);
  });

  it('rejects a template that cannot render to a valid bucket name', () => {
    expect(issuesOf(withDestination({ bucket: '{bucket}-DR' }))).toEqual([
      'policies.p.destination.bucket: renders to "abc-DR" for source bucket "abc", not a valid bucket name (3-63 lowercase letters, digits and "-", starting and ending with a letter or digit)',
    ]);
  });

  it('rejects a template that starts with a hyphen', () => {
    expect(issuesOf(withDestination({ bucket: '-{bucket}' }))).toEqual([
      'policies.p.destination.bucket: renders to "-abc" for source bucket "abc", not a valid bucket name (3-63 lowercase letters, digits and "-", starting and ending with a letter or digit)',
    ]);
  });

  it('rejects a missing bucket template', () => {
    expect(issuesOf(rawDoc({ destination: { region: 'cn-beijing' } }))).toEqual(['policies.p.destination.bucket: required']);
  });

  it('rejects a region written with the oss- prefix', () => {
    expect(issuesOf(withDestination({ region: 'oss-cn-beijing' }))).toEqual([
      'policies.p.destination.region: must be a region id such as cn-beijing (without the oss- prefix)',
    ]);
  });

  it('rejects a region missing from guardrails.destinationRegions', () => {
    const raw = withDestination({ region: 'cn-guangzhou' }, { guardrails: { destinationRegions: ['cn-beijing', 'cn-shanghai'] } });
    expect(issuesOf(raw)).toEqual([
      'policies.p.destination.region: cn-guangzhou is not in guardrails.destinationRegions (cn-beijing, cn-shanghai)',
    ]);
  });

  it('accepts any region when guardrails.destinationRegions is empty', () => {
    expect(issuesOf(withDestination({ region: 'us-west-1' }, { guardrails: { destinationRegions: [] } }))).toEqual([]);
  });

  it('rejects a fixed bucket name outside guardrails.destinationBuckets', () => {
    const raw = withDestination({ bucket: 'central-backup' }, { guardrails: { destinationBuckets: ['*-dr'] } });
    expect(issuesOf(raw)).toEqual(['policies.p.destination.bucket: "central-backup" matches none of guardrails.destinationBuckets (*-dr)']);
  });

  it('refuses existing destinations unless the policy says adopt', () => {
    expect(compilePolicyObject(withDestination({})).policies.p?.destination).toMatchObject({ existing: 'refuse', enableVersioning: false });
  });

  it('rejects an existing value other than refuse or adopt', () => {
    expect(issuesOf(withDestination({ existing: 'takeover' }))).toEqual([expect.stringMatching(/^policies\.p\.destination\.existing: /)]);
  });

  it('rejects an unknown destination field', () => {
    expect(issuesOf(withDestination({ acl: 'private' }))).toEqual(['policies.p.destination.acl: unknown field']);
  });
});

const KMS_MESSAGE = 'required when kms is set (give both syncRole and replicaKmsKeyId, or kms: null)';

describe('policy kms', () => {
  it('accepts syncRole and replicaKmsKeyId together', () => {
    const doc = compilePolicyObject(rawDoc({ kms: { syncRole: 'role', replicaKmsKeyId: 'key-1' } }));
    expect(doc.policies.p?.kms).toEqual({ syncRole: 'role', replicaKmsKeyId: 'key-1' });
  });

  it('accepts kms: null', () => {
    expect(compilePolicyObject(rawDoc({ kms: null })).policies.p?.kms).toBeNull();
  });

  it('rejects a sync role without a replica key', () => {
    expect(issuesOf(rawDoc({ kms: { syncRole: 'role' } }))).toEqual([`policies.p.kms.replicaKmsKeyId: ${KMS_MESSAGE}`]);
  });

  it('rejects a replica key with an empty sync role', () => {
    expect(issuesOf(rawDoc({ kms: { syncRole: ' ', replicaKmsKeyId: 'k' } }))).toEqual([`policies.p.kms.syncRole: ${KMS_MESSAGE}`]);
  });

  it('rejects an empty kms block with one issue per missing field', () => {
    expect(issuesOf(rawDoc({ kms: {} }))).toEqual([
      `policies.p.kms.syncRole: ${KMS_MESSAGE}`,
      `policies.p.kms.replicaKmsKeyId: ${KMS_MESSAGE}`,
    ]);
  });

  it('rejects a top-level syncRole that differs from kms.syncRole', () => {
    expect(issuesOf(rawDoc({ syncRole: 'a', kms: { syncRole: 'b', replicaKmsKeyId: 'k' } }))).toEqual([
      'policies.p.syncRole: differs from kms.syncRole (a rule has one sync role)',
    ]);
  });
});

describe('policy transfer type and mode', () => {
  it('accepts oss_acc with mode crr', () => {
    expect(issuesOf(rawDoc({ transferType: 'oss_acc', mode: 'crr' }))).toEqual([]);
  });

  it('rejects oss_acc with mode srr', () => {
    expect(issuesOf(rawDoc({ transferType: 'oss_acc', mode: 'srr' }))).toEqual([
      'policies.p.transferType: oss_acc is only allowed with mode crr, not srr',
    ]);
  });

  it('rejects oss_acc with mode any', () => {
    expect(issuesOf(rawDoc({ transferType: 'oss_acc', mode: 'any' }))).toEqual([
      'policies.p.transferType: oss_acc is only allowed with mode crr, not any',
    ]);
  });

  it('rejects an unknown transfer type', () => {
    expect(issuesOf(rawDoc({ transferType: 'fast' }))).toEqual(['policies.p.transferType: must be one of internal, oss_acc']);
  });

  it('rejects an unknown mode', () => {
    expect(issuesOf(rawDoc({ mode: 'both' }))).toEqual(['policies.p.mode: must be one of crr, srr, any']);
  });

  it('accepts srr with a fixed destination region', () => {
    expect(issuesOf(rawDoc({ mode: 'srr' }))).toEqual([]);
  });

  it('accepts rtc with any mode', () => {
    expect(issuesOf(rawDoc({ rtc: true, mode: 'srr' }))).toEqual([]);
  });
});

describe('policy verify and alerts', () => {
  it('rejects a verify timeout not longer than the delay', () => {
    expect(issuesOf(rawDoc({ verify: { delaySeconds: 900 } }))).toEqual([
      'policies.p.verify.timeoutSeconds: must be greater than verify.delaySeconds (900)',
    ]);
  });

  it('rejects a non-integer interval', () => {
    expect(issuesOf(rawDoc({ verify: { everyHours: 1.5 } }))).toEqual(['policies.p.verify.everyHours: must be an integer']);
  });

  it('rejects a zero lag threshold', () => {
    expect(issuesOf(rawDoc({ alerts: { maxLagSeconds: 0 } }))).toEqual(['policies.p.alerts.maxLagSeconds: must be at least 1']);
  });

  it('accepts a daily digest time', () => {
    expect(compilePolicyObject(rawDoc({ alerts: { digest: 'daily@09:30' } })).policies.p?.alerts.digest).toBe('daily@09:30');
  });

  it('rejects a digest schedule it cannot read', () => {
    expect(issuesOf(rawDoc({ alerts: { digest: 'daily@25:00' } }))).toEqual([
      'policies.p.alerts.digest: must be "hourly" or "daily@HH:MM" (UTC)',
    ]);
  });
});

const SECRET_MESSAGE = 'must be an ${env:NAME} reference, not a literal secret';
const withChannels = (channels: Record<string, unknown>, alerts?: unknown) => rawDoc(alerts === undefined ? {} : { alerts }, { channels });

describe('policy channels', () => {
  it('accepts secrets given as ${env:NAME} references', () => {
    const raw = withChannels(
      { ops: { type: 'dingtalk', url: '${env:DINGTALK_URL}', secret: '${env:DINGTALK_SECRET}' } },
      { channels: ['ops'] },
    );
    expect(issuesOf(raw)).toEqual([]);
  });

  it('rejects a literal channel secret', () => {
    expect(issuesOf(withChannels({ ops: { type: 'dingtalk', url: '${env:U}', secret: 'SEC0123' } }))).toEqual([
      `channels.ops.secret: ${SECRET_MESSAGE}`,
    ]);
  });

  it.each(['dingtalk', 'lark', 'wecom', 'slack'])('rejects a literal %s robot URL', (type) => {
    expect(issuesOf(withChannels({ ops: { type, url: 'https://robot.example.test/send?token=abc' } }))).toEqual([
      `channels.ops.url: ${SECRET_MESSAGE}`,
    ]);
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
    expect(issuesOf(withChannels({ ops: { type: 'wecom', url: '${env:U}', secret: '${env:S}' } }))).toEqual([
      'channels.ops.secret: unknown field',
    ]);
  });

  it('rejects a policy alerting a channel that is not defined', () => {
    const raw = withChannels({ ops: { type: 'webhook', url: '${env:U}' } }, { channels: ['ops', 'pager'] });
    expect(issuesOf(raw)).toEqual(['policies.p.alerts.channels[1]: unknown channel "pager" (defined: ops)']);
  });

  it('says so when a policy names a channel and none are defined', () => {
    expect(issuesOf(rawDoc({ alerts: { channels: ['ops'] } }))).toEqual([
      'policies.p.alerts.channels[0]: unknown channel "ops" (no channels are defined)',
    ]);
  });
});
