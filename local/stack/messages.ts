/** What `npm start` says when it cannot start: one cause and what to do, never a stack trace. */
import { formatIssue, PolicyValidationError } from '../../shared/policy';
import { StackUsageError, USAGE } from './args';
import { DEFAULT_POLICY_FILE } from './types';

export function startFailureMessage(error: unknown, policyFile: string = DEFAULT_POLICY_FILE): string {
  if (error instanceof StackUsageError) return `stack: ${error.message}\n${USAGE}`;
  if (error instanceof PolicyValidationError) {
    const lines = error.issues.map((i) => `  ${i.line !== undefined ? `line ${i.line}: ` : ''}${formatIssue(i)}`);
    return [
      `stack: ${policyFile} has ${error.issues.length} problem(s):`,
      ...lines,
      `(npm run cli -- policy check --file ${policyFile} checks it without starting anything)`,
    ].join('\n');
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE') {
    const { address, port } = error as { address?: unknown; port?: unknown };
    const where = typeof address === 'string' && typeof port === 'number' ? `${address}:${port}` : 'a port';
    return `stack: ${where} is already in use (another npm start or emulator?). Stop it, or choose other ports: npm start -- --port N --region cn-hangzhou=N --region cn-beijing=N --region cn-shanghai=N`;
  }
  if (code === 'ENOENT' && error instanceof Error && error.message.includes(policyFile))
    return `stack: policy file ${policyFile} not found (--policy FILE)`;
  return `stack: ${error instanceof Error ? error.message : String(error)}`;
}
