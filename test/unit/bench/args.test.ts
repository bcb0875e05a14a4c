import { commandOf, DEFAULT_LARGE, DEFAULT_REPEATS, parseSuiteArgs } from '../../../bench/support/args';

describe('parseSuiteArgs', () => {
  it('defaults to 1,000 buckets, 5 ms of latency, a build first and no large run', () => {
    expect(parseSuiteArgs([])).toEqual({ buckets: 1000, repeats: DEFAULT_REPEATS, latencyMs: 5, newBuckets: 5, build: true });
  });

  it('runs 10,000 buckets for --large alone, and the given size after it', () => {
    expect(parseSuiteArgs(['--large']).large).toBe(DEFAULT_LARGE);
    expect(parseSuiteArgs(['--large', '20000']).large).toBe(20000);
    expect(parseSuiteArgs(['--large=5000', '--no-build'])).toMatchObject({ large: 5000, build: false });
  });

  it('reads a flag followed by another flag as --large without a size', () => {
    expect(parseSuiteArgs(['--large', '--repeats', '3'])).toMatchObject({ large: DEFAULT_LARGE, repeats: 3 });
  });

  it('accepts 0 ms of latency and refuses a negative or fractional number', () => {
    expect(parseSuiteArgs(['--latency-ms', '0']).latencyMs).toBe(0);
    expect(() => parseSuiteArgs(['--latency-ms', '-1'])).toThrow('--latency-ms wants an integer >= 0');
    expect(() => parseSuiteArgs(['--repeats', '1.5'])).toThrow('--repeats wants an integer >= 1');
  });

  it('refuses a large run that is not larger than the main one', () => {
    expect(() => parseSuiteArgs(['--buckets', '2000', '--large', '2000'])).toThrow('must be more than --buckets');
  });

  it('refuses an unknown option and shows the usage', () => {
    expect(() => parseSuiteArgs(['--fast'])).toThrow(/unknown option --fast\nusage: npm run bench/);
  });
});

describe('commandOf', () => {
  it('is npm run bench for the defaults', () => {
    expect(commandOf(parseSuiteArgs([]))).toBe('npm run bench');
  });

  it('names every option that differs from the default, so the command reproduces the run', () => {
    const argv = ['--buckets', '600', '--large', '--repeats', '5', '--concurrency', '16', '--no-build'];
    const command = commandOf(parseSuiteArgs(argv));
    expect(command).toBe('npm run bench -- --buckets 600 --large --repeats 5 --concurrency 16 --no-build');
    expect(parseSuiteArgs(command.split(' ').slice(4))).toEqual(parseSuiteArgs(argv));
  });
});
