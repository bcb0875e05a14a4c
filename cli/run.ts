/**
 * The CLI without the process: argv and injected I/O in, an exit code out. main.ts is the only
 * part that touches process; tests call runCli directly.
 */
import { parseArgs, USAGE, type ParsedCommand } from './args';
import { applyCommand } from './commands/apply';
import { auditCommand } from './commands/audit';
import { planCommand } from './commands/plan';
import { policyCheckCommand } from './commands/policyCheck';
import { resyncCommand } from './commands/resync';
import { statusCommand } from './commands/status';
import { verifyCommand } from './commands/verify';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './errors';
import { COMMAND_HELP, usageAfterError } from './help';
import { hintFor } from './hints';
import type { CliIo } from './io';
import { buildCliServices } from './services';

async function dispatch(cmd: ParsedCommand, io: CliIo): Promise<number> {
  if (cmd.command === 'help') {
    io.out(cmd.helpFor ? COMMAND_HELP[cmd.helpFor] : USAGE);
    return EXIT_OK;
  }
  if (cmd.command === 'policy-check') return policyCheckCommand(cmd, io);
  const services = buildCliServices(cmd.options, io, { readOnly: cmd.command === 'plan' || cmd.command === 'status' });
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

/** Error text for the terminal: our errors' messages never carry secrets (OSS errors neither). */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

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
    io.err(`error: ${error.message}\n\n${usageAfterError(argv)}`);
    return EXIT_USAGE;
  }
  try {
    return await dispatch(cmd, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      return EXIT_USAGE;
    }
    const hint = hintFor(error, cmd.options);
    io.err(`error: ${describe(error)}${hint ? `\n${hint}` : ''}`);
    return EXIT_FAILURE;
  }
}
