/**
 * Conversions from element text to model values. Parsing is tolerant of surrounding whitespace and
 * of letter case in enumerations (OSS docs and SDKs disagree on case); building always emits the
 * canonical spelling held in the model.
 */
import { XmlValueError } from './errors';
import type { LowerToggle, ParseOptions, Unrecognised, UnrecognisedValue, UpperToggle } from './types';

/** Matches `text` case-insensitively against `allowed` and returns the canonical spelling. */
export function parseEnum<T extends string>(text: string, allowed: readonly T[], path: string): T {
  const wanted = text.trim().toLowerCase();
  const match = allowed.find((candidate) => candidate.toLowerCase() === wanted);
  if (match === undefined) throw new XmlValueError(path, text, allowed.join(' | '));
  return match;
}

/**
 * Where a parser of an OSS answer collects the values it does not know. One per rule (or document):
 * `keep` false means strict parsing, as for requests.
 */
export interface Lenience {
  readonly keep: boolean;
  readonly found: UnrecognisedValue[];
}

export function lenience(options: ParseOptions | undefined): Lenience {
  return { keep: options?.unknownValues === 'keep', found: [] };
}

/**
 * Like parseEnum, but with a `keep` lenience an unknown value is recorded under `field` and returned
 * as sent (trimmed) instead of failing the whole document.
 */
export function parseOpenEnum<T extends string>(
  text: string,
  allowed: readonly T[],
  path: string,
  field: string,
  len: Lenience | undefined,
): T | Unrecognised {
  if (!len?.keep) return parseEnum(text, allowed, path);
  const wanted = text.trim().toLowerCase();
  const match = allowed.find((candidate) => candidate.toLowerCase() === wanted);
  if (match !== undefined) return match;
  len.found.push({ field, value: text.trim() });
  return text.trim() as Unrecognised;
}

/** `unrecognised` for a parsed rule or document: present only when something was found. */
export function unrecognisedOf(len: Lenience): { unrecognised?: UnrecognisedValue[] } {
  return len.found.length > 0 ? { unrecognised: [...len.found] } : {};
}

const LOWER_TOGGLES: readonly LowerToggle[] = ['enabled', 'disabled'];
const UPPER_TOGGLES: readonly UpperToggle[] = ['Enabled', 'Disabled'];

/** `enabled`/`disabled`: HistoricalObjectReplication, RTC/Status. */
export function parseLowerToggle(text: string, path: string): LowerToggle {
  return parseEnum(text, LOWER_TOGGLES, path);
}

export function parseOpenLowerToggle(text: string, path: string, field: string, len: Lenience | undefined): LowerToggle | Unrecognised {
  return parseOpenEnum(text, LOWER_TOGGLES, path, field, len);
}

/** `Enabled`/`Disabled`: SseKmsEncryptedObjects/Status, TransferAcceleration, CrossRegionReplication. */
export function parseUpperToggle(text: string, path: string): UpperToggle {
  return parseEnum(text, UPPER_TOGGLES, path);
}

export function parseOpenUpperToggle(text: string, path: string, field: string, len: Lenience | undefined): UpperToggle | Unrecognised {
  return parseOpenEnum(text, UPPER_TOGGLES, path, field, len);
}

/** `true`/`false` (IsTruncated). */
export function parseBoolean(text: string, path: string): boolean {
  return parseEnum(text, ['true', 'false'] as const, path) === 'true';
}

/** A non-negative decimal integer (MaxKeys, KeyCount, Size). */
export function parseCount(text: string, path: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) throw new XmlValueError(path, text, 'a non-negative integer');
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value)) throw new XmlValueError(path, text, 'an integer below 2^53');
  return value;
}

/** A fraction between 0 and 1 written as a decimal (`0.85`), as in ReplicationProgress. */
export function parseFraction(text: string, path: string): number {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(trimmed)) throw new XmlValueError(path, text, 'a decimal fraction such as 0.85');
  const value = Number(trimmed);
  if (value > 1) throw new XmlValueError(path, text, 'a fraction between 0 and 1');
  return value;
}

/** Text with surrounding whitespace removed, for values OSS never pads (timestamps, enums, IDs of sorts). */
export function trimmed(text: string): string {
  return text.trim();
}

/** Decodes percent-encoding (EncodingType=url). */
export function urlDecode(text: string, path: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new XmlValueError(path, text, 'URL-encoded text');
  }
}

/**
 * With EncodingType=url, OSS percent-encodes keys, prefixes, markers and the delimiter in listings
 * (tokens and version ids are opaque and left alone): a Codec turns such a text into wire form or back.
 */
export type Codec = (text: string, path: string) => string;
export const verbatim: Codec = (text) => text;
export const encode: Codec = (text) => encodeURIComponent(text);

export function isUrlEncoded(encodingType: string | undefined): boolean {
  return encodingType !== undefined && encodingType.trim().toLowerCase() === 'url';
}

/** Number or boolean to the text OSS writes. */
export function formatValue(value: number | boolean): string {
  return String(value);
}
