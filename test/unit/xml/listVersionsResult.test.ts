import { buildListVersionsResult, parseListVersionsResult } from '../../../shared/xml/listVersionsResult';
import type { ListVersionsResult } from '../../../shared/xml/types';
import { fixture, roundTrip } from './fixtures';

const owner = { id: '150692521021****', displayName: '150692521021****' };

describe('ListVersionsResult', () => {
  it('reads a captured url-encoded, truncated answer: decoded keys, both next markers, versions, markers and prefixes', () => {
    const model = parseListVersionsResult(fixture('list-versions/go-v2-truncated-url.xml'));
    expect(model).toMatchObject({
      name: 'demo-bucket',
      prefix: 'demo/',
      delimiter: '/',
      encodingType: 'url',
      maxKeys: 20,
      isTruncated: true,
      nextKeyMarker: 'demo/README-CN.md',
    });
    expect(model.nextVersionIdMarker).toBe('CAEQEhiBgICDzK6NnBgiIGRlZWJhYmNlMGUxZDQ4YTZhNTU2MzM4Mzk5NDBl****');
    expect(model.deleteMarkers[0]).toEqual({
      key: 'demo/',
      versionId: 'CAEQFxiBgIDh3b_tuRgiIGRjMjExMjVmMzcwMTQ2Njc4NjhhNTA0MzEzMDkx****',
      isLatest: true,
      lastModified: '2023-04-01T05:52:31.000Z',
      owner,
    });
    expect(model.versions[0]).toEqual({
      key: 'demo/',
      versionId: 'CAEQFxiBgICI173TtRgiIDFlMmYyMzFjNmJmMDQ0NTBiNmIyYThkZjA1YjA5****',
      isLatest: false,
      lastModified: '2023-03-06T03:02:28.000Z',
      eTag: '"D41D8CD98F00B204E9800998ECF8427E"',
      size: 0,
      storageClass: 'Standard',
      type: 'Normal',
      owner,
    });
    expect(model.commonPrefixes).toContain('demo/.idea/');
  });

  it('round-trips the captured answer', () => {
    const { model, again } = roundTrip(fixture('list-versions/go-v2-truncated-url.xml'), parseListVersionsResult, buildListVersionsResult);
    expect(again).toEqual(model);
  });

  it('always writes the elements oss2 requires, Delimiter included (empty when none)', () => {
    const built = buildListVersionsResult({
      name: 'b1',
      prefix: '',
      keyMarker: '',
      versionIdMarker: '',
      maxKeys: 100,
      isTruncated: false,
      versions: [],
      deleteMarkers: [],
      commonPrefixes: [],
    });
    for (const element of ['Name', 'Prefix', 'KeyMarker', 'VersionIdMarker', 'MaxKeys', 'Delimiter', 'IsTruncated'])
      expect(built).toMatch(new RegExp(`<${element}[ />]`));
  });

  it('percent-encodes keys and markers but not version ids when EncodingType is url', () => {
    const model: ListVersionsResult = {
      name: 'b1',
      prefix: 'a b/',
      keyMarker: 'a b/k',
      versionIdMarker: 'CAEQ+/=',
      maxKeys: 1,
      encodingType: 'url',
      isTruncated: true,
      nextKeyMarker: 'a b/\u0001',
      nextVersionIdMarker: 'CAEQ+/=',
      versions: [
        {
          key: 'a b/\u0001',
          versionId: 'CAEQ+/=',
          isLatest: true,
          lastModified: '2024-01-01T00:00:00.000Z',
          eTag: '"E"',
          size: 1,
          storageClass: 'Standard',
        },
      ],
      deleteMarkers: [],
      commonPrefixes: [],
    };
    const built = buildListVersionsResult(model);
    expect(built).toContain('<Key>a%20b%2F%01</Key>');
    expect(built).toContain('<VersionId>CAEQ+/=</VersionId>');
    expect(parseListVersionsResult(built)).toEqual(model);
  });
});
