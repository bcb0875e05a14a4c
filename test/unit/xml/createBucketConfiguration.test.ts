import { buildCreateBucketConfiguration, parseCreateBucketConfiguration } from '../../../shared/xml/createBucketConfiguration';
import { fixture, roundTrip } from './fixtures';

describe('CreateBucketConfiguration', () => {
  it('reads the doc sample and round-trips it', () => {
    const { model, again } = roundTrip(
      fixture('create-bucket/doc-sample.xml'),
      parseCreateBucketConfiguration,
      buildCreateBucketConfiguration,
    );
    expect(model).toEqual({ storageClass: 'Standard', dataRedundancyType: 'LRS' });
    expect(again).toEqual(model);
  });

  it('reads a body with only StorageClass', () => {
    expect(
      parseCreateBucketConfiguration('<CreateBucketConfiguration><StorageClass>IA</StorageClass></CreateBucketConfiguration>'),
    ).toEqual({ storageClass: 'IA' });
  });

  it('leaves unset fields out of the built body', () => {
    expect(buildCreateBucketConfiguration({ dataRedundancyType: 'ZRS' })).toContain(
      '<CreateBucketConfiguration><DataRedundancyType>ZRS</DataRedundancyType></CreateBucketConfiguration>',
    );
  });
});
