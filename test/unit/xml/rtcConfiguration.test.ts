import { buildRtcConfiguration, parseRtcConfiguration } from '../../../shared/xml/rtcConfiguration';
import { fixture, roundTrip } from './fixtures';

describe('RTC configuration (root ReplicationRule)', () => {
  it('reads the documented body and round-trips it', () => {
    const { model, again } = roundTrip(fixture('rtc/put-doc.xml'), parseRtcConfiguration, buildRtcConfiguration);
    expect(model).toEqual({ id: 'test_replication_rule_1', status: 'enabled' });
    expect(again).toEqual(model);
  });

  it('builds the same element order as Go v2', () => {
    const built = buildRtcConfiguration({ id: 'test_replication_rule_1', status: 'enabled' });
    expect(built).toContain(fixture('rtc/put-go-v2.xml'));
  });

  it('rejects a body without ID', () => {
    expect(() => parseRtcConfiguration('<ReplicationRule><RTC><Status>enabled</Status></RTC></ReplicationRule>')).toThrow(
      expect.objectContaining({ code: 'MalformedXML', path: 'ReplicationRule.ID' }),
    );
  });

  it('rejects the ossutil local root name', () => {
    expect(() => parseRtcConfiguration('<RtcConfiguration><RTC><Status>enabled</Status></RTC><ID>x</ID></RtcConfiguration>')).toThrow(
      expect.objectContaining({ reason: 'root' }),
    );
  });
});
