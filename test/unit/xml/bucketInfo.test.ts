import { buildBucketInfo, parseBucketInfo } from '../../../shared/xml/bucketInfo';
import { fixture, roundTrip } from './fixtures';

describe('BucketInfo', () => {
  it('reads the Go v2 fixture and round-trips it', () => {
    const { model, again } = roundTrip(fixture('bucket-info/go-v2.xml'), parseBucketInfo, buildBucketInfo);
    expect(model).toEqual({
      name: 'oss-example',
      creationDate: '2013-07-31T10:56:21.000Z',
      location: 'oss-cn-hangzhou',
      extranetEndpoint: 'oss-cn-hangzhou.aliyuncs.com',
      intranetEndpoint: 'oss-cn-hangzhou-internal.aliyuncs.com',
      storageClass: 'Standard',
      dataRedundancyType: 'LRS',
      owner: { id: '27183473914****', displayName: 'username' },
      acl: 'private',
      transferAcceleration: 'Disabled',
      crossRegionReplication: 'Disabled',
      resourceGroupId: 'rg-aek27tc********',
    });
    expect(again).toEqual(model);
  });

  it('reads Versioning when present', () => {
    const xml = fixture('bucket-info/go-v2.xml').replace('<Name>', '<Versioning>Enabled</Versioning><Name>');
    expect(parseBucketInfo(xml).versioning).toBe('Enabled');
  });

  it('keeps a numeric bucket name and owner ID as strings', () => {
    const xml = fixture('bucket-info/go-v2.xml').replace('oss-example', '123').replace('27183473914****', '0042');
    const info = parseBucketInfo(xml);
    expect(info.name).toBe('123');
    expect(info.owner.id).toBe('0042');
  });

  it('rejects an answer without AccessControlList/Grant', () => {
    const xml = fixture('bucket-info/go-v2.xml').replace(/<AccessControlList>[\s\S]*<\/AccessControlList>/, '');
    expect(() => parseBucketInfo(xml)).toThrow(
      expect.objectContaining({ code: 'MalformedXML', path: 'BucketInfo.Bucket.AccessControlList' }),
    );
  });

  it('rejects an answer without Owner', () => {
    const xml = fixture('bucket-info/go-v2.xml').replace(/<Owner>[\s\S]*<\/Owner>/, '');
    expect(() => parseBucketInfo(xml)).toThrow(expect.objectContaining({ code: 'MalformedXML', path: 'BucketInfo.Bucket.Owner' }));
  });
});
