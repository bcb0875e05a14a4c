/** "Try it" text: how to point ali-oss and the CLI at the stack's emulator. */
import type { Credentials } from '../../shared/signing';
import { DEMO_BUCKET } from './types';

/** The bucket the ali-oss snippet creates and tags. */
export const TRY_IT_BUCKET = 'my-photos';

/**
 * A complete CommonJS script (no top-level await, which would make Node treat the file as an ES
 * module where `require` does not exist): it runs as `node try-it.js` from the repository, where
 * ali-oss is installed, and pasted into the `node` REPL.
 */
export function aliOssSnippet(endpoints: Readonly<Record<string, string>>, credentials: Credentials, region: string): string {
  const endpoint = endpoints[region] ?? Object.values(endpoints)[0] ?? '';
  return [
    `// save as try-it.js in the repository and run: node try-it.js`,
    `// (ali-oss against the emulator; an IP endpoint makes ali-oss use path-style URLs)`,
    `const OSS = require('ali-oss');`,
    `const client = new OSS({ region: 'oss-${region}', endpoint: '${endpoint}',`,
    `  accessKeyId: '${credentials.accessKeyId}', accessKeySecret: '${credentials.accessKeySecret}' });`,
    `(async () => {`,
    `  await client.putBucket('${TRY_IT_BUCKET}');`,
    `  await client.putBucketTags('${TRY_IT_BUCKET}', { 'replication-policy': 'dr-beijing' });`,
    `  console.log('${TRY_IT_BUCKET} created and tagged: watch the dashboard');`,
    `})().catch((error) => { console.error(error.message); process.exitCode = 1; });`,
  ].join('\n');
}

/**
 * Shell lines that work as printed: the emulator's keys are local-only, so they are spelled out. The
 * bucket lines name a bucket that exists by then: the demo bucket with --demo, else the one the ali-oss
 * snippet creates.
 */
export function cliHints(
  endpoints: Readonly<Record<string, string>>,
  stateBucket: string,
  credentials: Credentials,
  options: { readonly demo?: boolean } = {},
): string[] {
  const bucket = options.demo ? DEMO_BUCKET : TRY_IT_BUCKET;
  const map = Object.entries(endpoints)
    .map(([r, u]) => `${r}=${u}`)
    .join(',');
  const common = `--emulator ${map} --state-bucket ${stateBucket}`;
  return [
    `export ALIBABA_CLOUD_ACCESS_KEY_ID=${credentials.accessKeyId} ALIBABA_CLOUD_ACCESS_KEY_SECRET=${credentials.accessKeySecret}`,
    `npx oss-replication plan ${common}`,
    `npx oss-replication status --watch ${common}`,
    `npx oss-replication verify --bucket ${bucket} ${common}`,
    `npx oss-replication audit --bucket ${bucket} ${common}`,
  ];
}
