import { policiesForTags } from '../../../shared/policy/runtime';
import { compiledDocument, compiledPolicy } from './docs';

const beijing = compiledPolicy('dr-beijing');
const shanghai = compiledPolicy('dr-shanghai', { destination: { ...beijing.destination, region: 'cn-shanghai' } });
const doc = compiledDocument([beijing, shanghai]);

describe('policiesForTags', () => {
  it('selects the policy the selector tag names', () => {
    expect(policiesForTags(doc, [{ key: 'replication-policy', value: 'dr-beijing' }])).toEqual({ policies: [beijing] });
  });

  it('selects several policies from a comma-separated value, in the order named', () => {
    const match = policiesForTags(doc, [{ key: 'replication-policy', value: 'dr-shanghai, dr-beijing' }]);
    expect(match).toEqual({ policies: [shanghai, beijing] });
  });

  it('selects a policy named twice only once', () => {
    expect(policiesForTags(doc, [{ key: 'replication-policy', value: 'dr-beijing,dr-beijing' }])).toEqual({ policies: [beijing] });
  });

  it('reports an unknown name as UnknownPolicy instead of falling back', () => {
    const match = policiesForTags(doc, [{ key: 'replication-policy', value: 'dr-beijing,dr-mars' }]);
    expect(match).toEqual({ error: { code: 'UnknownPolicy', name: 'dr-mars' } });
  });

  it('does not resolve names that only exist on Object.prototype', () => {
    expect(policiesForTags(doc, [{ key: 'replication-policy', value: 'constructor' }])).toEqual({
      error: { code: 'UnknownPolicy', name: 'constructor' },
    });
  });

  it('selects nothing when the selector tag is absent', () => {
    expect(policiesForTags(doc, [{ key: 'owner', value: 'dr-beijing' }])).toEqual({ none: true });
  });

  it('selects nothing when the selector tag value is empty or only commas', () => {
    expect(policiesForTags(doc, [{ key: 'replication-policy', value: ' , ' }])).toEqual({ none: true });
  });

  it('reads the tag key from the document selector', () => {
    const custom = compiledDocument([beijing], { selector: { tagKey: 'dr' } });
    expect(policiesForTags(custom, [{ key: 'replication-policy', value: 'dr-beijing' }])).toEqual({ none: true });
    expect(policiesForTags(custom, [{ key: 'dr', value: 'dr-beijing' }])).toEqual({ policies: [beijing] });
  });
});
