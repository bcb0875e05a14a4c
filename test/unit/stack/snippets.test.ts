import { cliHints } from '../../../local/stack/snippets';

const endpoints = { 'cn-hangzhou': 'http://127.0.0.1:9100' };
const credentials = { accessKeyId: 'id', accessKeySecret: 'secret' };
const bucketFlags = (lines: string[]) => lines.flatMap((l) => [...l.matchAll(/--bucket (\S+)/g)].map((m) => m[1]));

describe('the CLI lines npm start prints', () => {
  it('name the demo bucket with --demo, which is the bucket that exists then', () => {
    expect(bucketFlags(cliHints(endpoints, 'state', credentials, { demo: true }))).toEqual(['demo-photos', 'demo-photos']);
  });

  it('name the bucket the printed ali-oss snippet creates without --demo', () => {
    expect(bucketFlags(cliHints(endpoints, 'state', credentials))).toEqual(['my-photos', 'my-photos']);
  });
});
