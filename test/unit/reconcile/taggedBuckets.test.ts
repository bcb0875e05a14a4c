import { taggedBuckets, tagsOf } from '../../../functions/reconcile/taggedBuckets';
import { silentLogger } from '../../../shared/log';
import { OssError } from '../../../shared/oss/errors';
import type { ListBucketsOptions, OssApi } from '../../../shared/oss/types';
import type { BucketSummary, Tag } from '../../../shared/xml/types';

const TAG: Tag = { key: 'replication-policy', value: 'dr-beijing' };
const summary = (name: string, tags?: Tag[]): BucketSummary =>
  ({ name, location: 'oss-cn-hangzhou', creationDate: '2024-01-01T00:00:00.000Z', ...(tags ? { tags } : {}) }) as BucketSummary;

/** Only the two calls the sweep's tag look makes; every call is recorded. */
function fakeOss(list: (options: ListBucketsOptions) => Promise<BucketSummary[]>, tags: Tag[] = [TAG]) {
  const calls: string[] = [];
  const oss = {
    listBuckets: (options: ListBucketsOptions = {}) => (calls.push(`ListBuckets ${options.tagKey ?? ''}`), list(options)),
    getBucketTags: (ref: { bucket: string }) => (calls.push(`GetBucketTags ${ref.bucket}`), Promise.resolve(tags)),
  } as unknown as OssApi;
  return { oss, calls };
}

const refused = (status: number, code: string) => Promise.reject(new OssError({ code, status, operation: 'ListBuckets' }, code));

describe('taggedBuckets', () => {
  it('lists only the buckets carrying the selector tag key, with the tags the listing gives', async () => {
    const { oss, calls } = fakeOss(async () => [summary('a', [TAG]), summary('b')]);
    const tagged = await taggedBuckets(oss, 'replication-policy', silentLogger());
    expect([calls, [...tagged!]]).toEqual([
      ['ListBuckets replication-policy'],
      [
        ['a', [TAG]],
        ['b', undefined],
      ],
    ]);
  });

  it.each([
    [400, 'InvalidArgument'],
    [501, 'NotImplemented'],
  ])('is unavailable when the server refuses the filter (%i %s)', async (status, code) => {
    const { oss } = fakeOss(() => refused(status, code));
    expect(await taggedBuckets(oss, 'replication-policy', silentLogger())).toBeUndefined();
  });

  it.each([
    [403, 'AccessDenied'],
    [503, 'ServiceUnavailable'],
  ])('fails the run on %i %s, which says nothing about the filter', async (status, code) => {
    const { oss } = fakeOss(() => refused(status, code));
    await expect(taggedBuckets(oss, 'replication-policy', silentLogger())).rejects.toMatchObject({ code });
  });
});

describe('tagsOf', () => {
  it('knows a bucket missing from the filtered listing carries no selector tag, without a request', async () => {
    const { oss, calls } = fakeOss(async () => []);
    expect([await tagsOf(oss, 'plain', 'cn-hangzhou', new Map([['a', [TAG]]])), calls]).toEqual([[], []]);
  });

  it('takes the tags the listing gave, without a request', async () => {
    const { oss, calls } = fakeOss(async () => []);
    expect([await tagsOf(oss, 'a', 'cn-hangzhou', new Map([['a', [TAG]]])), calls]).toEqual([[TAG], []]);
  });

  it('reads the tags of a listed bucket the listing gave none for (a server that does not return them, or ignores the filter)', async () => {
    const { oss, calls } = fakeOss(async () => []);
    expect([await tagsOf(oss, 'a', 'cn-hangzhou', new Map([['a', undefined]])), calls]).toEqual([[TAG], ['GetBucketTags a']]);
  });

  it('reads every bucket’s tags when the filtered listing is unavailable', async () => {
    const { oss, calls } = fakeOss(async () => []);
    expect([await tagsOf(oss, 'plain', 'cn-hangzhou', undefined), calls]).toEqual([[TAG], ['GetBucketTags plain']]);
  });
});
