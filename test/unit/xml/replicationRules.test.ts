import { buildReplicationRules, parseReplicationRules } from '../../../shared/xml/replicationRules';
import { fixture, roundTrip } from './fixtures';

describe('ReplicationRules', () => {
  it('reads the documented delete body and round-trips it', () => {
    const { model, again } = roundTrip(fixture('replication-rules/delete-doc.xml'), parseReplicationRules, buildReplicationRules);
    expect(model).toEqual({ ids: ['rule-1'] });
    expect(again).toEqual(model);
  });

  it('reads the compact SDK delete body', () => {
    expect(parseReplicationRules(fixture('replication-rules/delete-sdk.xml'))).toEqual({ ids: ['rule-1'] });
  });

  it('reads several IDs in order', () => {
    expect(parseReplicationRules(buildReplicationRules({ ids: ['a', '2', 'c'] })).ids).toEqual(['a', '2', 'c']);
  });

  it('keeps an empty ID as an empty string for the caller to reject', () => {
    expect(parseReplicationRules('<ReplicationRules><ID></ID></ReplicationRules>').ids).toEqual(['']);
  });

  it('rejects a body without any ID', () => {
    expect(() => parseReplicationRules('<ReplicationRules/>')).toThrow(
      expect.objectContaining({ code: 'MalformedXML', reason: 'missing' }),
    );
  });

  it('builds one ID element per rule', () => {
    expect(buildReplicationRules({ ids: ['r1'] })).toContain('<ReplicationRules><ID>r1</ID></ReplicationRules>');
  });
});
