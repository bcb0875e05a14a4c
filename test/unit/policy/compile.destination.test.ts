import { compilePolicyObject } from '../../../shared/policy/compile';
import { issuesOf, rawDoc } from './raw';

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
    expect(issuesOf(raw)).toEqual(['policies.p.destination.region: cn-guangzhou is not in guardrails.destinationRegions (cn-beijing, cn-shanghai)']);
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
