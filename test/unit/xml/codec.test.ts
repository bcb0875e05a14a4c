import { buildXmlDocument, escapeText, parseXmlDocument } from '../../../shared/xml/codec';
import { XmlParseError } from '../../../shared/xml/errors';

describe('shared XML codec', () => {
  it('throws XmlParseError with code MalformedXML for text that is not XML', () => {
    expect(() => parseXmlDocument('not xml at all', 'Tagging')).toThrow(XmlParseError);
    expect(() => parseXmlDocument('not xml at all', 'Tagging')).toThrow(
      expect.objectContaining({ code: 'MalformedXML', reason: 'syntax' }),
    );
  });

  it('rejects an empty document', () => {
    expect(() => parseXmlDocument('  ', 'Tagging')).toThrow(expect.objectContaining({ code: 'MalformedXML', reason: 'syntax' }));
  });

  it('rejects unclosed elements', () => {
    expect(() => parseXmlDocument('<Tagging><TagSet></Tagging>', 'Tagging')).toThrow(expect.objectContaining({ reason: 'syntax' }));
  });

  it('rejects a document with two root elements', () => {
    expect(() => parseXmlDocument('<Tagging/><Tagging/>', 'Tagging')).toThrow(expect.objectContaining({ reason: 'root' }));
  });

  it('rejects a DOCTYPE so no entity can expand', () => {
    const xml = '<!DOCTYPE Tagging [<!ENTITY x "boom">]><Tagging>&x;</Tagging>';
    expect(() => parseXmlDocument(xml, 'Tagging')).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
  });

  it('does not echo the document in the error message', () => {
    const secretish = 'SECRET-VALUE-123';
    try {
      parseXmlDocument(`<Tagging>${secretish}<`, 'Tagging');
      throw new Error('expected a parse error');
    } catch (error) {
      expect((error as Error).message).not.toContain(secretish);
    }
  });

  it('decodes numeric character references once', () => {
    expect(parseXmlDocument('<R><V>&#38;&amp;#38;&#x3C;</V></R>', 'R')).toEqual({ V: '&&#38;<' });
  });

  it('does not decode entities inside CDATA', () => {
    expect(parseXmlDocument('<R><V><![CDATA[a&amp;b]]></V></R>', 'R')).toEqual({ V: 'a&amp;b' });
  });

  it('ignores a namespace on the root', () => {
    expect(parseXmlDocument('<R xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com">oss-cn-hangzhou</R>', 'R')).toBe('oss-cn-hangzhou');
  });

  it('never coerces numeric-looking text', () => {
    expect(parseXmlDocument('<R><V>007</V><W>1e3</W><X>true</X></R>', 'R')).toEqual({ V: '007', W: '1e3', X: 'true' });
  });

  it('escapes only &, < and > in text', () => {
    expect(escapeText('"a" & <b> \'c\'')).toBe('"a" &amp; &lt;b&gt; \'c\'');
  });

  it('leaves quotes literal in built text, as OSS writes ETags', () => {
    expect(buildXmlDocument('R', { ETag: '"ABC"' }, { declaration: false })).toBe('<R><ETag>"ABC"</ETag></R>');
  });

  it('leaves out undefined children and repeats array children', () => {
    expect(buildXmlDocument('R', { A: undefined, B: ['1', '2'] }, { declaration: false })).toBe('<R><B>1</B><B>2</B></R>');
  });

  it('prefixes the XML declaration by default', () => {
    expect(buildXmlDocument('R', {})).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<R/>');
  });
});
