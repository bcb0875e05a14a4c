import { buildTagging, parseTagging } from '../../../shared/xml/tagging';
import { fixture, roundTrip } from './fixtures';

describe('Tagging', () => {
  it('reads the Go v2 fixture and round-trips it', () => {
    const { model, again } = roundTrip(fixture('tagging/go-v2.xml'), parseTagging, buildTagging);
    expect(model.tags).toEqual([
      { key: 'testa', value: 'testv1' },
      { key: 'testb', value: 'testv2' },
    ]);
    expect(again).toEqual(model);
  });

  it('reads an empty Value element as an empty string', () => {
    const { model, again } = roundTrip(fixture('tagging/doc-body.xml'), parseTagging, buildTagging);
    expect(model.tags).toEqual([
      { key: 'env', value: 'prod' },
      { key: 'team', value: '' },
    ]);
    expect(again).toEqual(model);
  });

  it('reads an empty TagSet as no tags', () => {
    const { model, again } = roundTrip(fixture('tagging/empty-tagset.xml'), parseTagging, buildTagging);
    expect(model.tags).toEqual([]);
    expect(again).toEqual(model);
  });

  it('reads an empty Tagging root as no tags', () => {
    const { model, again } = roundTrip(fixture('tagging/empty-root.xml'), parseTagging, buildTagging);
    expect(model.tags).toEqual([]);
    expect(again).toEqual(model);
  });

  it('builds an empty tag set as an empty TagSet element', () => {
    expect(buildTagging({ tags: [] })).toContain('<Tagging><TagSet/></Tagging>');
  });

  it('URL-decodes keys and values when EncodingType is url', () => {
    const { model, again } = roundTrip(fixture('tagging/url-encoded.xml'), parseTagging, buildTagging);
    expect(model.tags).toEqual([{ key: 'cost center', value: 'a&b/c' }]);
    expect(again).toEqual(model);
  });

  it('does not URL-decode without EncodingType', () => {
    expect(parseTagging('<Tagging><TagSet><Tag><Key>a%20b</Key><Value>v</Value></Tag></TagSet></Tagging>').tags[0]?.key).toBe('a%20b');
  });

  it('reads a single Tag as a one-element list', () => {
    expect(parseTagging('<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>').tags).toHaveLength(1);
  });

  it('keeps numeric-looking values as strings with leading zeros', () => {
    const model = parseTagging('<Tagging><TagSet><Tag><Key>1</Key><Value>007</Value></Tag></TagSet></Tagging>');
    expect(model.tags[0]).toEqual({ key: '1', value: '007' });
  });

  it('keeps spaces around tag values', () => {
    expect(parseTagging(buildTagging({ tags: [{ key: 'k', value: ' padded ' }] })).tags[0]?.value).toBe(' padded ');
  });

  it('escapes & < > on build and reads them back', () => {
    const built = buildTagging({ tags: [{ key: 'a&b', value: '<x>' }] });
    expect(built).toContain('<Key>a&amp;b</Key><Value>&lt;x&gt;</Value>');
    expect(parseTagging(built).tags[0]).toEqual({ key: 'a&b', value: '<x>' });
  });

  it('rejects the unescaped ampersand ali-oss sends as MalformedXML', () => {
    expect(() => parseTagging('<Tagging><TagSet><Tag><Key>k</Key><Value>a&b</Value></Tag></TagSet></Tagging>')).toThrow(
      expect.objectContaining({ code: 'MalformedXML', reason: 'syntax' }),
    );
  });

  it('rejects a Tag without Key', () => {
    expect(() => parseTagging('<Tagging><TagSet><Tag><Value>v</Value></Tag></TagSet></Tagging>')).toThrow(
      expect.objectContaining({ code: 'MalformedXML', path: 'Tagging.TagSet.Tag[0].Key' }),
    );
  });
});
