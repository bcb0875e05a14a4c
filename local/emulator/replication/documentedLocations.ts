/**
 * The replication location table of real OSS, as the default of the emulator. Source: the
 * GetBucketReplicationLocation answer for a bucket in cn-hangzhou captured in aliyun-oss-go-sdk's
 * `oss/type_test.go` and asserted by its live integration test (shared/reference/oss-api.md §1.4):
 * 29 destinations, oss_acc offered for exactly the destinations outside the Chinese mainland, RTC
 * for five mainland regions. OSS answers from the source's point of view; the emulator derives the
 * other sources' answers from the same facts (UNCONFIRMED, see README):
 * - every listed region (cn-hangzhou included) replicates to every other one;
 * - oss_acc applies when a link crosses the mainland border (cn-hongkong counts as outside), which
 *   reproduces cn-hangzhou's 17 oss_acc destinations exactly;
 * - RTC applies between the six mainland regions the cn-hangzhou answer names with itself.
 */

export const DOCUMENTED_REGIONS: readonly string[] = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'cn-beijing',
  'cn-chengdu',
  'cn-fuzhou',
  'cn-guangzhou',
  'cn-hangzhou',
  'cn-heyuan',
  'cn-hongkong',
  'cn-huhehaote',
  'cn-nanjing',
  'cn-qingdao',
  'cn-shanghai',
  'cn-shenzhen',
  'cn-wulanchabu',
  'cn-zhangjiakou',
  'eu-central-1',
  'eu-west-1',
  'me-central-1',
  'me-east-1',
  'rus-west-1',
  'us-east-1',
  'us-west-1',
];

export const RTC_REGIONS: readonly string[] = ['cn-beijing', 'cn-hangzhou', 'cn-qingdao', 'cn-shanghai', 'cn-shenzhen', 'cn-zhangjiakou'];

/** Mainland China regions: `cn-*` except Hong Kong. */
export function isMainland(region: string): boolean {
  return region.startsWith('cn-') && region !== 'cn-hongkong';
}
