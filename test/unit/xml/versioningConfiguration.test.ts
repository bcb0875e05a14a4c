import { buildVersioningConfiguration, parseVersioningConfiguration } from '../../../shared/xml/versioningConfiguration';
import { fixture, roundTrip } from './fixtures';

describe('VersioningConfiguration', () => {
  it('reads Enabled and round-trips it', () => {
    const { model, again } = roundTrip(fixture('versioning/enabled.xml'), parseVersioningConfiguration, buildVersioningConfiguration);
    expect(model).toEqual({ status: 'Enabled' });
    expect(again).toEqual(model);
  });

  it('reads the ali-oss Suspended body', () => {
    expect(parseVersioningConfiguration(fixture('versioning/suspended-ali-oss.xml'))).toEqual({ status: 'Suspended' });
  });

  it('reads the namespaced empty root as never versioned and round-trips it', () => {
    const { model, again } = roundTrip(
      fixture('versioning/never-versioned.xml'),
      parseVersioningConfiguration,
      buildVersioningConfiguration,
    );
    expect(model.status).toBeUndefined();
    expect(again).toEqual(model);
  });

  it('reads the Go v2 empty root with a newline as never versioned', () => {
    expect(parseVersioningConfiguration(fixture('versioning/go-v2-empty.xml')).status).toBeUndefined();
  });

  it('builds the never-versioned answer byte for byte as OSS sends it', () => {
    const built = buildVersioningConfiguration({});
    expect(built).toBe(fixture('versioning/never-versioned.xml'));
    expect(Buffer.byteLength(built)).toBe(74);
  });

  it('builds Enabled without a namespace', () => {
    expect(buildVersioningConfiguration({ status: 'Enabled' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>',
    );
  });

  it('rejects an unknown status as InvalidArgument', () => {
    expect(() => parseVersioningConfiguration('<VersioningConfiguration><Status>On</Status></VersioningConfiguration>')).toThrow(
      expect.objectContaining({ code: 'InvalidArgument', path: 'VersioningConfiguration.Status' }),
    );
  });
});
