import { ossLocation, regionOf } from '../../../shared/xml/location';

describe('location helpers', () => {
  it('prefixes a region with oss-', () => {
    expect(ossLocation('cn-beijing')).toBe('oss-cn-beijing');
  });

  it('leaves an already prefixed location unchanged', () => {
    expect(ossLocation('oss-cn-beijing')).toBe('oss-cn-beijing');
  });

  it('strips oss- from a location', () => {
    expect(regionOf('oss-cn-beijing')).toBe('cn-beijing');
  });

  it('leaves a bare region unchanged', () => {
    expect(regionOf('cn-beijing')).toBe('cn-beijing');
  });
});
