import { parseReplicationConfiguration, buildReplicationConfiguration } from '../../../shared/xml/replicationConfiguration';
import { XmlParseError, XmlValueError } from '../../../shared/xml/errors';
import type { ReplicationConfiguration, ReplicationRule } from '../../../shared/xml/types';
import { fixture, roundTrip } from './fixtures';

const asResponse = (cfg: ReplicationConfiguration): string => buildReplicationConfiguration(cfg, { forResponse: true });
const asRequest = (cfg: ReplicationConfiguration): string => buildReplicationConfiguration(cfg, { forResponse: false });

function onlyRule(cfg: ReplicationConfiguration): ReplicationRule {
  expect(cfg.rules).toHaveLength(1);
  return cfg.rules[0]!;
}

const baseRule: ReplicationRule = {
  id: 'r1',
  prefixes: [],
  actions: ['ALL'],
  destination: { bucket: 'dst', location: 'oss-cn-beijing' },
  historicalObjectReplication: 'enabled',
};

describe('ReplicationConfiguration golden fixtures', () => {
  it('reads the GetBucketReplication doc sample and round-trips it as a response', () => {
    const { model, again } = roundTrip(fixture('replication/get-doc-sample.xml'), parseReplicationConfiguration, asResponse);
    expect(onlyRule(model)).toEqual({
      id: 'test_replication_1',
      prefixes: ['source_image', 'video'],
      actions: ['PUT'],
      destination: { bucket: 'target-bucket', location: 'oss-cn-beijing', transferType: 'oss_acc' },
      status: 'doing',
      historicalObjectReplication: 'enabled',
      syncRole: 'acs:ram::174649585760****:role/aliyunramrole',
    });
    expect(again).toEqual(model);
  });

  it('reads RTC and KMS fields from the Go SDK fixture and round-trips them', () => {
    const { model, again } = roundTrip(fixture('replication/get-go-sdk-rtc-kms.xml'), parseReplicationConfiguration, asResponse);
    const rule = onlyRule(model);
    expect(rule.rtc).toBe('enabled');
    expect(rule.sseKmsEncryptedObjects).toBe('Enabled');
    expect(rule.replicaKmsKeyId).toBe('c4d49f85-ee30-426b-a5ed-95e9139d****');
    expect(rule.syncRole).toBe('aliyunramrole');
    expect(again).toEqual(model);
  });

  it('reads the minimal live rule without TransferType, PrefixSet or RTC', () => {
    const { model, again } = roundTrip(fixture('replication/get-live-minimal.xml'), parseReplicationConfiguration, asResponse);
    expect(onlyRule(model)).toEqual({
      id: '83925164-b43e-42c8-b755-************',
      prefixes: [],
      actions: ['ALL'],
      destination: { bucket: 'replication-test', location: 'oss-cn-beijing' },
      status: 'starting',
      historicalObjectReplication: 'disabled',
    });
    expect(again).toEqual(model);
  });

  it('reads the documented PUT request with TransferType internal and round-trips it as a request', () => {
    const { model, again } = roundTrip(fixture('replication/put-doc-request.xml'), parseReplicationConfiguration, asRequest);
    const rule = onlyRule(model);
    expect(rule.prefixes).toEqual(['logs/', 'img/']);
    expect(rule.actions).toEqual(['PUT', 'DELETE']);
    expect(rule.destination.transferType).toBe('internal');
    expect(rule.status).toBeUndefined();
    expect(again).toEqual(model);
  });

  it('reads the oss2 request body in its own element order', () => {
    const { model, again } = roundTrip(fixture('replication/put-oss2.xml'), parseReplicationConfiguration, asRequest);
    const rule = onlyRule(model);
    expect(rule.id).toBe('rule-1');
    expect(rule.actions).toEqual(['PUT', 'DELETE', 'ABORT']);
    expect(rule.prefixes).toEqual(['a/', 'b/']);
    expect(rule.historicalObjectReplication).toBe('disabled');
    expect(again).toEqual(model);
  });

  it('reads the Go v2 request body without ID or Action', () => {
    const { model, again } = roundTrip(fixture('replication/put-go-v2.xml'), parseReplicationConfiguration, asRequest);
    const rule = onlyRule(model);
    expect(rule.id).toBeUndefined();
    expect(rule.actions).toEqual(['ALL']);
    expect(rule.rtc).toBe('enabled');
    expect(rule.sseKmsEncryptedObjects).toBe('Enabled');
    expect(again).toEqual(model);
  });

  it('normalises the lowercase all that Go v1 sends', () => {
    const { model, again } = roundTrip(fixture('replication/put-go-v1.xml'), parseReplicationConfiguration, asRequest);
    expect(onlyRule(model).actions).toEqual(['ALL']);
    expect(onlyRule(model).prefixes).toEqual(['prefix_1', 'prefix_2']);
    expect(again).toEqual(model);
  });

  it('treats the empty ID that Java sends as no ID', () => {
    const { model, again } = roundTrip(fixture('replication/put-java-shape.xml'), parseReplicationConfiguration, asRequest);
    const rule = onlyRule(model);
    expect(rule.id).toBeUndefined();
    expect(rule.destination.transferType).toBeUndefined();
    expect(rule.replicaKmsKeyId).toBe('c4d49f85-ee30-426b-a5ed-95e9139d****');
    expect(again).toEqual(model);
  });
});

describe('ReplicationConfiguration quirks', () => {
  it('parses several rules as a list', () => {
    const second = { ...baseRule, id: 'r2', destination: { bucket: 'dst2', location: 'oss-cn-shanghai' } };
    const cfg = parseReplicationConfiguration(asRequest({ rules: [baseRule, second] }));
    expect(cfg.rules.map((rule) => rule.id)).toEqual(['r1', 'r2']);
  });

  it('parses a single Prefix as a one-element list', () => {
    const rule = onlyRule(parseReplicationConfiguration(asRequest({ rules: [{ ...baseRule, prefixes: ['only/'] }] })));
    expect(rule.prefixes).toEqual(['only/']);
  });

  it('joins actions with commas and no spaces', () => {
    const xml = asRequest({ rules: [{ ...baseRule, actions: ['PUT', 'DELETE', 'ABORT'] }] });
    expect(xml).toContain('<Action>PUT,DELETE,ABORT</Action>');
  });

  it('tolerates spaces and lowercase in Action', () => {
    const xml =
      '<ReplicationConfiguration><Rule><Action> put , Delete </Action><Destination><Bucket>b</Bucket><Location>oss-cn-beijing</Location></Destination></Rule></ReplicationConfiguration>';
    expect(onlyRule(parseReplicationConfiguration(xml)).actions).toEqual(['PUT', 'DELETE']);
  });

  it('rejects an unknown Action token as InvalidArgument', () => {
    const xml =
      '<ReplicationConfiguration><Rule><Action>PUT,SET</Action><Destination><Bucket>b</Bucket><Location>oss-cn-beijing</Location></Destination></Rule></ReplicationConfiguration>';
    expect(() => parseReplicationConfiguration(xml)).toThrow(XmlValueError);
    expect(() => parseReplicationConfiguration(xml)).toThrow(
      expect.objectContaining({ code: 'InvalidArgument', path: 'ReplicationConfiguration.Rule[0].Action' }),
    );
  });

  it('rejects a HistoricalObjectReplication value other than enabled or disabled', () => {
    const xml =
      '<ReplicationConfiguration><Rule><Destination><Bucket>b</Bucket><Location>oss-cn-beijing</Location></Destination><HistoricalObjectReplication>open</HistoricalObjectReplication></Rule></ReplicationConfiguration>';
    expect(() => parseReplicationConfiguration(xml)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });

  it('reads capitalised HistoricalObjectReplication from the old doc table as lowercase', () => {
    const xml =
      '<ReplicationConfiguration><Rule><Destination><Bucket>b</Bucket><Location>oss-cn-beijing</Location></Destination><HistoricalObjectReplication>Disabled</HistoricalObjectReplication></Rule></ReplicationConfiguration>';
    expect(onlyRule(parseReplicationConfiguration(xml)).historicalObjectReplication).toBe('disabled');
  });

  it('emits lowercase HistoricalObjectReplication and RTC but capitalised SSE-KMS status', () => {
    const xml = asRequest({ rules: [{ ...baseRule, rtc: 'enabled', sseKmsEncryptedObjects: 'Enabled', replicaKmsKeyId: 'k' }] });
    expect(xml).toContain('<HistoricalObjectReplication>enabled</HistoricalObjectReplication>');
    expect(xml).toContain('<RTC><Status>enabled</Status></RTC>');
    expect(xml).toContain(
      '<SourceSelectionCriteria><SseKmsEncryptedObjects><Status>Enabled</Status></SseKmsEncryptedObjects></SourceSelectionCriteria>',
    );
  });

  it('reads a missing HistoricalObjectReplication as enabled and a missing Action as ALL', () => {
    const xml =
      '<ReplicationConfiguration><Rule><Destination><Bucket>b</Bucket><Location>oss-cn-beijing</Location></Destination></Rule></ReplicationConfiguration>';
    const rule = onlyRule(parseReplicationConfiguration(xml));
    expect(rule.historicalObjectReplication).toBe('enabled');
    expect(rule.actions).toEqual(['ALL']);
  });

  it('never emits Status in the request form', () => {
    const xml = asRequest({ rules: [{ ...baseRule, status: 'doing' }] });
    expect(xml).not.toContain('<Status>');
  });

  it('emits Status in the response form', () => {
    const xml = asResponse({ rules: [{ ...baseRule, status: 'closing' }] });
    expect(xml).toContain('<Status>closing</Status>');
  });

  it('emits TransferType internal in the request form when set', () => {
    const xml = asRequest({ rules: [{ ...baseRule, destination: { ...baseRule.destination, transferType: 'internal' } }] });
    expect(xml).toContain('<TransferType>internal</TransferType>');
  });

  it('omits TransferType in the request form when unset', () => {
    expect(asRequest({ rules: [baseRule] })).not.toContain('TransferType');
  });

  it('omits TransferType internal in the response form', () => {
    const xml = asResponse({ rules: [{ ...baseRule, destination: { ...baseRule.destination, transferType: 'internal' } }] });
    expect(xml).not.toContain('TransferType');
  });

  it('emits TransferType oss_acc in the response form', () => {
    const xml = asResponse({ rules: [{ ...baseRule, destination: { ...baseRule.destination, transferType: 'oss_acc' } }] });
    expect(xml).toContain('<TransferType>oss_acc</TransferType>');
  });

  it('omits PrefixSet when the rule covers the whole bucket', () => {
    expect(asRequest({ rules: [baseRule] })).not.toContain('PrefixSet');
  });

  it('keeps a numeric-looking rule ID and bucket name as strings', () => {
    const rule = onlyRule(
      parseReplicationConfiguration(
        asRequest({ rules: [{ ...baseRule, id: '007', destination: { bucket: '123', location: 'oss-cn-beijing' } }] }),
      ),
    );
    expect(rule.id).toBe('007');
    expect(rule.destination.bucket).toBe('123');
  });

  it('escapes an ampersand in a prefix and reads it back', () => {
    const xml = asRequest({ rules: [{ ...baseRule, prefixes: ['a&b<c>/'] }] });
    expect(xml).toContain('<Prefix>a&amp;b&lt;c&gt;/</Prefix>');
    expect(onlyRule(parseReplicationConfiguration(xml)).prefixes).toEqual(['a&b<c>/']);
  });

  it('starts built documents with the XML declaration', () => {
    expect(asRequest({ rules: [baseRule] }).startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('puts no namespace on the root', () => {
    expect(asResponse({ rules: [baseRule] })).toContain('<ReplicationConfiguration>');
  });

  it('rejects a rule without Destination as MalformedXML naming the element', () => {
    const xml = '<ReplicationConfiguration><Rule><ID>x</ID></Rule></ReplicationConfiguration>';
    expect(() => parseReplicationConfiguration(xml)).toThrow(
      expect.objectContaining({ code: 'MalformedXML', reason: 'missing', path: 'ReplicationConfiguration.Rule[0].Destination' }),
    );
  });

  it('rejects a rule with two Destination elements', () => {
    const dest = '<Destination><Bucket>b</Bucket><Location>oss-cn-beijing</Location></Destination>';
    const xml = `<ReplicationConfiguration><Rule>${dest}${dest}</Rule></ReplicationConfiguration>`;
    expect(() => parseReplicationConfiguration(xml)).toThrow(XmlParseError);
  });

  it('rejects an unknown TransferType as InvalidArgument', () => {
    const xml =
      '<ReplicationConfiguration><Rule><Destination><Bucket>b</Bucket><Location>oss-cn-beijing</Location><TransferType>fast</TransferType></Destination></Rule></ReplicationConfiguration>';
    expect(() => parseReplicationConfiguration(xml)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });

  it('rejects another root element as MalformedXML', () => {
    expect(() => parseReplicationConfiguration('<ReplicationRules><ID>x</ID></ReplicationRules>')).toThrow(
      expect.objectContaining({ code: 'MalformedXML', reason: 'root' }),
    );
  });
});
