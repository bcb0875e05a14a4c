/**
 * The CLI without the process: argv and injected I/O in, an exit code out. main.ts is the only
 * part that touches process; tests call runCli directly. What a command prints goes through
 * output.ts (safe text; with --json, exactly one JSON document on stdout, success or failure).
 */
import { OssRetryExhaustedError } from '../shared/oss';
import { parseArgs, USAGE, type CommandName, type ParsedCommand } from './args';
import { applyCommand } from './commands/apply';
import { auditCommand } from './commands/audit';
import { planCommand } from './commands/plan';
import { policyCheckCommand } from './commands/policyCheck';
import { resyncCommand } from './commands/resync';
import { statusCommand } from './commands/status';
import { verifyCommand } from './commands/verify';
import { CliFailure, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './errors';
import { COMMAND_HELP, commandOfWords, usageAfterError } from './help';
import { hintFor } from './hints';
import type { CliIo } from './io';
import { commandOutput, type JsonError } from './output';
import { buildCliServices } from './services';

/** Commands that read the policy file; status and resync do not, so they run where there is none. */
const READS_POLICY: ReadonlySet<CommandName> = new Set(['plan', 'apply', 'verify', 'audit']);

async function dispatch(cmd: ParsedCommand & { command: CommandName }, io: CliIo): Promise<number> {
  if (cmd.command === 'policy-check') return policyCheckCommand(cmd, io);
  const readOnly = cmd.command === 'plan' || cmd.command === 'status';
  const services = buildCliServices(cmd.options, io, { readOnly, policy: READS_POLICY.has(cmd.command) });
  try {
    switch (cmd.command) {
      case 'plan':
        return await planCommand(cmd, services, io);
      case 'apply':
        return await applyCommand(cmd, services, io);
      case 'status':
        return await statusCommand(cmd, services, io);
      case 'verify':
        return await verifyCommand(cmd, services, io);
      case 'audit':
        return await auditCommand(cmd, services, io);
      case 'resync':
        return await resyncCommand(cmd, services, io);
    }
  } finally {
    services.close();
  }
}

/** Error text: our errors' messages never carry secrets (OSS errors neither); an OSS code leads its message. */
function describe(error: unknown): string {
  if (error instanceof UsageError || error instanceof CliFailure) return error.message;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/** The `error.code` of a --json failure: ours (`CLI_…`), or OSS's (of the last attempt when retries gave up). */
function codeOf(error: unknown): string {
  const root = error instanceof OssRetryExhaustedError ? error.lastError : error;
  const code = (root as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'CLI_FAILURE';
}

/** What a command is called in its JSON document. */
const jsonName = (command: CommandName | undefined): string | undefined => (command === 'policy-check' ? 'policy check' : command);

/**
 * @example const code = await runCli(['plan', '--bucket', 'photos'], io);
 * @returns 0 ok, 1 failures, 2 usage.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let cmd: ParsedCommand;
  try {
    cmd = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const output = commandOutput(io, { json: argv.includes('--json'), command: jsonName(commandOfWords(argv)) });
    output.io.err(`error: ${error.message}\n\n${usageAfterError(argv)}`);
    output.finish(EXIT_USAGE, { code: error.code, message: error.message });
    return EXIT_USAGE;
  }
  if (cmd.command === 'help') {
    io.out(cmd.helpFor ? COMMAND_HELP[cmd.helpFor] : USAGE);
    return EXIT_OK;
  }
  const command = cmd.command;
  const output = commandOutput(io, { json: cmd.options.json, command: jsonName(command), stream: cmd.watch === true });
  try {
    const exit = await dispatch({ ...cmd, command }, output.io);
    output.finish(exit);
    return exit;
  } catch (error) {
    const exit = error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
    const hint = hintFor(error, cmd.options);
    const failure: JsonError = { code: codeOf(error), message: describe(error), ...(hint ? { hint } : {}) };
    output.io.err(`error: ${failure.message}${hint ? `\n${hint}` : ''}`);
    output.finish(exit, failure);
    return exit;
  }
}
