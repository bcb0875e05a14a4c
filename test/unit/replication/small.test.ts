import { ChangeBudget } from '../../../shared/replication/budget';
import { canonicalJson } from '../../../shared/replication/canonicalJson';
import { compareVersioning, versioningState } from '../../../shared/replication/versioningAlignment';

describe('ChangeBudget', () => {
  it('allows exactly limit changes', () => {
    const budget = new ChangeBudget(2);
    expect([budget.tryTake(), budget.tryTake(), budget.tryTake()]).toEqual([true, true, false]);
  });

  it('reports what is left', () => {
    const budget = new ChangeBudget(3);
    budget.tryTake();
    expect(budget.remaining).toBe(2);
  });

  it('allows nothing with a zero limit', () => {
    expect(new ChangeBudget(0).tryTake()).toBe(false);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });

  it('drops undefined members', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('keeps array order', () => {
    expect(canonicalJson(['b', 'a'])).toBe('["b","a"]');
  });
});

describe('versioning', () => {
  it('reads a never-versioned bucket as unversioned', () => {
    expect(versioningState(undefined)).toBe('unversioned');
  });

  it('matches equal states', () => {
    expect(compareVersioning('Enabled', 'Enabled')).toBe('match');
  });

  it('can fix an unversioned destination of a versioned source by enabling it', () => {
    expect(compareVersioning('Enabled', 'unversioned')).toBe('enableDestination');
  });

  it('cannot fix a versioned destination of an unversioned source', () => {
    expect(compareVersioning('unversioned', 'Enabled')).toBe('mismatch');
  });

  it('cannot fix a suspended source by touching the destination', () => {
    expect(compareVersioning('Suspended', 'unversioned')).toBe('mismatch');
  });
});
