import { checkGuardrails } from '../../../shared/policy/runtime';
import { compiledDocument, compiledPolicy } from './docs';

const crr = compiledPolicy('dr-beijing');
const srr = compiledPolicy('same-region', { mode: 'srr' });
const guarded = compiledDocument([crr, srr], {
  guardrails: { destinationRegions: ['cn-beijing', 'cn-shanghai'], destinationBuckets: ['*-dr', 'backup-*'], maxChangesPerRun: 10 },
});
const allowedPair = {
  sourceBucket: 'photos',
  sourceRegion: 'cn-hangzhou',
  destinationBucket: 'photos-dr',
  destinationRegion: 'cn-beijing',
};

const codes = (v: { code: string }[]): string[] => v.map((x) => x.code);

describe('checkGuardrails', () => {
  it('allows a pair inside every guardrail', () => {
    expect(checkGuardrails(guarded, crr, allowedPair)).toEqual([]);
  });

  it('reports RegionNotAllowed for a destination region outside destinationRegions', () => {
    expect(codes(checkGuardrails(guarded, crr, { ...allowedPair, destinationRegion: 'us-west-1' }))).toEqual(['RegionNotAllowed']);
  });

  it('allows any region when destinationRegions is empty', () => {
    const open = compiledDocument([crr]);
    expect(checkGuardrails(open, crr, { ...allowedPair, destinationRegion: 'us-west-1' })).toEqual([]);
  });

  it('compares regions with or without the oss- prefix', () => {
    expect(checkGuardrails(guarded, crr, { ...allowedPair, destinationRegion: 'oss-cn-beijing', sourceRegion: 'oss-cn-hangzhou' })).toEqual(
      [],
    );
  });

  it('reports BucketNotAllowed for a destination bucket matching no pattern', () => {
    expect(codes(checkGuardrails(guarded, crr, { ...allowedPair, destinationBucket: 'attacker-bucket' }))).toEqual(['BucketNotAllowed']);
  });

  it('reports BucketNotAllowed for every bucket when destinationBuckets is empty', () => {
    const closed = compiledDocument([crr], { guardrails: { destinationRegions: [], destinationBuckets: [], maxChangesPerRun: 1 } });
    expect(codes(checkGuardrails(closed, crr, allowedPair))).toEqual(['BucketNotAllowed']);
  });

  it('reports SameBucket when the destination is the source', () => {
    const pair = { ...allowedPair, destinationBucket: 'photos-dr', sourceBucket: 'photos-dr' };
    expect(codes(checkGuardrails(guarded, crr, pair))).toEqual(['SameBucket']);
  });

  it('reports ModeMismatch for a crr policy within one region', () => {
    const pair = { ...allowedPair, sourceRegion: 'cn-beijing' };
    expect(codes(checkGuardrails(guarded, crr, pair))).toEqual(['ModeMismatch']);
  });

  it('reports ModeMismatch for an srr policy across regions', () => {
    expect(codes(checkGuardrails(guarded, srr, allowedPair))).toEqual(['ModeMismatch']);
  });

  it('accepts either region relation for mode any', () => {
    const any = compiledPolicy('any', { mode: 'any' });
    expect(checkGuardrails(guarded, any, allowedPair)).toEqual([]);
    expect(checkGuardrails(guarded, any, { ...allowedPair, sourceRegion: 'cn-beijing' })).toEqual([]);
  });

  it('reports every violated guardrail at once', () => {
    const pair = { sourceBucket: 'x', sourceRegion: 'eu-central-1', destinationBucket: 'x', destinationRegion: 'eu-central-1' };
    expect(codes(checkGuardrails(guarded, crr, pair))).toEqual(['RegionNotAllowed', 'BucketNotAllowed', 'SameBucket', 'ModeMismatch']);
  });
});
