/**
 * A one-line progress bar on stderr while plan or apply works through many buckets: drawn only when
 * stderr is a terminal and the output is for people (not --json), so pipes and machines never see it.
 */
import { printable } from '../shared/log';
import type { CliIo } from './io';

export interface Progress {
  /** The item about to be worked on. */
  step(label: string): void;
  /** Clears the line. */
  done(): void;
}

const WIDTH = 24;
const LABEL = 32;
/** Carriage return and erase-line (ANSI): the bar redraws its own line. */
const ERASE = '\r\u001b[K';

const NONE: Progress = { step: () => undefined, done: () => undefined };

/** `[#########---------------]  12/40 planning  photos-2024` */
export function progressLine(done: number, total: number, verb: string, label: string): string {
  const filled = total > 0 ? Math.round((done / total) * WIDTH) : WIDTH;
  const shown = printable(label);
  const name = shown.length > LABEL ? `${shown.slice(0, LABEL - 1)}…` : shown;
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(done).padStart(String(total).length)}/${total} ${verb}  ${name}`;
}

/** A bar over `total` items, or one that draws nothing (not a terminal, --json, a single bucket). */
export function progressBar(io: CliIo, total: number, verb: string, json: boolean): Progress {
  const write = io.errWrite;
  if (!io.errIsTerminal || !write || json || total < 2) return NONE;
  let done = 0;
  return {
    step(label) {
      write(`${ERASE}${progressLine(done, total, verb, label)}`);
      done += 1;
    },
    done: () => write(ERASE),
  };
}
