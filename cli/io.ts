/**
 * Everything the CLI touches outside its own code, injected so the commands run in-process in
 * tests: output streams, whether stdin is a terminal, the confirmation prompt and the environment.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Only an interactive terminal may be asked to confirm a change. */
  readonly interactive: boolean;
  /** Asks a yes/no question; called only when `interactive`. */
  confirm(question: string): Promise<boolean>;
  /** Environment handed to shared/runtime readConfig (the only reader). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Injected for tests; real time by default. */
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Collects output in memory: what the integration tests use. */
export interface CapturedIo extends CliIo {
  readonly stdout: string[];
  readonly stderr: string[];
}

export function captureIo(
  env: Readonly<Record<string, string | undefined>>,
  options: { interactive?: boolean; answer?: boolean } = {},
): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    interactive: options.interactive ?? false,
    confirm: async () => options.answer ?? false,
    env,
  };
}
