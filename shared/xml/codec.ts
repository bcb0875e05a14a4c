/**
 * The one place that configures fast-xml-parser: which elements repeat, how text is escaped and
 * unescaped, how malformed input is rejected. Document modules only walk the resulting tree.
 */
import { type XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { XmlParseError } from './errors';

/** A parsed element: a string for a text-only (or empty) element, otherwise its children by name. */
export type XmlValue = string | XmlNode | XmlValue[];
export interface XmlNode {
  [name: string]: XmlValue;
}

/** Input of the builder. `undefined` children are left out; arrays repeat the element. */
export type XmlBuildValue = string | XmlBuildNode | XmlBuildValue[] | undefined;
export interface XmlBuildNode {
  [name: string]: XmlBuildValue;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
/** Namespace OSS puts on a few text-only or empty roots (see reference §0, namespace trap). */
export const OSS_DOC_NAMESPACE = 'http://doc.oss-cn-hangzhou.aliyuncs.com';

/**
 * Element paths that may repeat. They always parse as arrays, even with one occurrence, so a
 * single Rule and ten Rules read the same way. Any other element seen twice is a schema error.
 */
const REPEATED_PATHS: ReadonlySet<string> = new Set([
  'ReplicationConfiguration.Rule',
  'ReplicationConfiguration.Rule.PrefixSet.Prefix',
  'ReplicationProgress.Rule',
  'ReplicationProgress.Rule.PrefixSet.Prefix',
  'ReplicationRules.ID',
  'ReplicationLocation.Location',
  'ReplicationLocation.LocationTransferTypeConstraint.LocationTransferType',
  'ReplicationLocation.LocationTransferTypeConstraint.LocationTransferType.TransferTypes.Type',
  'ReplicationLocation.LocationRTCConstraint.Location',
  'Tagging.TagSet.Tag',
  'ListAllMyBucketsResult.Buckets.Bucket',
  'ListBucketResult.Contents',
  'ListBucketResult.CommonPrefixes',
  'ListVersionsResult.Version',
  'ListVersionsResult.DeleteMarker',
  'ListVersionsResult.CommonPrefixes',
]);

// Marked pure so that a bundle reaching this module only for its helpers (the replication-apply sidecar,
// esbuild.config.mjs) leaves the parser out: constructing it has no effect beyond the instance.
const parser = /* @__PURE__ */ new XMLParser({
  // Values stay strings: bucket `123`, tag value `007` and rule IDs must not become numbers. (The
  // function bundles rely on it: they leave the parser's number conversion out, esbuild.config.mjs.)
  parseTagValue: false,
  // Keys, prefixes and tag values may carry meaningful spaces; modules trim where OSS does.
  trimValues: false,
  // Namespaces and attributes carry no data in OSS documents; ignoring them lets
  // `<LocationConstraint xmlns=...>` read like a bare root.
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Decodes the five XML entities and numeric references in one pass (`&amp;#38;` -> `&#38;`).
  processEntities: true,
  htmlEntities: true,
  jPath: true,
  isArray: (_name: string, path: unknown) => typeof path === 'string' && REPEATED_PATHS.has(path),
});

let builder: XMLBuilder | undefined;

/** Built on first use: loading the builder is left to the invocations that send a document (xmlBuilder.ts says why). */
function xmlBuilder(): XMLBuilder {
  if (builder) return builder;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { XMLBuilder: Builder } = require('./xmlBuilder') as typeof import('./xmlBuilder');
  builder = new Builder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    suppressEmptyNode: true,
    // Escaping is ours: only what text content requires, so ETag quotes stay literal as OSS sends them.
    processEntities: false,
    tagValueProcessor: (_name: string, value: unknown) => escapeText(String(value)),
    attributeValueProcessor: (_name: string, value: unknown) => escapeText(String(value)).replace(/"/g, '&quot;'),
  });
  return builder;
}

/** Escapes `&`, `<` and `>` in element text. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Parses a document and returns the content of its root, which must be `rootName`.
 * Throws XmlParseError (MalformedXML) for anything that is not one well-formed element tree.
 */
export function parseXmlDocument(xml: string, rootName: string): XmlNode | string {
  const tree = parseTree(xml, rootName);
  const roots = Object.keys(tree);
  if (roots.length !== 1 || roots[0] !== rootName) {
    throw new XmlParseError(rootName, 'root', `expected root element ${rootName}, got ${roots.join(', ') || 'none'}`);
  }
  const content = tree[rootName];
  if (Array.isArray(content) || content === undefined) {
    throw new XmlParseError(rootName, 'root', 'expected a single root element');
  }
  return content;
}

function parseTree(xml: string, rootName: string): XmlNode {
  if (typeof xml !== 'string' || xml.trim() === '') {
    throw new XmlParseError(rootName, 'syntax', 'empty document');
  }
  // OSS documents never declare a DTD; refusing one also rules out entity expansion attacks (and lets
  // the function bundles leave the parser's DOCTYPE reader out, esbuild.config.mjs).
  if (/<!DOCTYPE/i.test(xml)) {
    throw new XmlParseError(rootName, 'syntax', 'DOCTYPE is not allowed');
  }
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    throw new XmlParseError(rootName, 'syntax', `not well-formed XML (${verdict.err.code} at line ${verdict.err.line})`);
  }
  try {
    return parser.parse(xml) as XmlNode;
  } catch (cause) {
    throw new XmlParseError(rootName, 'syntax', 'not well-formed XML', { cause });
  }
}

export interface BuildOptions {
  /** Default true. The never-versioned VersioningConfiguration answer is sent bare. */
  declaration?: boolean;
  /** Default namespace on the root. Only for roots whose content no SDK looks up by child name. */
  namespace?: string;
}

/** Serialises `content` under `rootName`, with the XML declaration unless told otherwise. */
export function buildXmlDocument(rootName: string, content: XmlBuildNode | string, options: BuildOptions = {}): string {
  const root = withNamespace(content, options.namespace);
  const body = xmlBuilder().build({ [rootName]: root }) as string;
  return options.declaration === false ? body : `${XML_DECLARATION}\n${body}`;
}

function withNamespace(content: XmlBuildNode | string, namespace: string | undefined): XmlBuildNode | string {
  if (namespace === undefined) return content;
  if (typeof content === 'string') return content === '' ? { '@_xmlns': namespace } : { '@_xmlns': namespace, '#text': content };
  return { '@_xmlns': namespace, ...content };
}
