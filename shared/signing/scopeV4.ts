import { DEFAULT_PRODUCT, V4_TERMINATOR } from './constants';
import { formatYyyymmdd } from './dates';

/** V4 scope `yyyymmdd/region/product/aliyun_v4_request`; `date` is a Date or an 8-digit `yyyymmdd`. */
export function scopeV4(date: Date | string, region: string, product: string = DEFAULT_PRODUCT): string {
  const day = typeof date === 'string' ? date : formatYyyymmdd(date);
  return `${day}/${region}/${product}/${V4_TERMINATOR}`;
}
