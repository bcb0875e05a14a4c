/** HEADs of a key on either side of a rule, counted, with NoSuchKey read as "not there". */
import { isOssError } from '../oss';
import type { BucketRef, ObjectHead, OssApi } from '../oss';
import type { HeadOf } from './judge';
import type { ListedObject } from './types';

export interface RuleSides {
  readonly source: BucketRef;
  readonly destination: BucketRef;
}

/** A HeadOf over the OSS client; `counted` is told about every HEAD sent. */
export function headReader(oss: OssApi, sides: RuleSides, counted: () => void): HeadOf {
  return async (side, key) => {
    counted();
    try {
      return await oss.headObject({ ...sides[side], key });
    } catch (error) {
      if (isOssError(error, 'NoSuchKey')) return undefined;
      throw error;
    }
  };
}

/** A HEAD answer in the listing's shape, for judging a key that was not listed (a re-check). */
export function listedFromHead(key: string, head: ObjectHead): ListedObject {
  return { key, size: head.contentLength, eTag: head.eTag, lastModified: head.lastModified ?? '' };
}
