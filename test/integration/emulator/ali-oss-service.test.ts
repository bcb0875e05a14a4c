/**
 * Service-level behaviour the official ali-oss SDK relies on, V1 and V4: XML times written as OSS
 * writes them, ListBuckets filtered by tag with paging, InvalidBucketName for a bad name in the path
 * or in the Host (sent with ali-oss's own signer, since ali-oss refuses such names before sending),
 * the documented replication location table, and GetBucketReplicationProgress asked per rule.
 * Calls ali-oss has no method for go through its generic `request`, so its signer still signs them.
 */
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { OssClient } from '../../../shared/oss/client';
import { aliOss, failure, OSS_XML_TIME, REGION, type AliOssClient } from './helpers/aliOss';
import { errorCode, rawHttp } from './helpers/rawOss';

const BJ = 'cn-beijing';

function suite(label: string, v4: boolean): void {
  describe(`ali-oss ${label}: service calls`, () => {
    let emulator: RunningEmulator;
    let service: AliOssClient;
    let counter = 0;
    const unique = (stem: string) => `${stem}-${v4 ? 'v4' : 'v1'}-${(counter += 1)}`;

    beforeAll(async () => {
      emulator = await startEmulator({ regions: { [REGION]: 0, [BJ]: 0 }, ruleStartingMs: 0 });
      service = aliOss(emulator, v4);
    });
    afterAll(async () => {
      await emulator?.stop();
    });

    describe('XML times', () => {
      it('are written to the second with .000Z in every listing, BucketInfo, CopyObjectResult and the progress watermark', async () => {
        const name = unique('times');
        await service.putBucket(name);
        await service.putBucketVersioning(name, 'Enabled');
        const oss = aliOss(emulator, v4, name);
        await oss.put('k', Buffer.from('x'));
        const times = [
          (await service.listBuckets({ prefix: name })).buckets![0]!.creationDate,
          (await service.getBucketInfo(name)).bucket.CreationDate,
          (await oss.list({ 'max-keys': 10 }, {})).objects[0]!.lastModified,
          (await oss.listV2({ 'max-keys': 10 }, {})).objects[0]!.lastModified,
          (await oss.getBucketVersions({})).objects[0]!.lastModified,
          (await oss.copy('k2', 'k')).data!.lastModified,
        ];
        for (const t of times) expect(t).toMatch(OSS_XML_TIME);
      });
    });

    describe('listBuckets filtered by tag', () => {
      let stem: string;
      beforeAll(async () => {
        stem = unique('tagged');
        const tags: Record<string, Record<string, string>> = {
          a: { team: 'red' },
          b: { team: 'blue' },
          c: {},
          d: { team: 'red', env: 'prod' },
        };
        for (const [suffix, set] of Object.entries(tags)) {
          await service.putBucket(`${stem}-${suffix}`);
          if (Object.keys(set).length > 0) await service.putBucketTags(`${stem}-${suffix}`, set);
        }
      });
      const names = async (query: Record<string, string | number>) =>
        ((await service.listBuckets({ prefix: stem, ...query })).buckets ?? []).map((b) => b.name);

      it('keeps the buckets that carry tag-key', async () => {
        expect(await names({ 'tag-key': 'team' })).toEqual([`${stem}-a`, `${stem}-b`, `${stem}-d`]);
      });

      it('keeps the buckets that carry tag-key with tag-value', async () => {
        expect(await names({ 'tag-key': 'team', 'tag-value': 'red' })).toEqual([`${stem}-a`, `${stem}-d`]);
      });

      it('pages the filtered list with max-keys and marker', async () => {
        const first = await service.listBuckets({ prefix: stem, 'tag-key': 'team', 'max-keys': 2 });
        expect([(first.buckets ?? []).map((b) => b.name), first.isTruncated, first.nextMarker]).toEqual([
          [`${stem}-a`, `${stem}-b`],
          true,
          `${stem}-b`,
        ]);
        const second = await service.listBuckets({ prefix: stem, 'tag-key': 'team', 'max-keys': 2, marker: first.nextMarker! });
        expect([(second.buckets ?? []).map((b) => b.name), second.isTruncated]).toEqual([[`${stem}-d`], false]);
      });

      it('returns each bucket of a tag-filtered listing with its whole tag set, as ali-oss reads it', async () => {
        const { buckets } = await service.listBuckets({ prefix: stem, subres: { tagging: '"team":"red","env":"prod"' } } as never);
        expect((buckets ?? []).map((b) => [b.name, (b as unknown as { tag: Record<string, string> }).tag])).toEqual([
          [`${stem}-d`, { team: 'red', env: 'prod' }],
        ]);
      });

      it('lists no tags when the listing is not filtered by tag', async () => {
        const { buckets } = await service.listBuckets({ prefix: stem });
        expect((buckets ?? []).map((b) => (b as unknown as { tag: Record<string, string> }).tag)).toEqual([{}, {}, {}, {}]);
      });

      it('refuses tag-value without tag-key with InvalidArgument', async () => {
        expect(await failure(service.listBuckets({ 'tag-value': 'red' }))).toMatchObject({ status: 400, code: 'InvalidArgument' });
      });
    });

    describe('InvalidBucketName (ali-oss refuses these names itself, so its signer signs a raw request)', () => {
      const signed = (bucket: string): Record<string, string> => {
        if (v4) {
          const headers = {
            'x-oss-date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''),
            'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
          };
          return { ...headers, authorization: service.authorizationV4('PUT', { headers, queries: {} }, bucket) };
        }
        const headers = { 'x-oss-date': new Date().toUTCString() };
        return { ...headers, authorization: service.authorization('PUT', `/${bucket}/`, {}, headers) };
      };

      it('answers 400 InvalidBucketName for an invalid name in the path', async () => {
        const res = await rawHttp(emulator.endpoints[REGION]!, { method: 'PUT', path: '/Bad_Name/', headers: signed('Bad_Name') });
        expect([res.status, errorCode(res.body)]).toEqual([400, 'InvalidBucketName']);
      });

      it('answers 400 InvalidBucketName, not a service-level 405, for an invalid name in an OSS virtual host', async () => {
        const res = await rawHttp(emulator.endpoints[REGION]!, {
          method: 'PUT',
          path: '/',
          headers: { ...signed('bad_name'), host: `bad_name.oss-${REGION}.aliyuncs.com` },
        });
        expect([res.status, errorCode(res.body), res.body.match(/<BucketName>([^<]*)</)?.[1]]).toEqual([
          400,
          'InvalidBucketName',
          'bad_name',
        ]);
      });
    });

    describe('replication location table', () => {
      const location = async (region: string) => {
        const name = unique('loc');
        await aliOss(emulator, v4, undefined, region).putBucket(name);
        const client = aliOss(emulator, v4, undefined, region);
        return (
          await client.request({
            ...client._bucketRequestParams('GET', name, 'replicationLocation'),
            successStatuses: [200],
            xmlResponse: true,
          })
        ).data as {
          Location: string[];
          LocationTransferTypeConstraint: { LocationTransferType: Array<{ Location: string }> };
          LocationRTCConstraint: { Location: string[] };
        };
      };

      it('lists every documented destination, not only the regions the emulator serves', async () => {
        const table = await location(REGION);
        expect(table.Location).toHaveLength(29);
        expect(table.Location).toEqual(
          expect.arrayContaining(['oss-cn-beijing', 'oss-us-west-1', 'oss-eu-central-1', 'oss-ap-southeast-1']),
        );
        expect(table.Location).not.toContain(`oss-${REGION}`);
      });

      it('offers oss_acc for the 17 destinations across the mainland border and RTC for 5 mainland regions, as OSS answers for cn-hangzhou', async () => {
        const table = await location(REGION);
        const acc = table.LocationTransferTypeConstraint.LocationTransferType.map((t) => t.Location);
        expect(acc).toHaveLength(17);
        expect(acc).toEqual(expect.arrayContaining(['oss-cn-hongkong', 'oss-us-west-1']));
        expect(acc).not.toContain('oss-cn-beijing');
        expect([...table.LocationRTCConstraint.Location].sort()).toEqual([
          'oss-cn-beijing',
          'oss-cn-qingdao',
          'oss-cn-shanghai',
          'oss-cn-shenzhen',
          'oss-cn-zhangjiakou',
        ]);
      });

      it('answers from the point of view of the source region', async () => {
        const table = await location(BJ);
        expect(table.Location).toContain(`oss-${REGION}`);
        expect(table.Location).not.toContain(`oss-${BJ}`);
      });
    });

    describe('GetBucketReplicationProgress', () => {
      let source: string;
      let ruleId: string;
      beforeAll(async () => {
        source = unique('progress');
        const destination = unique('progress-dst');
        const c = emulator.credentials[0]!;
        // ali-oss has no replication calls: the rule is added with the project's client.
        const client = new OssClient({ region: REGION, credentials: c, endpoint: { kind: 'map', endpoints: emulator.endpoints } });
        await client.putBucket({ bucket: source, region: REGION });
        await client.putBucket({ bucket: destination, region: BJ });
        ruleId = (
          await client.putBucketReplication(
            { bucket: source, region: REGION },
            {
              prefixes: [],
              actions: ['ALL'],
              destination: { bucket: destination, location: `oss-${BJ}` },
              historicalObjectReplication: 'enabled',
            },
          )
        ).ruleId;
        client.destroy();
      });
      const ask = (query: Record<string, string>) =>
        service.request({
          ...service._bucketRequestParams('GET', source, 'replicationProgress'),
          query,
          successStatuses: [200],
          xmlResponse: true,
        });

      it('answers the rule asked for with rule-id, with a NewObject watermark to the second', async () => {
        const { data } = await ask({ 'rule-id': ruleId });
        const rule = data.Rule as { ID: string; Status: string; Progress: { NewObject: string } };
        expect([rule.ID, rule.Status]).toEqual([ruleId, 'doing']);
        expect(rule.Progress.NewObject).toMatch(OSS_XML_TIME);
      });

      it('refuses a request without rule-id with 400 MissingArgument', async () => {
        expect(await failure(ask({}))).toMatchObject({ status: 400, code: 'MissingArgument' });
      });
    });
  });
}

suite('V1', false);
suite('V4', true);
