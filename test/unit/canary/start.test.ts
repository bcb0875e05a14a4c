import { startCanary, writeFailure } from '../../../shared/canary/start';
import type { CanaryTarget } from '../../../shared/canary/types';
import { OssError } from '../../../shared/oss/errors';
import type { OssApi } from '../../../shared/oss/types';
import { compilePolicy } from '../../../shared/policy/compile';

const target: CanaryTarget = {
  sourceBucket: 'src',
  sourceRegion: 'cn-hangzhou',
  ruleId: 'autopilot-r1',
  destinationBucket: 'src-dr',
  destinationRegion: 'cn-beijing',
  prefixes: [],
  actions: ['ALL'],
};
const now = new Date('2024-05-01T00:00:00Z');
const policy = compilePolicy(`
version: 1
policies:
  dr:
    destination: { region: cn-beijing, bucket: "{bucket}-dr" }
    verify: { delaySeconds: 30, timeoutSeconds: 600 }
guardrails: { destinationRegions: [cn-beijing] }
`);
const refused = (code: string, status: number) => new OssError({ code, status, operation: 'PutObject' }, code);

/** An OSS whose PutObject answers `put`; any other call fails the test. */
function oss(put: () => Promise<unknown>): OssApi {
  return new Proxy({} as OssApi, {
    get: (_t, name) => (name === 'putObject' ? put : () => Promise.reject(new Error(`unexpected ${String(name)}`))),
  });
}

describe('startCanary', () => {
  it('writes the canary and schedules its check with the policy timings', async () => {
    const started = await startCanary(
      oss(async () => ({ eTag: '"E"', crc64: '1' })),
      policy,
      'dr',
      target,
      now,
    );
    expect(started.kind === 'written' ? [started.pending.dueAt, started.pending.deadlineAt] : started).toEqual([
      '2024-05-01T00:00:30.000Z',
      '2024-05-01T00:10:00.000Z',
    ]);
  });

  it('uses 60 s and 15 min when the policy that scheduled the canary is gone', async () => {
    const started = await startCanary(
      oss(async () => ({ eTag: '"E"', crc64: '1' })),
      policy,
      'removed',
      target,
      now,
    );
    expect(started.kind === 'written' ? [started.pending.dueAt, started.pending.deadlineAt] : started).toEqual([
      '2024-05-01T00:01:00.000Z',
      '2024-05-01T00:15:00.000Z',
    ]);
  });

  it('records a refused write as a failed canary with its diagnosis', async () => {
    const started = await startCanary(
      oss(() => Promise.reject(refused('AccessDenied', 403))),
      policy,
      'dr',
      target,
      now,
    );
    expect(started.kind === 'failed' ? [started.completed.record.outcome, started.completed.record.detail] : started).toEqual([
      'error',
      expect.stringMatching(/^AccessDenied: Access denied \(PutObject\) writing the canary to src \(cn-hangzhou\), rule autopilot-r1/),
    ]);
  });

  it('calls a deleted source gone, not a failed canary', async () => {
    expect(
      await startCanary(
        oss(() => Promise.reject(refused('NoSuchBucket', 404))),
        policy,
        'dr',
        target,
        now,
      ),
    ).toEqual({ kind: 'source-gone' });
  });

  it('lets an error a retry may fix propagate', async () => {
    await expect(
      startCanary(
        oss(() => Promise.reject(refused('InternalError', 500))),
        policy,
        'dr',
        target,
        now,
      ),
    ).rejects.toThrow('InternalError');
  });
});

describe('writeFailure', () => {
  it('diagnoses only a refusal no retry fixes', () => {
    expect([
      writeFailure(refused('AccessDenied', 403), target)?.code,
      writeFailure(refused('InternalError', 500), target),
      writeFailure(new Error('reset'), target),
    ]).toEqual(['AccessDenied', undefined, undefined]);
  });
});
