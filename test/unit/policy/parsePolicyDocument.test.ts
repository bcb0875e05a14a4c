import { formatIssue, parsePolicyDocument, PolicyValidationError } from '../../../shared/policy/runtime';
import { compiledDocument, compiledPolicy } from './docs';

const issuesOf = (json: unknown): string[] => {
  try {
    parsePolicyDocument(json);
  } catch (err) {
    if (err instanceof PolicyValidationError) return err.issues.map(formatIssue);
    throw err;
  }
  return [];
};

describe('parsePolicyDocument', () => {
  it('returns a well-formed compiled document unchanged', () => {
    const doc = compiledDocument([compiledPolicy('dr-beijing')]);
    expect(parsePolicyDocument(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
  });

  it('rejects a non-object', () => {
    expect(issuesOf('policy')).toEqual(['must be an object']);
  });

  it('rejects an unknown version', () => {
    expect(issuesOf({ ...compiledDocument([]), version: 2 })).toEqual(['version: must be one of 1']);
  });

  it('rejects a policy whose name differs from its key', () => {
    const doc = compiledDocument([compiledPolicy('a')]);
    const json = { ...doc, policies: { b: doc.policies.a } };
    expect(issuesOf(json)).toEqual(['policies.b.name: must equal the policy\'s key "b"']);
  });

  it('reports every malformed field with its path', () => {
    const policy = { ...compiledPolicy('a'), prefixes: 'logs/', kms: { syncRole: 'r' } };
    const json = { ...compiledDocument([]), policies: { a: policy }, guardrails: { destinationRegions: [], destinationBuckets: ['*'] } };
    expect(issuesOf(json)).toEqual([
      'guardrails.maxChangesPerRun: must be a number',
      'policies.a.prefixes: must be an array of strings',
      'policies.a.kms.replicaKmsKeyId: must be a string',
    ]);
  });

  it('accepts an audit turned off and names a malformed audit budget', () => {
    expect(issuesOf(compiledDocument([compiledPolicy('a', { audit: null })]))).toEqual([]);
    const json = { ...compiledDocument([]), policies: { a: { ...compiledPolicy('a'), audit: { everyHours: 24, pagesPerRun: '100' } } } };
    expect(issuesOf(json)).toEqual(['policies.a.audit.pagesPerRun: must be a number', 'policies.a.audit.headsPerRun: must be a number']);
    const daily = { ...compiledDocument([]), policies: { a: { ...compiledPolicy('a'), audit: 'daily' } } };
    expect(issuesOf(daily)).toEqual(['policies.a.audit: must be an object']);
  });

  it('throws PolicyValidationError with code InvalidPolicy', () => {
    expect(() => parsePolicyDocument(null)).toThrow(expect.objectContaining({ code: 'InvalidPolicy' }));
  });
});
