import { compareVersioning, versioningState } from '../../../shared/replication/versioningAlignment';

describe('versioning alignment', () => {
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
