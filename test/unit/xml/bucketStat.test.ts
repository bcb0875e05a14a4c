import { buildBucketStat, parseBucketStat } from '../../../shared/xml/bucketStat';
import { fixture, roundTrip } from './fixtures';

describe('BucketStat', () => {
  it('reads every documented field of the SDK fixture and round-trips it', () => {
    const { model, again } = roundTrip(fixture('bucket-stat/go-v2.xml'), parseBucketStat, buildBucketStat);
    expect(model).toMatchObject({
      storage: 1600,
      objectCount: 230,
      multipartUploadCount: 40,
      lastModifiedTime: 1643341269,
      standardStorage: 430,
      deepColdArchiveStorage: 2340340840,
      deleteMarkerCount: 6276,
    });
    expect(again).toEqual(model);
  });

  it('reads absent counts as 0 but needs Storage and ObjectCount', () => {
    expect(parseBucketStat('<BucketStat><Storage>5</Storage><ObjectCount>1</ObjectCount></BucketStat>')).toMatchObject({
      storage: 5,
      objectCount: 1,
      deleteMarkerCount: 0,
    });
    expect(() => parseBucketStat('<BucketStat><ObjectCount>1</ObjectCount></BucketStat>')).toThrow(/Storage/);
  });

  it('refuses a count that is not a non-negative integer', () => {
    expect(() => parseBucketStat('<BucketStat><Storage>-1</Storage><ObjectCount>1</ObjectCount></BucketStat>')).toThrow();
  });
});
