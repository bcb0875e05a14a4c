import { parseCliArgs } from '../../../local/emulator/cliArgs';

describe('parseCliArgs', () => {
  it('reads regions, credentials, data dir and timings', () => {
    const options = parseCliArgs([
      '--region',
      'cn-hangzhou=9100',
      '--region',
      'cn-beijing=9101',
      '--access-key-id',
      'id',
      '--access-key-secret',
      'secret',
      '--data-dir',
      '/tmp/emu',
      '--replication-delay-ms',
      '250',
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

  it('reads the operator options: account id, request-log size, engine knobs, body cap, location table, region enforcement', () => {
    const table = { 'cn-hangzhou': { locations: ['cn-beijing'], transferAcceleration: [], rtc: ['cn-beijing'] } };
    const options = parseCliArgs([
      '--region',
      'cn-hangzhou=9100',
      '--account-id',
      '1234567890123456',
      '--request-log-size',
      '500000',
      '--historical-per-tick',
      '5',
      '--max-body-bytes',
      '1048576',
      '--replication-locations',
      JSON.stringify(table),
      '--enforce-bucket-region',
      'false',
    ]);
    expect(options).toEqual({
      regions: { 'cn-hangzhou': 9100 },
      accountId: '1234567890123456',
      requestLogSize: 500000,
      historicalPerTick: 5,
      maxBodyBytes: 1048576,
      replicationLocations: table,
      enforceBucketRegion: false,
    });
  });

  it.each([
    [['--account-id', 'acme'], 'digits'],
    [['--request-log-size', '-1'], 'integer >= 0'],
    [['--tick-ms', '0'], 'integer >= 1'],
    [['--replication-locations', '{"cn-hangzhou":{"locations":"cn-beijing"}}'], 'list of region names'],
    [['--replication-locations', 'not json'], 'not valid JSON'],
    [['--enforce-bucket-region', 'yes'], 'true or false'],
  ])('refuses %j with a reason', (extra, reason) => {
    expect(() => parseCliArgs(['--region', 'cn-hangzhou=1', ...extra])).toThrow(reason);
  });
});
