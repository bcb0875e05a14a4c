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
