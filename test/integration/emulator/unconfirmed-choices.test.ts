/**
 * The UNCONFIRMED choices listed in local/emulator/README.md that no other suite pins down, one test
 * each, numbered as in the README, over raw signed HTTP.
 */
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { errorCode, rawOss, type RawRequest } from './helpers/rawOss';

const HZ = 'cn-hangzhou';
const BJ = 'cn-beijing';

let emulator: RunningEmulator;
let counter = 0;
const unique = (stem: string) => `${stem}-${(counter += 1)}`;

beforeAll(async () => {
  // Rules stay closing for a minute so a test can act while one is closing.
  emulator = await startEmulator({ regions: { [HZ]: 0, [BJ]: 0 }, ruleStartingMs: 0, ruleClosingMs: 60_000 });
});

afterAll(async () => {
  await emulator?.stop();
});

const oss = (req: RawRequest, region = HZ) => rawOss(emulator.endpoints[region]!, region, emulator.credentials[0]!, req);
const outcome = async (req: RawRequest, region = HZ) => {
  const res = await oss(req, region);
  return [res.status, errorCode(res.body) ?? null];
};

async function bucket(region = HZ, versioning?: 'Enabled' | 'Suspended'): Promise<string> {
  const name = unique('choice');
  expect((await oss({ method: 'PUT', bucket: name }, region)).status).toBe(200);
  if (versioning) {
    const body = `<VersioningConfiguration><Status>${versioning}</Status></VersioningConfiguration>`;
    expect((await oss({ method: 'PUT', bucket: name, query: [['versioning', null]], body }, region)).status).toBe(200);
  }
  return name;
}

const addRule = (src: string, rule: string) =>
  oss({
    method: 'POST',
    bucket: src,
    query: [
      ['replication', null],
      ['comp', 'add'],
    ],
    body: `<ReplicationConfiguration>${rule}</ReplicationConfiguration>`,
  });
const ruleTo = (dst: string, extra = '') =>
  `<Rule>${extra}<Destination><Bucket>${dst}</Bucket><Location>oss-${BJ}</Location></Destination></Rule>`;
const deleteRule = (src: string, id: string) =>
  oss({
    method: 'POST',
    bucket: src,
    query: [
      ['replication', null],
      ['comp', 'delete'],
    ],
    body: `<ReplicationRules><ID>${id}</ID></ReplicationRules>`,
  });

describe('UNCONFIRMED choices (local/emulator/README.md)', () => {
  it('5: a closing rule still blocks a new rule to the same destination with BucketReplicationAlreadyExist', async () => {
    const src = await bucket();
    const dst = await bucket(BJ);
    const id = (await addRule(src, ruleTo(dst))).headers['x-oss-replication-rule-id']!;
    expect((await deleteRule(src, id)).status).toBe(200);
    expect(errorCode((await addRule(src, ruleTo(dst))).body)).toBe('BucketReplicationAlreadyExist');
  });

  it('10: PutBucketRTC on a closing rule answers 404 NoSuchReplicationRule', async () => {
    const src = await bucket();
    const dst = await bucket(BJ);
    const id = (await addRule(src, ruleTo(dst))).headers['x-oss-replication-rule-id']!;
    await deleteRule(src, id);
    const body = `<ReplicationRule><RTC><Status>enabled</Status></RTC><ID>${id}</ID></ReplicationRule>`;
    expect(await outcome({ method: 'PUT', bucket: src, query: [['rtc', null]], body })).toEqual([404, 'NoSuchReplicationRule']);
  });

  it('12: x-oss-forbid-overwrite has no effect on a versioned bucket', async () => {
    const name = await bucket(HZ, 'Enabled');
    await oss({ method: 'PUT', bucket: name, key: 'k', body: 'one' });
    expect(await outcome({ method: 'PUT', bucket: name, key: 'k', body: 'two', headers: { 'x-oss-forbid-overwrite': 'true' } })).toEqual([
      200,
      null,
    ]);
  });

  it('13: a never-versioned bucket may go straight to Suspended', async () => {
    const name = await bucket(HZ, 'Suspended');
    expect((await oss({ method: 'GET', bucket: name, query: [['versioning', null]] })).body).toContain('<Status>Suspended</Status>');
  });

  it('16: GetBucketTags without tags answers 200 <Tagging><TagSet/></Tagging>', async () => {
    const res = await oss({ method: 'GET', bucket: await bucket(), query: [['tagging', null]] });
    expect([res.status, res.body.replace(/^<\?xml[^>]*>\s*/, '')]).toEqual([200, '<Tagging><TagSet/></Tagging>']);
  });

  it('17: a lower-case Action is accepted and reported upper-case', async () => {
    const src = await bucket();
    const dst = await bucket(BJ);
    expect((await addRule(src, ruleTo(dst, '<Action>put,delete</Action>'))).status).toBe(200);
    expect((await oss({ method: 'GET', bucket: src, query: [['replication', null]] })).body).toContain('<Action>PUT,DELETE</Action>');
  });

  it('18: a rule without TransferType is accepted (no MissingArgument)', async () => {
    const src = await bucket();
    expect((await addRule(src, ruleTo(await bucket(BJ)))).status).toBe(200);
  });

  it('19: a configuration request needs no Content-MD5, but a wrong one answers InvalidDigest', async () => {
    const body = '<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>';
    const name = await bucket();
    expect(await outcome({ method: 'PUT', bucket: name, query: [['tagging', null]], body })).toEqual([200, null]);
    const wrong = { 'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==' };
    expect(await outcome({ method: 'PUT', bucket: name, query: [['tagging', null]], body, headers: wrong })).toEqual([
      400,
      'InvalidDigest',
    ]);
  });

  it('20: PutBucketRTC without an ID answers MalformedXML', async () => {
    const body = '<ReplicationRule><RTC><Status>enabled</Status></RTC></ReplicationRule>';
    expect(await outcome({ method: 'PUT', bucket: await bucket(), query: [['rtc', null]], body })).toEqual([400, 'MalformedXML']);
  });

  it('21: GET with a versionId the key does not have answers 404 NoSuchVersion', async () => {
    const name = await bucket(HZ, 'Enabled');
    await oss({ method: 'PUT', bucket: name, key: 'k', body: 'x' });
    expect(await outcome({ method: 'GET', bucket: name, key: 'k', query: [['versionId', 'CAEQnosuchversion']] })).toEqual([
      404,
      'NoSuchVersion',
    ]);
  });
});
