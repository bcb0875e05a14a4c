import { buildListAllMyBucketsResult, parseListAllMyBucketsResult } from '../../../shared/xml/listAllMyBucketsResult';
import type { BucketSummary } from '../../../shared/xml/types';
import { fixture, roundTrip } from './fixtures';

const bucket: BucketSummary = {
  name: 'b1',
  location: 'oss-cn-hangzhou',
  creationDate: '2024-01-01T00:00:00.000Z',
  extranetEndpoint: 'oss-cn-hangzhou.aliyuncs.com',
  intranetEndpoint: 'oss-cn-hangzhou-internal.aliyuncs.com',
  storageClass: 'Standard',
  region: 'cn-hangzhou',
};

describe('ListAllMyBucketsResult', () => {
  it('reads the truncated doc sample with its paging fields and round-trips it', () => {
    const { model, again } = roundTrip(fixture('list-buckets/truncated.xml'), parseListAllMyBucketsResult, buildListAllMyBucketsResult);
    expect(model).toMatchObject({ prefix: 'xz02tphky6fjfiuc', marker: '', maxKeys: 1, isTruncated: true, nextMarker: 'xz02tphky6fjfiuc0' });
    expect(model.owner).toEqual({ id: 'ut_test_put_bucket', displayName: 'ut_test_put_bucket' });
    expect(model.buckets[0]).toEqual({ ...bucket, name: 'xz02tphky6fjfiuc0', creationDate: '2014-05-15T11:18:32.000Z' });
    expect(again).toEqual(model);
  });

  it('reads an untruncated answer without paging fields as not truncated and round-trips it', () => {
    const { model, again } = roundTrip(fixture('list-buckets/not-truncated.xml'), parseListAllMyBucketsResult, buildListAllMyBucketsResult);
    expect(model.isTruncated).toBe(false);
    expect(model.maxKeys).toBeUndefined();
    expect(model.buckets.map((b) => b.name)).toEqual(['123', 'app-base-oss']);
    expect(again).toEqual(model);
  });

  it('keeps a numeric bucket name as a string', () => {
    expect(parseListAllMyBucketsResult(fixture('list-buckets/not-truncated.xml')).buckets[0]?.name).toBe('123');
  });

  it('omits paging fields when not truncated', () => {
    const built = buildListAllMyBucketsResult({ isTruncated: false, maxKeys: 100, prefix: 'p', buckets: [bucket] });
    expect(built).not.toMatch(/IsTruncated|MaxKeys|Prefix|Marker/);
  });

  it('emits paging fields when truncated', () => {
    const built = buildListAllMyBucketsResult({ isTruncated: true, maxKeys: 1, nextMarker: 'b1', buckets: [bucket] });
    expect(built).toContain('<MaxKeys>1</MaxKeys><IsTruncated>true</IsTruncated><NextMarker>b1</NextMarker>');
  });

  it('reads a single Bucket as a one-element list', () => {
    const built = buildListAllMyBucketsResult({ isTruncated: false, buckets: [bucket] });
    expect(parseListAllMyBucketsResult(built).buckets).toEqual([bucket]);
  });

  it('reads an answer without Buckets as an empty list', () => {
    expect(parseListAllMyBucketsResult('<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>').buckets).toEqual([]);
  });

  it('rejects a Bucket without the endpoints oss2 requires', () => {
    const xml =
      '<ListAllMyBucketsResult><Buckets><Bucket><Name>b</Name><Location>oss-cn-hangzhou</Location></Bucket></Buckets></ListAllMyBucketsResult>';
    expect(() => parseListAllMyBucketsResult(xml)).toThrow(expect.objectContaining({ code: 'MalformedXML', reason: 'missing' }));
  });

  it('round-trips the tag set a tag-filtered listing carries per bucket, an empty value included', () => {
    const tagged: BucketSummary = {
      ...bucket,
      tags: [
        { key: 'team', value: 'red' },
        { key: 'empty', value: '' },
      ],
    };
    const built = buildListAllMyBucketsResult({ isTruncated: false, buckets: [tagged, bucket] });
    expect(built).toContain('<Tagging><TagSet><Tag><Key>team</Key><Value>red</Value></Tag>');
    expect(parseListAllMyBucketsResult(built).buckets).toEqual([tagged, bucket]);
  });
});
