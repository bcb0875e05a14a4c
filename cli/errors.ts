/** Errors of the CLI. Each maps to an exit code in run.ts; messages never carry secrets. */

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command line is wrong: exit 2 and print the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'CLI_USAGE';
}

/** The command ran but cannot proceed (missing credentials, refused confirmation, ...): exit 1. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
  readonly code = 'CLI_FAILURE';
}
