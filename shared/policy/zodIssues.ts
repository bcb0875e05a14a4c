/** Turns zod issues into policy issues with short, stable messages. Build time only. */
import type { z } from 'zod';
import type { PathSegment } from './issuePath';

/** An issue before its path is formatted (and, for YAML input, given a line). */
export interface RawIssue {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

const ARTICLE: Readonly<Record<string, string>> = { array: 'an array', object: 'an object', record: 'a mapping', int: 'an integer' };

/** Error map for `safeParse`: the wording every policy issue uses. Undefined keeps zod's message. */
export function policyErrorMap(iss: z.core.$ZodRawIssue): string | undefined {
  if (iss.code === 'invalid_type') {
    if (iss.input === undefined) return 'required';
    return `must be ${ARTICLE[iss.expected] ?? `a ${iss.expected}`}`;
  }
  if (iss.code === 'invalid_value') return `must be ${iss.values.length === 1 ? '' : 'one of '}${iss.values.join(', ')}`;
  if (iss.code === 'invalid_union' && 'discriminator' in iss) {
    return `must be one of ${(iss.options as unknown[]).join(', ')}`;
  }
  if (iss.code === 'too_small' && iss.origin === 'number') return `must be at least ${String(iss.minimum)}`;
  if (iss.code === 'too_big' && iss.origin === 'string') return `must be at most ${String(iss.maximum)} characters`;
  return undefined;
}

/** One RawIssue per zod issue (one per key for unknown keys), under `prefix`. */
export function fromZod(error: z.ZodError, prefix: readonly PathSegment[]): RawIssue[] {
  return error.issues.flatMap((iss): RawIssue[] => {
    const path = [...prefix, ...(iss.path as PathSegment[])];
    if (iss.code === 'unrecognized_keys') return iss.keys.map((k) => ({ path: [...path, k], message: 'unknown field' }));
    return [{ path, message: iss.message }];
  });
}
