/**
 * Build-time entry of the policy module: YAML -> validated, defaulted `PolicyDocument`.
 * Imports yaml and zod, so only the compile script, the CLI, the local stack and tests may use it;
 * functions load the compiled JSON through runtime.ts instead.
 */
import { readFileSync } from 'node:fs';
import { PolicyValidationError } from './errors';
import { formatPath } from './issuePath';
import type { PolicyDocument } from './types';
import { validateDocument } from './validateDocument';
import { parseYamlSource } from './yamlSource';

/**
 * Validates an already-parsed policy document and applies defaults.
 * Throws `PolicyValidationError` listing every issue.
 */
export function compilePolicyObject(raw: unknown): PolicyDocument {
  const result = validateDocument(raw);
  if ('document' in result) return result.document;
  throw new PolicyValidationError(result.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
}

/**
 * Parses and validates a policy file's text; issues carry the YAML line they point at.
 *
 * @example const doc = compilePolicy(readFileSync('config/policy.yaml', 'utf8'));
 */
export function compilePolicy(yamlText: string): PolicyDocument {
  const source = parseYamlSource(yamlText);
  const result = validateDocument(source.value);
  if ('document' in result) return result.document;
  const issues = result.issues.map((i) => {
    const line = source.lineOf(i.path);
    return { path: formatPath(i.path), message: i.message, ...(line === undefined ? {} : { line }) };
  });
  throw new PolicyValidationError(issues);
}

/** Reads and compiles a policy file (the local stack and CLI load YAML directly with this). */
export function loadPolicyFile(path: string): PolicyDocument {
  return compilePolicy(readFileSync(path, 'utf8'));
}
