/**
 * Walking a parsed tree with schema checks. Every reader takes the dotted path of the element it
 * reads so that a failure names exactly where the document went wrong.
 */
import type { XmlNode, XmlValue } from './codec';
import { XmlParseError } from './errors';

/** Treats an element as a container. An empty (or whitespace-only) element is an empty container. */
export function asNode(value: XmlValue, path: string): XmlNode {
  if (typeof value === 'string') {
    if (value.trim() === '') return {};
    throw new XmlParseError(path, 'shape', 'expected child elements, found text');
  }
  if (Array.isArray(value)) throw new XmlParseError(path, 'shape', 'element must appear once');
  const stray = value['#text'];
  if (typeof stray === 'string' && stray.trim() !== '') {
    throw new XmlParseError(path, 'shape', 'unexpected text between child elements');
  }
  return value;
}

/** The child element `name`, or undefined when absent. */
export function optionalNode(parent: XmlNode, name: string, path: string): XmlNode | undefined {
  const value = parent[name];
  return value === undefined ? undefined : asNode(value, `${path}.${name}`);
}

export function requiredNode(parent: XmlNode, name: string, path: string): XmlNode {
  const node = optionalNode(parent, name, path);
  if (node === undefined) throw missing(path, name);
  return node;
}

/** Text of the child `name` exactly as sent (entities decoded, whitespace kept); undefined when absent. */
export function optionalText(parent: XmlNode, name: string, path: string): string | undefined {
  const value = parent[name];
  return value === undefined ? undefined : asText(value, `${path}.${name}`);
}

export function requiredText(parent: XmlNode, name: string, path: string): string {
  const text = optionalText(parent, name, path);
  if (text === undefined) throw missing(path, name);
  return text;
}

/** Every occurrence of a repeatable child, in document order. */
export function nodeList(parent: XmlNode, name: string, path: string): XmlNode[] {
  return occurrences(parent[name]).map((value, index) => asNode(value, `${path}.${name}[${index}]`));
}

/** Texts of every occurrence of a repeatable text-only child, in document order. */
export function textList(parent: XmlNode, name: string, path: string): string[] {
  return occurrences(parent[name]).map((value, index) => asText(value, `${path}.${name}[${index}]`));
}

/** Names of the text-only children, for documents with open-ended content (error bodies). */
export function textChildren(parent: XmlNode, path: string): Array<[string, string]> {
  return Object.entries(parent)
    .filter(([name]) => name !== '#text')
    .map(([name, value]) => [name, asText(value, `${path}.${name}`)]);
}

function asText(value: XmlValue, path: string): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) throw new XmlParseError(path, 'shape', 'element must appear once');
  throw new XmlParseError(path, 'shape', 'expected text, found child elements');
}

function occurrences(value: XmlValue | undefined): XmlValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function missing(path: string, name: string): XmlParseError {
  return new XmlParseError(`${path}.${name}`, 'missing', 'required element is missing');
}
