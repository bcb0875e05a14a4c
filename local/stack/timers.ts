/**
 * Local stand-ins for the FC timer triggers: each function runs every N ms, never overlapping itself
 * (FC could overlap; the functions' leases make that safe, but locally it only adds noise).
 */
import type { HandlerResponse } from '../../shared/runtime';

export interface TimerRun {
  readonly at: string;
  readonly durationMs: number;
  readonly ok: boolean;
  /** The handler's summary, or the reason / error text. */
  readonly result: unknown;
}

export interface TimerStatus {
  readonly name: string;
  readonly everyMs: number;
  readonly runs: number;
  readonly last?: TimerRun;
}

export class Timer {
  private handle: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private runs = 0;
  private last: TimerRun | undefined;

  constructor(
    readonly name: string,
    readonly everyMs: number,
    private readonly fire: () => Promise<HandlerResponse<unknown>>,
    private readonly onRun: (name: string, run: TimerRun) => void = () => undefined,
  ) {}

  start(): void {
    this.handle ??= setInterval(() => void this.runNow(), this.everyMs);
  }

  /** Runs now unless a run is in flight (then waits for that one). */
  runNow(): Promise<void> {
    this.running ??= this.once().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async once(): Promise<void> {
    const started = Date.now();
    let run: TimerRun;
    try {
      const response = await this.fire();
      run = {
        at: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        ok: response.ok,
        result: response.ok ? response.result : { reason: response.reason, message: response.message },
      };
    } catch (error) {
      // A transient failure: FC would retry the next tick anyway.
      run = {
        at: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        ok: false,
        result: { error: error instanceof Error ? error.message : String(error) },
      };
    }
    this.runs += 1;
    this.last = run;
    this.onRun(this.name, run);
  }

  /** Stops scheduling and waits for a run in flight. */
  async stop(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    this.handle = undefined;
    await this.running;
  }

  status(): TimerStatus {
    return { name: this.name, everyMs: this.everyMs, runs: this.runs, ...(this.last ? { last: this.last } : {}) };
  }
}
