import { createHash } from 'node:crypto';
import { parseReplicationConfiguration, parseReplicationRules, parseRtcConfiguration } from '../../../shared/xml';
import type { ReplicationRule } from '../../../shared/xml/types';
import { errorXml, startLocalServer } from './helpers/localServer';
import { clientFor, useLocalOss } from './helpers/testClient';

const local = useLocalOss();

const rule: ReplicationRule = {
  id: 'autopilot-1',
  prefixes: ['logs/'],
  actions: ['PUT', 'DELETE'],
  destination: { bucket: 'dst', location: 'oss-cn-beijing', transferType: 'internal' },
  historicalObjectReplication: 'disabled',
};

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0]!;
}

describe('PutBucketReplication', () => {
  it('POSTs /?replication&comp=add on the bucket', async () => {
    local.server.respond(() => ({ headers: { 'x-oss-replication-rule-id': 'autopilot-1' } }));
    await local.client.putBucketReplication({ bucket: 'src' }, rule);
    const req = only(local.server.requests);
    expect([req.method, req.path, req.url.split('?')[1]]).toEqual(['POST', '/src/', 'replication&comp=add']);
  });

  it('sends the rule as a ReplicationConfiguration body', async () => {
    local.server.respond(() => ({ headers: { 'x-oss-replication-rule-id': 'autopilot-1' } }));
    await local.client.putBucketReplication({ bucket: 'src' }, rule);
    const sent = parseReplicationConfiguration(only(local.server.requests).body.toString('utf8'));
    expect(sent.rules).toEqual([
      expect.objectContaining({
        id: 'autopilot-1',
        prefixes: ['logs/'],
        actions: ['PUT', 'DELETE'],
        historicalObjectReplication: 'disabled',
      }),
    ]);
  });

  it('sends Content-Type application/xml and the body MD5', async () => {
    local.server.respond(() => ({ headers: { 'x-oss-replication-rule-id': 'x' } }));
    await local.client.putBucketReplication({ bucket: 'src' }, rule);
    const req = only(local.server.requests);
    expect(req.headers['content-type']).toBe('application/xml');
    expect(req.headers['content-md5']).toBe(createHash('md5').update(req.body).digest('base64'));
  });

  it('returns the rule id from x-oss-replication-rule-id', async () => {
    local.server.respond(() => ({ headers: { 'x-oss-replication-rule-id': '83925164-b43e-42c8-b755-000000000000' } }));
    const { ruleId } = await local.client.putBucketReplication({ bucket: 'src' }, { ...rule, id: undefined });
    expect(ruleId).toBe('83925164-b43e-42c8-b755-000000000000');
  });
});

describe('DeleteBucketReplication', () => {
  it('POSTs /?replication&comp=delete with a ReplicationRules body', async () => {
    local.server.respond(() => ({ status: 200 }));
    await local.client.deleteBucketReplication({ bucket: 'src' }, 'autopilot-1');
    const req = only(local.server.requests);
    expect([req.method, req.url.split('?')[1]]).toEqual(['POST', 'replication&comp=delete']);
    expect(parseReplicationRules(req.body.toString('utf8'))).toEqual({ ids: ['autopilot-1'] });
  });

  it('reports alreadyClosing on 204', async () => {
    local.server.respond(() => ({ status: 204 }));
    await expect(local.client.deleteBucketReplication({ bucket: 'src' }, 'r')).resolves.toEqual({ alreadyClosing: true });
  });

  it('reports not alreadyClosing on 200', async () => {
    local.server.respond(() => ({ status: 200 }));
    await expect(local.client.deleteBucketReplication({ bucket: 'src' }, 'r')).resolves.toEqual({ alreadyClosing: false });
  });
});

describe('GetBucketReplication', () => {
  it('maps 404 NoSuchReplicationConfiguration to an empty configuration', async () => {
    local.server.respond(() => ({
      status: 404,
      body: errorXml({
        Code: 'NoSuchReplicationConfiguration',
        Message: 'The bucket you specified does not have replication configuration.',
      }),
    }));
    await expect(local.client.getBucketReplication({ bucket: 'src' })).resolves.toEqual({ rules: [] });
  });

  it('still throws NoSuchBucket', async () => {
    local.server.respond(() => ({ status: 404, body: errorXml({ Code: 'NoSuchBucket', Message: 'none' }) }));
    await expect(local.client.getBucketReplication({ bucket: 'src' })).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });

  it('parses the rules OSS returns', async () => {
    const xml =
      '<ReplicationConfiguration><Rule><ID>r1</ID><Action>ALL</Action><Destination><Bucket>dst</Bucket><Location>oss-cn-beijing</Location></Destination><Status>doing</Status><HistoricalObjectReplication>enabled</HistoricalObjectReplication></Rule></ReplicationConfiguration>';
    local.server.respond(() => ({ body: xml }));
    const cfg = await local.client.getBucketReplication({ bucket: 'src' });
    expect(cfg.rules.map((r) => [r.id, r.status, r.destination.bucket])).toEqual([['r1', 'doing', 'dst']]);
  });
});

describe('GetBucketReplicationProgress', () => {
  const progressXml =
    '<ReplicationProgress><Rule><ID>r1</ID><Action>ALL</Action><Destination><Bucket>dst</Bucket><Location>oss-cn-beijing</Location></Destination><Status>doing</Status><HistoricalObjectReplication>enabled</HistoricalObjectReplication><Progress><HistoricalObject>0.85</HistoricalObject><NewObject>2015-09-24T15:28:14.000Z</NewObject></Progress></Rule></ReplicationProgress>';

  it('sends rule-id as a plain query parameter', async () => {
    local.server.respond(() => ({ body: progressXml }));
    await local.client.getBucketReplicationProgress({ bucket: 'src' }, 'r1');
    const req = only(local.server.requests);
    expect(req.url.split('?')[1]).toBe('replicationProgress&rule-id=r1');
  });

  it('returns the parsed progress', async () => {
    local.server.respond(() => ({ body: progressXml }));
    const progress = await local.client.getBucketReplicationProgress({ bucket: 'src' }, 'r1');
    expect(progress.rules[0]?.progress).toEqual({ historicalObject: 0.85, newObject: '2015-09-24T15:28:14.000Z' });
  });
});

describe('PutBucketRTC', () => {
  it('PUTs /?rtc with the rule id and status', async () => {
    local.server.respond(() => ({}));
    await local.client.putBucketRtc({ bucket: 'src' }, 'r1', 'enabled');
    const req = only(local.server.requests);
    expect([req.method, req.url.split('?')[1]]).toEqual(['PUT', 'rtc']);
    expect(parseRtcConfiguration(req.body.toString('utf8'))).toEqual({ id: 'r1', status: 'enabled' });
  });
});

describe('bucket regions', () => {
  it('sends a call to the endpoint of the bucket region', async () => {
    const other = await startLocalServer();
    const multi = clientFor(local.server, {
      endpoint: { kind: 'map', endpoints: { 'cn-hangzhou': local.server.base, 'cn-beijing': other.base } },
    });
    other.respond(() => ({ body: '<ReplicationLocation><Location>oss-cn-hangzhou</Location></ReplicationLocation>' }));
    const location = await multi.getBucketReplicationLocation({ bucket: 'dst', region: 'cn-beijing' }).finally(async () => {
      multi.destroy();
      await other.close();
    });
    expect([location.locations, local.server.requests.length]).toEqual([['oss-cn-hangzhou'], 0]);
  });
});
