/** `npm start`: the local stack as a process. One line per component when ready; Ctrl-C stops it. */
import { stopOnSignals } from '../serverLifecycle';
import { parseStackArgs, StackUsageError, USAGE, type StackCliOptions } from './args';
import { startFailureMessage } from './messages';
import { aliOssSnippet, cliHints } from './snippets';
import { startStack } from './startStack';
import { DEMO_BUCKET } from './types';

/** Functions log JSON lines; on a terminal one short line each reads better. */
function prettyLine(line: string): void {
  try {
    const { level, msg, time: _time, function: fn, requestId: _id, ...rest } = JSON.parse(line) as Record<string, unknown>;
    // Stack traces belong in FC's logs; on the terminal the error's name and message are enough.
    const fields =
      Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest, (key, value: unknown) => (key === 'stack' ? undefined : value))}` : '';
    process.stdout.write(`[${String(fn ?? 'stack')}] ${String(level)}: ${String(msg)}${fields}\n`);
  } catch {
    process.stdout.write(`${line}\n`);
  }
}

let options: StackCliOptions | undefined;

async function main(argv: readonly string[]): Promise<void> {
  options = parseStackArgs(argv);
  if (options.help) return void process.stdout.write(`${USAGE}\n`);
  const stack = await startStack({ ...options, logSink: prettyLine });
  const c = stack.emulator.credentials[0]!;
  const say = (text: string) => process.stdout.write(`${text}\n`);
  for (const [region, url] of Object.entries(stack.endpoints)) say(`emulator     ${region} ready at ${url}`);
  // Local-only emulator keys, printed on purpose so ali-oss / ossutil can be pointed at it.
  say(`credentials  access key id ${c.accessKeyId}, secret ${c.accessKeySecret} (emulator only)`);
  say(`state        bucket ${stack.stateBucket} in ${stack.region}`);
  say(`functions    bucket-events on emulator bucket events; reconcile/verify/monitor/audit on timers`);
  say(`inbox        alerts (webhook channel) arrive at ${stack.inboxUrl}`);
  say(`dashboard    ${stack.dashboardUrl}`);
  if (options.demo) say(`demo         ${DEMO_BUCKET} created and tagged replication-policy=dr-beijing`);
  say('\ntry it:');
  say(aliOssSnippet(stack.endpoints, c, stack.region));
  for (const hint of cliHints(stack.endpoints, stack.stateBucket, c, { demo: options.demo === true })) say(hint);
  say('\nCtrl-C stops everything.');
  stopOnSignals(
    () => stack.stop(),
    () => say('stopping…'),
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${startFailureMessage(error, options?.policyFile)}\n`);
  process.exit(error instanceof StackUsageError ? 2 : 1);
});
