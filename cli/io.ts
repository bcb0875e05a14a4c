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
  /** stdout is a terminal: `status --watch` redraws the screen instead of appending. */
  readonly outIsTerminal?: boolean;
  /** Clears the terminal before a redraw: the one escape sequence the CLI sends to stdout, never through out(). */
  clearScreen?(): void;
  /** stderr is a terminal: plan and apply draw a progress bar there (never when piped). */
  readonly errIsTerminal?: boolean;
  /** Writes to stderr without a line end: a progress bar redraws its one line. */
  errWrite?(text: string): void;
  /** Ends `status --watch` (tests; on a terminal Ctrl-C ends the process). */
  readonly stop?: AbortSignal;
  /** Injected for tests; real time by default. */
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Collects output in memory: what the integration tests use. */
export interface CapturedIo extends CliIo {
  readonly stdout: string[];
  readonly stderr: string[];
  /** What errWrite drew (progress bars), when `errIsTerminal`. */
  readonly drawn: string[];
}

export interface CaptureOptions {
  readonly interactive?: boolean;
  readonly answer?: boolean;
  /** Pretend stderr is a terminal (progress bars are drawn into `drawn`). */
  readonly errIsTerminal?: boolean;
  readonly stop?: AbortSignal;
  readonly sleep?: (ms: number) => Promise<void>;
}

export function captureIo(env: Readonly<Record<string, string | undefined>>, options: CaptureOptions = {}): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const drawn: string[] = [];
  return {
    stdout,
    stderr,
    drawn,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    errIsTerminal: options.errIsTerminal ?? false,
    errWrite: (text) => drawn.push(text),
    ...(options.stop ? { stop: options.stop } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    interactive: options.interactive ?? false,
    confirm: async () => options.answer ?? false,
    env,
  };
}
