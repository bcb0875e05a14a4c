import { SECRET_REFERENCE_PATTERN } from './constants';
import { MissingSecretError } from './errors';

/** The variable name of a whole-value `${env:NAME}` reference, or undefined when `value` is not one. */
export function secretReferenceName(value: string): string | undefined {
  return SECRET_REFERENCE_PATTERN.exec(value)?.[1];
}

/**
 * Resolves a `${env:NAME}` reference against `env`. A value that is not a reference is returned as
 * written (e.g. a plain webhook URL). An unset or empty variable throws `MissingSecretError`, which
 * names the variable and never a value.
 *
 * @example resolveSecret('${env:DINGTALK_SECRET}', process.env)
 */
export function resolveSecret(value: string, env: Readonly<Record<string, string | undefined>>): string {
  const name = secretReferenceName(value);
  if (name === undefined) return value;
  const resolved = Object.hasOwn(env, name) ? env[name] : undefined;
  if (resolved === undefined || resolved === '') throw new MissingSecretError(name);
  return resolved;
}
