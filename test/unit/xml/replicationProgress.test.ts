import { buildReplicationProgress, parseReplicationProgress } from '../../../shared/xml/replicationProgress';
import type { ReplicationProgressRule } from '../../../shared/xml/types';
import { fixture, roundTrip } from './fixtures';

const baseRule: ReplicationProgressRule = {
  id: 'r1',
  prefixes: [],
  actions: ['ALL'],
  destination: { bucket: 'dst', location: 'oss-cn-beijing' },
  status: 'doing',
  historicalObjectReplication: 'enabled',
  progress: { historicalObject: 0.5, newObject: '2024-01-01T00:00:00.000Z' },
};

function progressXml(inner: string): string {
  return `<ReplicationProgress><Rule><ID>r1</ID><Destination><Bucket>b</Bucket><Location>oss-cn-beijing</Location></Destination><Status>doing</Status>${inner}</Rule></ReplicationProgress>`;
}

describe('ReplicationProgress golden fixtures', () => {
  it('reads the oss2 fixture and round-trips it', () => {
    const { model, again } = roundTrip(fixture('replication-progress/oss2.xml'), parseReplicationProgress, buildReplicationProgress);
    expect(model.rules).toEqual([
      {
        id: 'test_replication_1',
        prefixes: ['source_image', 'video'],
        actions: ['PUT', 'ABORT', 'DELETE'],
        destination: { bucket: 'target-bucket', location: 'oss-cn-beijing', transferType: 'oss_acc' },
        status: 'doing',
        historicalObjectReplication: 'enabled',
        progress: { historicalObject: 0.85, newObject: '2015-09-24T15:28:14.000Z' },
      },
    ]);
    expect(again).toEqual(model);
  });

  it('trims the stray space after NewObject in the doc sample', () => {
    const { model, again } = roundTrip(
      fixture('replication-progress/doc-sample-stray-space.xml'),
      parseReplicationProgress,
      buildReplicationProgress,
    );
    expect(model.rules[0]?.progress?.newObject).toBe('2015-09-24T15:28:14.000Z');
    expect(model.rules[0]?.actions).toEqual(['PUT']);
    expect(again).toEqual(model);
  });

  it('reads progress with only NewObject when historical replication is disabled', () => {
    const { model, again } = roundTrip(
      fixture('replication-progress/live-historical-disabled.xml'),
      parseReplicationProgress,
      buildReplicationProgress,
    );
    expect(model.rules[0]?.progress).toEqual({ newObject: '2021-01-19T05:53:07.000Z' });
    expect(again).toEqual(model);
  });
});

describe('ReplicationProgress quirks', () => {
  it('reads HistoricalObject as a fraction with surrounding whitespace', () => {
    const model = parseReplicationProgress(progressXml('<Progress><HistoricalObject> 0.85\n</HistoricalObject></Progress>'));
    expect(model.rules[0]?.progress?.historicalObject).toBeCloseTo(0.85, 10);
  });

  it('rejects a percentage in HistoricalObject', () => {
    expect(() => parseReplicationProgress(progressXml('<Progress><HistoricalObject>85%</HistoricalObject></Progress>'))).toThrow(
      expect.objectContaining({ code: 'InvalidArgument' }),
    );
  });

  it('rejects a HistoricalObject above 1', () => {
    expect(() => parseReplicationProgress(progressXml('<Progress><HistoricalObject>85</HistoricalObject></Progress>'))).toThrow(
      expect.objectContaining({ code: 'InvalidArgument' }),
    );
  });

  it('leaves progress undefined while the rule is starting', () => {
    const xml = progressXml('').replace('<Status>doing</Status>', '<Status>starting</Status>');
    expect(parseReplicationProgress(xml).rules[0]?.progress).toBeUndefined();
  });

  it('reads several rules as a list', () => {
    const xml = buildReplicationProgress({ rules: [baseRule, { ...baseRule, id: 'r2' }] });
    expect(parseReplicationProgress(xml).rules.map((rule) => rule.id)).toEqual(['r1', 'r2']);
  });

  it('emits HistoricalObject as a decimal fraction', () => {
    expect(buildReplicationProgress({ rules: [baseRule] })).toContain('<HistoricalObject>0.5</HistoricalObject>');
  });

  it('omits TransferType internal, as OSS answers do', () => {
    const xml = buildReplicationProgress({ rules: [{ ...baseRule, destination: { ...baseRule.destination, transferType: 'internal' } }] });
    expect(xml).not.toContain('TransferType');
  });

  it('requires Status on every rule', () => {
    const xml =
      '<ReplicationProgress><Rule><ID>r1</ID><Destination><Bucket>b</Bucket><Location>oss-cn-beijing</Location></Destination></Rule></ReplicationProgress>';
    expect(() => parseReplicationProgress(xml)).toThrow(
      expect.objectContaining({ code: 'MalformedXML', path: 'ReplicationProgress.Rule[0].Status' }),
    );
  });

  it('reads an empty document as no rules', () => {
    expect(parseReplicationProgress('<ReplicationProgress/>').rules).toEqual([]);
  });
});
