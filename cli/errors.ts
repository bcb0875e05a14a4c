/**
 * Errors of the CLI. Each maps to an exit code in run.ts and carries a stable `code` (the `error.code`
 * of a `--json` failure); messages never carry secrets.
 */

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command line is wrong: exit 2 and print the usage. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
  constructor(
    message: string,
    readonly code: string = 'CLI_USAGE',
  ) {
    super(message);
  }
}

/** The command needs a policy file and there is none at `file` (the default, or the one given with `flag`). */
export class PolicyFileMissing extends UsageError {
  override readonly name = 'PolicyFileMissing';
  constructor(
    readonly file: string,
    readonly flag: '--policy' | '--file',
  ) {
    super(`no policy file at ${file}`, 'CLI_NO_POLICY');
  }
}

/** The command ran but cannot proceed (missing credentials, refused confirmation, ...): exit 1. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
  constructor(
    message: string,
    readonly code: string = 'CLI_FAILURE',
  ) {
    super(message);
  }
}
