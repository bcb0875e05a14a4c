import { ConfigError } from './errors';

/**
 * Small parsers for environment values. Each throws ConfigError naming the variable; the value is
 * quoted only by the callers that know it is not a secret.
 */

export type Env = Readonly<Record<string, string | undefined>>;

/** Trimmed value, or undefined when unset or blank (FC consoles often leave empty strings). */
export function optionalString(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const value = raw.trim();
  return value === '' ? undefined : value;
}

export function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = optionalString(env, name);
  if (value === undefined) return fallback;
  const lower = value.toLowerCase();
  const match = allowed.find((candidate) => candidate === lower);
  if (match === undefined) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${value}"`);
  }
  return match;
}

export function integerInRange(env: Env, name: string, min: number, max: number, fallback: number): number {
  const value = optionalString(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${value}"`);
  const parsed = Number(value);
  if (parsed < min || parsed > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, got ${parsed}`);
  }
  return parsed;
}

export function matching(env: Env, name: string, pattern: RegExp, what: string): string | undefined {
  const value = optionalString(env, name);
  if (value === undefined) return undefined;
  if (!pattern.test(value)) throw new ConfigError(name, `must be ${what}, got "${value}"`);
  return value;
}

/**
 * A JSON object of region -> base URL. The URLs may embed credentials in unusual setups, so the
 * error never repeats the value.
 */
export function endpointMap(env: Env, name: string): Record<string, string> | undefined {
  const value = optionalString(env, name);
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new ConfigError(name, 'is not valid JSON (expected {"<region>": "<base url>"})', { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(name, 'must be a JSON object of region to base URL');
  }
  const result: Record<string, string> = {};
  for (const [region, url] of Object.entries(parsed)) {
    if (typeof url !== 'string' || !isHttpUrl(url)) {
      throw new ConfigError(name, `the entry for region "${region}" is not an http(s) URL`);
    }
    result[region] = url.replace(/\/+$/, '');
  }
  return result;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
