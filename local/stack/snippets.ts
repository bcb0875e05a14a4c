/** "Try it" text: how to point ali-oss and the CLI at the stack's emulator. */
import type { Credentials } from '../../shared/signing/types';

export function aliOssSnippet(endpoints: Readonly<Record<string, string>>, credentials: Credentials, region: string): string {
  const endpoint = endpoints[region] ?? Object.values(endpoints)[0] ?? '';
  return [
    `// ali-oss against the emulator (an IP endpoint makes ali-oss use path-style URLs)`,
    `const OSS = require('ali-oss');`,
    `const client = new OSS({ region: 'oss-${region}', endpoint: '${endpoint}',`,
    `  accessKeyId: '${credentials.accessKeyId}', accessKeySecret: '${credentials.accessKeySecret}' });`,
    `await client.putBucket('my-photos');`,
    `await client.putBucketTags('my-photos', { 'replication-policy': 'dr-beijing' });`,
  ].join('\n');
}

export function cliHints(endpoints: Readonly<Record<string, string>>, stateBucket: string): string[] {
  const map = Object.entries(endpoints).map(([r, u]) => `${r}=${u}`).join(',');
  const common = `--emulator ${map} --state-bucket ${stateBucket}`;
  return [
    `export ALIBABA_CLOUD_ACCESS_KEY_ID=<id above> ALIBABA_CLOUD_ACCESS_KEY_SECRET=<secret above>`,
    `npm run cli -- plan ${common}`,
    `npm run cli -- status ${common}`,
    `npm run cli -- verify --bucket <bucket> ${common}`,
  ];
}
