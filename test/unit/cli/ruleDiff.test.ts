import { ruleDiff } from '../../../cli/ruleDiff';
import type { ReplicationRule } from '../../../shared/xml';

const rule: ReplicationRule = {
  id: 'autopilot-dr-1',
  prefixes: ['logs/'],
  actions: ['ALL'],
  destination: { bucket: 'photos-dr', location: 'oss-cn-beijing' },
  historicalObjectReplication: 'enabled',
};

describe('ruleDiff', () => {
  it('lists every field of an added rule, leaving out options at their default', () => {
    expect(ruleDiff(undefined, rule)).toEqual([
      '+ destination: photos-dr (oss-cn-beijing)',
      '+ prefixes: logs/',
      '+ actions: ALL',
      '+ historical: enabled',
      '+ transferType: internal',
    ]);
  });

  it('lists every field of a deleted rule with a minus', () => {
    expect(ruleDiff({ ...rule, rtc: 'enabled' }, undefined)).toContain('- rtc: enabled');
  });

  it('shows only the fields that change when one rule replaces another', () => {
    const next: ReplicationRule = {
      ...rule,
      id: 'autopilot-dr-2',
      prefixes: [],
      actions: ['PUT'],
      destination: { ...rule.destination, transferType: 'oss_acc' },
    };
    expect(ruleDiff(rule, next)).toEqual([
      '~ prefixes: logs/ -> (whole bucket)',
      '~ actions: ALL -> PUT',
      '~ transferType: internal -> oss_acc',
    ]);
  });

  it('finds nothing to show between two rules that differ only in their id', () => {
    expect(ruleDiff(rule, { ...rule, id: 'other' })).toEqual([]);
  });
});
