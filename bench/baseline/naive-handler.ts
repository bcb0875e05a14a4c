/**
 * Baseline for the cold-start benchmark: what a handler looks like when it uses the SDKs naively —
 * ali-oss for OSS, yaml + zod to read and validate the policy at start-up, pop-core for CloudMonitor.
 * Never deployed; bundled by bench/coldstart.ts exactly like our functions.
 */
import OSS from 'ali-oss';
import RPCClient from '@alicloud/pop-core';
import { parse } from 'yaml';
import { z } from 'zod';

const policySchema = z.object({
  version: z.literal(1),
  policies: z.record(z.string(), z.object({ destination: z.object({ region: z.string(), bucket: z.string() }) })),
});

const policy = policySchema.parse(parse('version: 1\npolicies:\n  dr:\n    destination: { region: cn-beijing, bucket: "{bucket}-dr" }\n'));

export async function handler(): Promise<unknown> {
  const oss = new OSS({ region: 'oss-cn-hangzhou', accessKeyId: 'a', accessKeySecret: 'b' });
  const cms = new RPCClient({
    accessKeyId: 'a',
    accessKeySecret: 'b',
    endpoint: 'https://metrics.cn-hangzhou.aliyuncs.com',
    apiVersion: '2019-01-01',
  });
  return { policies: Object.keys(policy.policies), oss: typeof oss, cms: typeof cms };
}
