/**
 * OSS adds enumeration values over time. An answer parsed with `unknownValues: 'keep'` keeps such a
 * value as sent and lists it on its rule, and the rest of the document reads as usual; a request (the
 * emulator's strict default) is still refused with InvalidArgument, as OSS refuses it.
 */
import { XmlValueError } from '../../../shared/xml/errors';
import { parseBucketInfo } from '../../../shared/xml/bucketInfo';
import { parseReplicationConfiguration } from '../../../shared/xml/replicationConfiguration';
import { parseReplicationProgress } from '../../../shared/xml/replicationProgress';
import { parseVersioningConfiguration } from '../../../shared/xml/versioningConfiguration';
import { fixture } from './fixtures';

const KEEP = { unknownValues: 'keep' } as const;

function rule(id: string, inner: string): string {
  return `<Rule><ID>${id}</ID><Action>ALL</Action><Destination><Bucket>${id}-dst</Bucket><Location>oss-cn-beijing</Location></Destination>${inner}</Rule>`;
}

const config = (...rules: string[]): string => `<ReplicationConfiguration>${rules.join('')}</ReplicationConfiguration>`;
const known = rule('known', '<Status>doing</Status><HistoricalObjectReplication>enabled</HistoricalObjectReplication>');

describe('GetBucketReplication answers with values this code does not know', () => {
  it('keeps an unknown rule Status as sent, lists it, and reads the other rules as usual', () => {
    const parsed = parseReplicationConfiguration(config(rule('odd', '<Status>paused</Status>'), known), KEEP);
    expect(parsed.rules[0]).toMatchObject({ id: 'odd', status: 'paused', unrecognised: [{ field: 'Status', value: 'paused' }] });
    expect(parsed.rules[1]).toMatchObject({ id: 'known', status: 'doing' });
    expect(parsed.rules[1]).not.toHaveProperty('unrecognised');
  });

  it('keeps an unknown transfer type, RTC status, historical toggle and SSE-KMS status', () => {
    const xml = config(
      '<Rule><ID>odd</ID><Destination><Bucket>d</Bucket><Location>oss-cn-beijing</Location><TransferType>oss_turbo</TransferType></Destination>' +
        '<Status>doing</Status><HistoricalObjectReplication>partial</HistoricalObjectReplication>' +
        '<SourceSelectionCriteria><SseKmsEncryptedObjects><Status>Auto</Status></SseKmsEncryptedObjects></SourceSelectionCriteria>' +
        '<RTC><Status>draining</Status></RTC></Rule>',
    );
    const [odd] = parseReplicationConfiguration(xml, KEEP).rules;
    expect(odd).toMatchObject({
      destination: { transferType: 'oss_turbo' },
      historicalObjectReplication: 'partial',
      sseKmsEncryptedObjects: 'Auto',
      rtc: 'draining',
    });
    expect(odd!.unrecognised!.map((u) => u.field).sort()).toEqual([
      'Destination.TransferType',
      'HistoricalObjectReplication',
      'RTC.Status',
      'SourceSelectionCriteria.SseKmsEncryptedObjects.Status',
    ]);
  });

  it('leaves an unknown action out of the action list and lists it', () => {
    const [odd] = parseReplicationConfiguration(
      config(rule('odd', '<Status>doing</Status>').replace('<Action>ALL</Action>', '<Action>PUT,REPLACE</Action>')),
      KEEP,
    ).rules;
    expect(odd).toMatchObject({ actions: ['PUT'], unrecognised: [{ field: 'Action', value: 'REPLACE' }] });
  });

  it('still refuses an unknown value in a request (the emulator validates as OSS does)', () => {
    expect(() => parseReplicationConfiguration(config(rule('odd', '<Status>paused</Status>')))).toThrow(XmlValueError);
    expect(() => parseReplicationConfiguration(config(rule('odd', '<RTC><Status>draining</Status></RTC>')))).toThrow(XmlValueError);
  });

  it('reads known documents exactly as before', () => {
    const xml = fixture('replication/get-go-sdk-rtc-kms.xml');
    expect(parseReplicationConfiguration(xml, KEEP)).toEqual(parseReplicationConfiguration(xml));
  });
});

describe('other answers with values this code does not know', () => {
  it('GetBucketReplicationProgress keeps an unknown Status and still reads the progress', () => {
    const xml =
      '<ReplicationProgress><Rule><ID>r1</ID><Destination><Bucket>b</Bucket><Location>oss-cn-beijing</Location></Destination><Status>throttled</Status><Progress><HistoricalObject>0.5</HistoricalObject><NewObject>2026-01-02T03:04:05.000Z</NewObject></Progress></Rule></ReplicationProgress>';
    const [r] = parseReplicationProgress(xml, KEEP).rules;
    expect(r).toMatchObject({
      status: 'throttled',
      unrecognised: [{ field: 'Status', value: 'throttled' }],
      progress: { historicalObject: 0.5, newObject: '2026-01-02T03:04:05.000Z' },
    });
    expect(() => parseReplicationProgress(xml)).toThrow(XmlValueError);
  });

  it('GetBucketVersioning keeps an unknown Status, which is never "never versioned"', () => {
    const parsed = parseVersioningConfiguration('<VersioningConfiguration><Status>Frozen</Status></VersioningConfiguration>', KEEP);
    expect(parsed).toEqual({ status: 'Frozen', unrecognised: [{ field: 'Status', value: 'Frozen' }] });
  });

  it('GetBucketInfo keeps an unknown Versioning and reads the rest', () => {
    const xml = fixture('bucket-info/go-v2.xml').replace('</Bucket>', '<Versioning>Frozen</Versioning></Bucket>');
    const info = parseBucketInfo(xml, KEEP);
    expect(info).toMatchObject({ versioning: 'Frozen', unrecognised: [{ field: 'Versioning', value: 'Frozen' }] });
    expect(info.name).toBeTruthy();
  });
});
