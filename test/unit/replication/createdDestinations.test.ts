import { createdAfterRecord, isRecordedBucket, type CreatedDestination } from '../../../shared/replication/createdDestinations';

const record: CreatedDestination = {
  bucket: 'photos-dr',
  region: 'cn-beijing',
  source: 'photos',
  versioning: 'unversioned',
  at: '2026-01-02T03:04:05.678Z',
};

describe('isRecordedBucket', () => {
  it('is the recorded bucket when its creation date equals the recorded one', () => {
    expect(isRecordedBucket({ ...record, creationDate: '2026-01-02T03:04:06.000Z' }, '2026-01-02T03:04:06.000Z')).toBe(true);
  });

  it('compares creation dates at the second OSS writes them with', () => {
    expect(isRecordedBucket({ ...record, creationDate: '2026-01-02T03:04:06.321Z' }, '2026-01-02T03:04:06.000Z')).toBe(true);
  });

  it('is not the recorded bucket when the bucket was re-created later', () => {
    expect(isRecordedBucket({ ...record, creationDate: '2026-01-02T03:04:06.000Z' }, '2026-03-01T00:00:00.000Z')).toBe(false);
  });

  it('is not the recorded bucket when the creation date cannot be read', () => {
    expect(isRecordedBucket({ ...record, creationDate: '2026-01-02T03:04:06.000Z' }, undefined)).toBe(false);
  });

  it('accepts, for a record without a creation date, a bucket created just after the record', () => {
    expect(isRecordedBucket(record, '2026-01-02T03:04:07.000Z')).toBe(true);
  });

  it('refuses, for a record without a creation date, a bucket created long after the record', () => {
    expect(isRecordedBucket(record, '2026-01-02T05:00:00.000Z')).toBe(false);
  });

  it('refuses, for a record without a creation date, a bucket older than the record', () => {
    expect(isRecordedBucket(record, '2025-12-01T00:00:00.000Z')).toBe(false);
  });
});

describe('createdAfterRecord', () => {
  it('accepts a bucket created after the record was written', () => {
    expect(createdAfterRecord(record, '2026-01-02T03:04:06.000Z')).toBe(true);
  });

  it('tolerates a server clock up to a minute behind', () => {
    expect(createdAfterRecord(record, '2026-01-02T03:03:30.000Z')).toBe(true);
  });

  it('refuses a bucket that existed well before the record', () => {
    expect(createdAfterRecord(record, '2026-01-02T02:00:00.000Z')).toBe(false);
  });
});
