/** `oss-replication <command>` (and `npm run cli -- <command>`): wires runCli to the process (streams, TTY, environment, exit code). */
import { createInterface } from 'node:readline/promises';
import { printable } from '../shared/log';
import type { CliIo } from './io';
import { runCli } from './run';

const io: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  interactive: process.stdin.isTTY === true,
  outIsTerminal: process.stdout.isTTY === true,
  // Cursor home, erase the screen (ANSI).
  clearScreen: () => process.stdout.write('\u001b[H\u001b[2J'),
  errIsTerminal: process.stderr.isTTY === true,
  errWrite: (text) => process.stderr.write(text),
  async confirm(question) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return (await rl.question(question)).trim() === 'yes';
    } finally {
      rl.close();
    }
  },
  // Handed to shared/runtime readConfig, the one place that interprets it.
  env: process.env,
};

runCli(process.argv.slice(2), io).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`internal error: ${printable(error instanceof Error ? error.message : String(error))}\n`);
    process.exit(1);
  },
);
