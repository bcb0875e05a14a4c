import { buildLocationConstraint, parseLocationConstraint } from '../../../shared/xml/locationConstraint';
import { fixture, roundTrip } from './fixtures';

describe('LocationConstraint', () => {
  it('reads the namespaced doc sample and round-trips it', () => {
    const { model, again } = roundTrip(fixture('location/doc-sample.xml'), parseLocationConstraint, buildLocationConstraint);
    expect(model).toBe('oss-cn-hangzhou');
    expect(again).toBe(model);
  });

  it('builds the doc sample byte for byte, namespace included', () => {
    expect(buildLocationConstraint('oss-cn-hangzhou')).toBe(fixture('location/doc-sample.xml'));
  });

  it('reads a bare root without namespace', () => {
    expect(parseLocationConstraint('<LocationConstraint>oss-cn-beijing</LocationConstraint>')).toBe('oss-cn-beijing');
  });

  it('rejects an empty location', () => {
    expect(() => parseLocationConstraint('<LocationConstraint/>')).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
  });

  it('rejects child elements under the root', () => {
    expect(() => parseLocationConstraint('<LocationConstraint><A>x</A></LocationConstraint>')).toThrow(
      expect.objectContaining({ reason: 'shape' }),
    );
  });
});
