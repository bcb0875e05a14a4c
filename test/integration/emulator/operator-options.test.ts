/**
 * Operator options of the emulator, seen from the outside: the account id it reports as owner (to
 * ali-oss), the size of its request log (and the admin state that says how much it dropped), and a
 * replication location table given instead of the documented default.
 */
import { startEmulator, type EmulatorState, type RunningEmulator } from '../../../local/emulator';
import { aliOss, REGION } from './helpers/aliOss';

const ACCOUNT = '1234567890123456';
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    regions: { [REGION]: 0 },
    accountId: ACCOUNT,
    requestLogSize: 3,
    replicationLocations: { [REGION]: { locations: ['cn-beijing', 'cn-shanghai'], transferAcceleration: [], rtc: ['cn-shanghai'] } },
  });
});
afterAll(async () => {
  await emulator?.stop();
});

describe('accountId', () => {
  it('is the owner ali-oss reads from ListBuckets and GetBucketInfo', async () => {
    const oss = aliOss(emulator, true);
    await oss.putBucket('owned-here');
    const listed = (await oss.listBuckets({})) as unknown as { owner: { id: string; displayName: string } };
    expect(listed.owner).toEqual({ id: ACCOUNT, displayName: ACCOUNT });
    expect(((await oss.getBucketInfo('owned-here')).bucket as unknown as { Owner: { ID: string } }).Owner.ID).toBe(ACCOUNT);
  });

  it('must be digits (an account UID): anything else stops the start with a reason', async () => {
    await expect(startEmulator({ regions: { [REGION]: 0 }, accountId: 'acme corp' })).rejects.toThrow('accountId must be digits');
  });
});

describe('requestLogSize', () => {
  it('keeps the last N requests and reports what it dropped in the admin state', async () => {
    const oss = aliOss(emulator, true);
    emulator.admin.clearRequests();
    for (let i = 0; i < 5; i++) await oss.listBuckets({ 'max-keys': i + 1 });
    expect(emulator.admin.requests()).toHaveLength(3);
    const state = (await (await fetch(`${emulator.adminUrl}/state`)).json()) as EmulatorState;
    expect(state.requestLog).toEqual({ capacity: 3, kept: 3, dropped: 2 });
  });
});

describe('replicationLocations', () => {
  it('replaces the documented table: GetBucketReplicationLocation answers what was configured', async () => {
    const oss = aliOss(emulator, true);
    await oss.putBucket('located');
    const { data } = await oss.request({
      ...oss._bucketRequestParams('GET', 'located', 'replicationLocation'),
      successStatuses: [200],
      xmlResponse: true,
    });
    expect(data).toMatchObject({ Location: ['oss-cn-beijing', 'oss-cn-shanghai'], LocationRTCConstraint: { Location: 'oss-cn-shanghai' } });
  });
});
