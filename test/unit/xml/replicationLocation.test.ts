import { buildReplicationLocation, parseReplicationLocation } from '../../../shared/xml/replicationLocation';
import { fixture, roundTrip } from './fixtures';

describe('ReplicationLocation', () => {
  it('reads the full Go SDK fixture and round-trips it', () => {
    const { model, again } = roundTrip(fixture('replication-location/go-sdk-full.xml'), parseReplicationLocation, buildReplicationLocation);
    expect(model.locations).toHaveLength(29);
    expect(model.locations[0]).toBe('oss-ap-northeast-1');
    expect(model.locations[9]).toBe('oss-cn-beijing');
    expect(model.transferTypeConstraints).toHaveLength(17);
    expect(model.transferTypeConstraints[1]).toEqual({ location: 'oss-eu-central-1', transferTypes: ['oss_acc'] });
    expect(model.rtcLocations[2]).toBe('oss-cn-shanghai');
    expect(again).toEqual(model);
  });

  it('reads the short fixture without an RTC constraint', () => {
    const { model, again } = roundTrip(fixture('replication-location/short.xml'), parseReplicationLocation, buildReplicationLocation);
    expect(model).toEqual({
      locations: ['oss-cn-beijing', 'oss-cn-qingdao', 'oss-cn-shenzhen', 'oss-cn-hongkong', 'oss-us-west-1'],
      transferTypeConstraints: [
        { location: 'oss-cn-hongkong', transferTypes: ['oss_acc'] },
        { location: 'oss-us-west-1', transferTypes: ['oss_acc'] },
      ],
      rtcLocations: [],
    });
    expect(again).toEqual(model);
  });

  it('keeps every TransferTypes/Type, not just the first', () => {
    const xml =
      '<ReplicationLocation><Location>oss-us-west-1</Location><LocationTransferTypeConstraint><LocationTransferType><Location>oss-us-west-1</Location><TransferTypes><Type>internal</Type><Type>oss_acc</Type></TransferTypes></LocationTransferType></LocationTransferTypeConstraint></ReplicationLocation>';
    expect(parseReplicationLocation(xml).transferTypeConstraints[0]?.transferTypes).toEqual(['internal', 'oss_acc']);
  });

  it('reads a single Location as a one-element list', () => {
    expect(parseReplicationLocation('<ReplicationLocation><Location>oss-cn-beijing</Location></ReplicationLocation>').locations).toEqual([
      'oss-cn-beijing',
    ]);
  });

  it('leaves out empty constraint blocks when building', () => {
    const xml = buildReplicationLocation({ locations: ['oss-cn-beijing'], transferTypeConstraints: [], rtcLocations: [] });
    expect(xml).not.toContain('Constraint');
  });
});
