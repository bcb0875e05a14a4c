import { newBucket } from '../../../local/emulator/models/bucket';
import { deleteObject, putVersion, readVersion, liveObjects } from '../../../local/emulator/models/objects';
import type { NewObjectData } from '../../../local/emulator/models/objects';
import { OssServiceError } from '../../../local/emulator/errors';

const data = (key: string, blobId: string): NewObjectData => ({
  key,
  blobId,
  size: 1,
  etag: 'E',
  contentMd5: 'M',
  crc64: '1',
  contentType: 'text/plain',
  metadata: {},
  isReplica: false,
});
const bucket = (versioning?: 'Enabled' | 'Suspended') => {
  const b = newBucket({ name: 'b1b', region: 'cn-hangzhou' }, 0);
  if (versioning) b.versioning = versioning;
  return b;
};
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as OssServiceError).code;
  }
  return undefined;
};

describe('object versions', () => {
  it('replaces the object on an unversioned bucket and reports the old one as removed', () => {
    const b = bucket();
    putVersion(b, data('k', 'blob1'), 1);
    const second = putVersion(b, data('k', 'blob2'), 2);
    expect(second.removed.map((v) => v.blobId)).toEqual(['blob1']);
    expect(b.objects.k).toHaveLength(1);
    expect(second.version.versionId).toBe('null');
  });

  it('keeps every version on an Enabled bucket, newest first', () => {
    const b = bucket('Enabled');
    const v1 = putVersion(b, data('k', 'blob1'), 1).version;
    const v2 = putVersion(b, data('k', 'blob2'), 2).version;
    expect(b.objects.k?.map((v) => v.versionId)).toEqual([v2.versionId, v1.versionId]);
    expect(readVersion(b, 'k', v1.versionId).blobId).toBe('blob1');
  });

  it('uses the null version id on a Suspended bucket and replaces the previous null version', () => {
    const b = bucket('Enabled');
    const v1 = putVersion(b, data('k', 'blob1'), 1).version;
    b.versioning = 'Suspended';
    putVersion(b, data('k', 'blob2'), 2);
    const third = putVersion(b, data('k', 'blob3'), 3);
    expect(third.version.versionId).toBe('null');
    expect(third.removed.map((v) => v.blobId)).toEqual(['blob2']);
    expect(b.objects.k?.map((v) => v.versionId)).toEqual(['null', v1.versionId]);
  });

  it('adds a delete marker on a versioned bucket, hiding the object from reads and lists', () => {
    const b = bucket('Enabled');
    putVersion(b, data('k', 'blob1'), 1);
    const outcome = deleteObject(b, 'k', { now: 2, isReplica: false });
    expect(outcome.deleteMarker).toBe(true);
    expect(codeOf(() => readVersion(b, 'k'))).toBe('NoSuchKey');
    expect([...liveObjects(b)]).toHaveLength(0);
  });

  it('removes one exact version for good with a versionId', () => {
    const b = bucket('Enabled');
    const v1 = putVersion(b, data('k', 'blob1'), 1).version;
    putVersion(b, data('k', 'blob2'), 2);
    const outcome = deleteObject(b, 'k', { versionId: v1.versionId, now: 3, isReplica: false });
    expect(outcome.removed.map((v) => v.blobId)).toEqual(['blob1']);
    expect(codeOf(() => readVersion(b, 'k', v1.versionId))).toBe('NoSuchVersion');
  });
});
