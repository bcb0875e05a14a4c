import { buildListBucketResult, parseListBucketResult } from '../../../shared/xml/listBucketResult';
import type { ListBucketResult } from '../../../shared/xml/types';
import { fixture, roundTrip } from './fixtures';

const base: ListBucketResult = { name: 'b', prefix: '', maxKeys: 100, isTruncated: false, contents: [], commonPrefixes: [] };

describe('ListBucketResult golden fixtures', () => {
  it('reads a v1 answer with a delimiter and CommonPrefixes and round-trips it', () => {
    const { model, again } = roundTrip(fixture('list-objects/v1-delimiter.xml'), parseListBucketResult, buildListBucketResult);
    expect(model).toMatchObject({ name: 'examplebucket', prefix: 'fun/', marker: '', maxKeys: 100, delimiter: '/', isTruncated: false });
    expect(model.contents).toEqual([
      {
        key: 'fun/test.jpg',
        lastModified: '2012-02-24T08:42:32.000Z',
        eTag: '"5B3C1A2E053D763E1B002CC607C5A0FE1****"',
        type: 'Normal',
        size: 344606,
        storageClass: 'Standard',
        owner: { id: '0022012****', displayName: 'user_example' },
      },
    ]);
    expect(model.commonPrefixes).toEqual(['fun/movie/']);
    expect(again).toEqual(model);
  });

  it('reads a truncated v1 answer with numeric-looking keys and markers as strings', () => {
    const { model, again } = roundTrip(fixture('list-objects/v1-truncated.xml'), parseListBucketResult, buildListBucketResult);
    expect(model.marker).toBe('007');
    expect(model.nextMarker).toBe('009');
    expect(model.isTruncated).toBe(true);
    expect(model.contents.map((object) => object.key)).toEqual(['008', '009']);
    expect(model.contents[1]?.size).toBe(0);
    expect(again).toEqual(model);
  });

  it('reads a v2 answer with continuation tokens and two CommonPrefixes and round-trips it', () => {
    const { model, again, built } = roundTrip(fixture('list-objects/v2-continuation.xml'), parseListBucketResult, buildListBucketResult);
    expect(model).toMatchObject({
      continuationToken: 'ChR0ZXN0MS8xMjMudHh0EAA-',
      nextContinuationToken: 'CgJiYw--',
      startAfter: 'a/b',
      keyCount: 3,
    });
    expect(model.marker).toBeUndefined();
    expect(model.commonPrefixes).toEqual(['a/d/', 'a/e/']);
    expect(built).not.toContain('<Marker>');
    expect(again).toEqual(model);
  });

  it('decodes a url-encoded v2 answer and encodes it again on build', () => {
    const { model, again, built } = roundTrip(fixture('list-objects/v2-url-encoded.xml'), parseListBucketResult, buildListBucketResult);
    expect(model.prefix).toBe('dir one/');
    expect(model.delimiter).toBe('/');
    expect(model.contents[0]?.key).toBe('dir one/a&b.txt');
    expect(built).toContain('<Key>dir%20one%2Fa%26b.txt</Key>');
    expect(again).toEqual(model);
  });
});

describe('ListBucketResult quirks', () => {
  it('builds v1 with an empty Marker when none is given', () => {
    expect(buildListBucketResult(base)).toContain('<Marker/>');
  });

  it('builds v2 with KeyCount when keyCount is set', () => {
    const built = buildListBucketResult({ ...base, keyCount: 0 });
    expect(built).toContain('<KeyCount>0</KeyCount>');
    expect(built).not.toContain('Marker');
  });

  it('reads a single Contents as a one-element list', () => {
    const object = { key: 'k', lastModified: '2020-01-01T00:00:00.000Z', eTag: '"E"', size: 1, storageClass: 'Standard' };
    expect(parseListBucketResult(buildListBucketResult({ ...base, contents: [object] })).contents).toEqual([object]);
  });

  it('escapes an ampersand in a key', () => {
    const object = { key: 'a&b', lastModified: '2020-01-01T00:00:00.000Z', eTag: '"E"', size: 1, storageClass: 'Standard' };
    const built = buildListBucketResult({ ...base, contents: [object] });
    expect(built).toContain('<Key>a&amp;b</Key>');
    expect(parseListBucketResult(built).contents[0]?.key).toBe('a&b');
  });

  it('rejects a non-numeric Size', () => {
    const xml =
      '<ListBucketResult><Name>b</Name><MaxKeys>1</MaxKeys><Contents><Key>k</Key><LastModified>t</LastModified><ETag>e</ETag><Size>big</Size><StorageClass>Standard</StorageClass></Contents></ListBucketResult>';
    expect(() => parseListBucketResult(xml)).toThrow(expect.objectContaining({ path: 'ListBucketResult.Contents[0].Size' }));
  });

  it('requires Name', () => {
    expect(() => parseListBucketResult('<ListBucketResult><MaxKeys>1</MaxKeys></ListBucketResult>')).toThrow(
      expect.objectContaining({ code: 'MalformedXML', path: 'ListBucketResult.Name' }),
    );
  });
});
