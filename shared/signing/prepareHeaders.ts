import { GENERATED_HEADERS } from './constants';

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
