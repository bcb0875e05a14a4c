import { compilePolicy } from '../../../shared/policy/compile';
import { PolicyValidationError } from '../../../shared/policy/errors';
import { issuesOf, rawDoc } from './raw';

const NAME_RULE = 'names use letters, digits, "-" and "_" (no commas, spaces or dots), at most 63 characters';

const compileError = (yaml: string): PolicyValidationError => {
  try {
    compilePolicy(yaml);
  } catch (err) {
    if (err instanceof PolicyValidationError) return err;
    throw err;
  }
  throw new Error('expected the policy to be invalid');
};

describe('policy document', () => {
  it('requires version 1', () => {
    expect(issuesOf({ ...rawDoc(), version: 2 })).toEqual(['version: must be 1']);
  });

  it('requires a policies mapping', () => {
    expect(issuesOf({ version: 1 })).toEqual(['policies: required']);
  });

  it('rejects an unknown top-level field', () => {
    expect(issuesOf({ ...rawDoc(), onUntagged: 'keep' })).toEqual(['onUntagged: unknown field']);
  });

  it('rejects an unknown onUntag value', () => {
    expect(issuesOf({ ...rawDoc(), onUntag: 'delete' })).toEqual(['onUntag: must be one of keep, remove']);
  });

  it('rejects a policy name a tag value could not carry', () => {
    const raw = { version: 1, policies: { 'dr beijing': (rawDoc().policies as Record<string, unknown>).p } };
    expect(issuesOf(raw)).toEqual([`policies.dr beijing: ${NAME_RULE}`]);
  });

  it('rejects an empty destinationBuckets guardrail', () => {
    expect(issuesOf(rawDoc({}, { guardrails: { destinationBuckets: [] } }))).toEqual([
      'guardrails.destinationBuckets: must list at least one pattern ("*" allows any bucket)',
    ]);
  });

  it('rejects a bucket pattern with characters buckets cannot have', () => {
    expect(issuesOf(rawDoc({}, { guardrails: { destinationBuckets: ['*.dr'] } }))).toEqual([
      'guardrails.destinationBuckets[0]: must use only lowercase letters, digits, "-" and "*"',
    ]);
  });

  it('rejects a zero maxChangesPerRun', () => {
    expect(issuesOf(rawDoc({}, { guardrails: { maxChangesPerRun: 0 } }))).toEqual(['guardrails.maxChangesPerRun: must be at least 1']);
  });

  it('reports problems from several policies, channels and guardrails together', () => {
    const raw = {
      version: 1,
      policies: {
        a: { destination: { region: 'cn-beijing', bucket: '{bucket}-dr' }, prefixes: ['x/', 'x/y/'] },
        b: { destination: { region: 'cn-beijing', bucket: '{bucket}-dr' }, actions: ['ALL', 'PUT'], rtc: 'yes' },
      },
      channels: { ops: { type: 'slack', url: 'https://hooks.example.test/T/B/X' } },
      guardrails: { maxChangesPerRun: -1 },
    };
    expect(issuesOf(raw)).toEqual([
      'guardrails.maxChangesPerRun: must be at least 1',
      'channels.ops.url: must be an ${env:NAME} reference, not a literal secret',
      'policies.a.prefixes[1]: overlaps "x/"',
      'policies.b.rtc: must be a boolean',
      'policies.b.actions: ALL cannot be combined with other actions',
    ]);
  });

  it('throws InvalidPolicy with one "path: message" line per issue', () => {
    const err = compileError(
      'version: 1\npolicies:\n  p:\n    destination: { region: cn-beijing, bucket: x-dr }\n    mode: up\n    rtc: 1\n',
    );
    expect(err.code).toBe('InvalidPolicy');
    expect(err.message.split('\n')).toEqual(['policies.p.mode: must be one of crr, srr, any', 'policies.p.rtc: must be a boolean']);
  });

  it('gives each issue the YAML line it points at', () => {
    const yaml = [
      'version: 1',
      'policies:',
      '  p:',
      '    destination:',
      '      region: cn-beijing',
      '      bucket: "{bucket}-dr"',
      '    prefixes:',
      '      - logs/',
      '      - logs/a/',
    ].join('\n');
    expect(compileError(yaml).issues).toEqual([{ path: 'policies.p.prefixes[1]', message: 'overlaps "logs/"', line: 9 }]);
  });

  it('reports a YAML syntax error with its line', () => {
    const err = compileError('version: 1\npolicies: [a\nonUntag: keep\n');
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]?.line).toBe(3);
    expect(err.issues[0]?.message).toMatch(/^invalid YAML at line 3, column 1: /);
  });

  it('rejects a duplicate key', () => {
    const err = compileError('version: 1\npolicies: {}\nversion: 1\n');
    expect(err.issues[0]).toEqual(expect.objectContaining({ line: 3, message: expect.stringMatching(/unique/) }));
  });
});
