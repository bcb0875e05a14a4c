/** `npm run emulator -- --region cn-hangzhou=9100 ...`: the emulator as a process. */
import { stopOnSignals } from '../serverLifecycle';
import { CliError, parseCliArgs, USAGE } from './cliArgs';
import { startEmulator } from './startEmulator';

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options = parseCliArgs(argv);
  const emulator = await startEmulator(options);
  if (!options.credentials) {
    // The defaults are local-only test credentials, printed so a developer can point a client at us.
    const c = emulator.credentials[0];
    process.stdout.write(`default credentials: access key id ${c?.accessKeyId} secret ${c?.accessKeySecret}\n`);
  }
  for (const [region, url] of Object.entries(emulator.endpoints)) process.stdout.write(`${region} ready at ${url}\n`);
  process.stdout.write(`admin API at ${emulator.adminUrl}/\n`);
  stopOnSignals(() => emulator.stop());
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`emulator: ${message}\n${error instanceof CliError ? `${USAGE}\n` : ''}`);
  process.exit(2);
});
