/** Header names as the signers see them: case-insensitive, repeated names joined, generated ones stripped. */
import { GENERATED_HEADERS } from './constants';

/**
 * Lower-cases header names. Two spellings of one name (`X-Oss-A` and `x-oss-a`) are joined with `,`,
 * the rule OSS applies to repeated headers.
 */
export function lowerCaseHeaders(headers: Readonly<Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    const previous = out.get(lower);
    out.set(lower, previous === undefined ? value : `${previous},${value}`);
  }
  return out;
}

/** Case-insensitive header lookup, with the same joining rule as lowerCaseHeaders. */
export function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  let found: string | undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) found = found === undefined ? value : `${found},${value}`;
  }
  return found;
}

/**
 * A copy of the headers without the ones a signer generates (Authorization, Date, x-oss-date,
 * x-oss-security-token), whatever their case. Re-signing a retried request then starts from what the
 * caller asked for, with a fresh date and the current token. The input is never mutated.
 */
export function stripGeneratedHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!GENERATED_HEADERS.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}
