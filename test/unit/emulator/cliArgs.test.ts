import { parseCliArgs } from '../../../local/emulator/cliArgs';

describe('parseCliArgs', () => {
  it('reads regions, credentials, data dir and timings', () => {
    const options = parseCliArgs([
      '--region', 'cn-hangzhou=9100', '--region', 'cn-beijing=9101',
      '--access-key-id', 'id', '--access-key-secret', 'secret',
      '--data-dir', '/tmp/emu', '--replication-delay-ms', '250',
    ]);
    expect(options).toEqual({
      regions: { 'cn-hangzhou': 9100, 'cn-beijing': 9101 },
      credentials: [{ accessKeyId: 'id', accessKeySecret: 'secret' }],
      dataDir: '/tmp/emu',
      replicationDelayMs: 250,
    });
  });

  it('needs at least one region', () => {
    expect(() => parseCliArgs([])).toThrow('--region');
  });

  it('refuses an access key id without its secret', () => {
    expect(() => parseCliArgs(['--region', 'cn-hangzhou=1', '--access-key-id', 'id'])).toThrow('go together');
  });

  it('refuses an unknown option', () => {
    expect(() => parseCliArgs(['--region', 'cn-hangzhou=1', '--verbose', 'yes'])).toThrow('unknown option');
  });
});
