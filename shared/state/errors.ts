/** Errors of the state layer. Stable `code`s; callers branch on `instanceof` and `code`. */

export class StateError extends Error {
  override readonly name: string = 'StateError';
  constructor(
    readonly code: string,
    message: string,
    readonly key?: string,
    options?: ErrorOptions,
  ) {
    super(key === undefined ? message : `${key}: ${message}`, options);
  }
}

/** A stored document is not JSON: something other than this system wrote it. */
export class CorruptDocumentError extends StateError {
  override readonly name = 'CorruptDocumentError';
  constructor(key: string, options?: ErrorOptions) {
    super('CorruptDocument', 'the stored document is not valid JSON', key, options);
  }
}

/** A document was written by a newer (or unknown) schema; refusing to overwrite what we do not understand. */
export class UnsupportedSchemaError extends StateError {
  override readonly name = 'UnsupportedSchemaError';
  constructor(
    key: string,
    readonly found: unknown,
    readonly supported: number,
  ) {
    super('UnsupportedSchema', `schema ${String(found)} is not supported (this code reads schema ${supported})`, key);
  }
}

/** A key or lease name that would break the layout (e.g. `/` in a lease name). */
export class InvalidStateKeyError extends StateError {
  override readonly name = 'InvalidStateKeyError';
  constructor(what: string, value: string) {
    super('InvalidStateKey', `invalid ${what} "${value.slice(0, 80)}"`);
  }
}

/**
 * A stored object too large to be a document of this system (every history it writes is bounded): it
 * was not read. `read` quarantines it; `eTag` and `lastModified` identify the version when known.
 */
export class DocumentTooLargeError extends StateError {
  override readonly name = 'DocumentTooLargeError';
  /** The message without the key. */
  readonly detail: string;
  constructor(
    key: string,
    readonly limitBytes: number,
    readonly version: { readonly size?: number; readonly eTag?: string; readonly lastModified?: string } = {},
    options?: ErrorOptions,
  ) {
    const detail =
      `larger than the ${limitBytes} bytes a state document may have` + (version.size !== undefined ? ` (${version.size} bytes)` : '');
    super('DocumentTooLarge', detail, key, options);
    this.detail = detail;
  }
}
