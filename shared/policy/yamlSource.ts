/** YAML text -> plain data, with line numbers for syntax errors and for issue paths. Build time only. */
import { LineCounter, parseDocument, type Document } from 'yaml';
import { PolicyValidationError, type PolicyIssue } from './errors';
import type { PathSegment } from './issuePath';

export interface YamlSource {
  readonly value: unknown;
  /** 1-based line of the node at `path`, or of its nearest existing ancestor. */
  lineOf(path: readonly PathSegment[]): number | undefined;
}

/** yaml's messages end with " at line L, column C:" and a code excerpt; the line goes in `line`. */
function syntaxIssue(err: { message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }): PolicyIssue {
  const first = err.message.split('\n')[0] ?? err.message;
  const pos = err.linePos?.[0];
  const text = first.replace(/ at line \d+, column \d+:?$/, '');
  return pos
    ? { path: '', message: `invalid YAML at line ${pos.line}, column ${pos.col}: ${text}`, line: pos.line }
    : { path: '', message: `invalid YAML: ${text}` };
}

function lineFinder(doc: Document, counter: LineCounter): YamlSource['lineOf'] {
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return counter.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

/** Parses YAML (JSON is YAML too). Syntax errors, duplicate keys included, throw PolicyValidationError. */
export function parseYamlSource(text: string): YamlSource {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw new PolicyValidationError(doc.errors.map(syntaxIssue));
  return { value: doc.toJS() as unknown, lineOf: lineFinder(doc, counter) };
}
