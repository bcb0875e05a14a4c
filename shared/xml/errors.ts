/**
 * Errors raised while reading an OSS XML document. Each carries a stable `code` that matches the
 * answer OSS gives for the same fault, so the emulator can forward it and the client can report it.
 * Messages name the element path, never the document (it may hold anything the caller sent).
 */

export type XmlErrorCode = 'MalformedXML' | 'InvalidArgument';

/** `syntax`: not XML; `root`: wrong or missing root; `missing`: required element absent;
 * `shape`: element repeated, or text where children belong (or the reverse). */
export type XmlErrorReason = 'syntax' | 'root' | 'missing' | 'shape' | 'invalid';

/** The document is not well-formed or does not follow the OSS schema. */
export class XmlParseError extends Error {
  override readonly name: string = 'XmlParseError';
  readonly code: XmlErrorCode = 'MalformedXML';

  constructor(
    /** Dotted element path, e.g. `ReplicationConfiguration.Rule.Destination.Bucket`. */
    readonly path: string,
    readonly reason: XmlErrorReason,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${path}: ${detail}`, options);
  }
}

const MAX_VALUE_IN_MESSAGE = 64;

/**
 * Well-formed XML, but an element holds a value OSS does not accept (an unknown Action, `open` for
 * HistoricalObjectReplication, ...). OSS answers these with InvalidArgument, not MalformedXML.
 */
export class XmlValueError extends XmlParseError {
  override readonly name: string = 'XmlValueError';
  override readonly code: XmlErrorCode = 'InvalidArgument';

  constructor(
    path: string,
    readonly value: string,
    expected: string,
  ) {
    super(path, 'invalid', `invalid value "${truncate(value)}", expected ${expected}`);
  }
}

function truncate(value: string): string {
  return value.length <= MAX_VALUE_IN_MESSAGE ? value : `${value.slice(0, MAX_VALUE_IN_MESSAGE)}...`;
}
