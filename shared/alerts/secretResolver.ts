import { resolveSecret, secretReferenceName } from '../policy/runtime';

/**
 * Resolves a channel's `${env:NAME}` references through a variable lookup (the runtime config, the
 * only env reader); literals pass through as written.
 */
export function secretResolver(envVar: (name: string) => string | undefined): (ref: string) => string {
  return (ref) => {
    const name = secretReferenceName(ref);
    return resolveSecret(ref, name === undefined ? {} : { [name]: envVar(name) });
  };
}
