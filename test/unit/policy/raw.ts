import { compilePolicyObject } from '../../../shared/policy/compile';
import { formatIssue, PolicyValidationError } from '../../../shared/policy/errors';

/** A raw (uncompiled) document holding one policy `p` with `fields` over a minimal valid destination. */
export function rawDoc(fields: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    policies: { p: { destination: { region: 'cn-beijing', bucket: '{bucket}-dr' }, ...fields } },
    ...extra,
  };
}

/** The `path: message` lines of compiling `raw`; [] when it compiles. */
export function issuesOf(raw: unknown): string[] {
  try {
    compilePolicyObject(raw);
    return [];
  } catch (err) {
    if (err instanceof PolicyValidationError) return err.issues.map(formatIssue);
    throw err;
  }
}
