/**
 * A function's sidecar bundles its own copy of shared/oss/errors.ts (esbuild.config.mjs SIDECARS): the
 * predicates must recognise an error made by another copy of the module, which no `instanceof` does.
 */
import * as errors from '../../../shared/oss/errors';

/** A second, separately loaded copy of the module, as a sidecar holds. */
function otherCopy(): typeof errors {
  let copy: typeof errors | undefined;
  jest.isolateModules(() => {
    copy = jest.requireActual<typeof errors>('../../../shared/oss/errors');
  });
  return copy!;
}

const other = otherCopy();
const notFound = new other.OssError({ code: 'NoSuchBucket', status: 404, operation: 'GetBucketInfo' }, 'm');

it('the copy is a different module: class identity does not cross it', () => {
  expect(notFound instanceof errors.OssError).toBe(false);
});

it("isOssError recognises another copy's OssError, and its code", () => {
  expect(errors.isOssError(notFound)).toBe(true);
  expect(errors.isOssError(notFound, 'NoSuchBucket')).toBe(true);
  expect(errors.isOssError(notFound, 'AccessDenied')).toBe(false);
  expect(other.isOssError(new errors.OssError({ code: 'X', status: 403, operation: 'Op' }, 'm'), 'X')).toBe(true);
});

it("isTransient and isRetryableFailure judge another copy's errors as their own", () => {
  expect(errors.isTransient(new other.OssNetworkError('Op', 'ECONNRESET', 'reset'))).toBe(true);
  expect(errors.isTransient(new other.OssTimeoutError('Op', 10))).toBe(true);
  expect(errors.isTransient(new other.OssRetryExhaustedError('Op', 4, new Error('x')))).toBe(true);
  expect(errors.isTransient(new other.OssError({ code: 'X', status: 503, operation: 'Op' }, 'm'))).toBe(true);
  expect(errors.isTransient(notFound)).toBe(false);
  expect(errors.isRetryableFailure(new other.OssUnrecognisedValueError('Op', 'Status', 'New'))).toBe(false);
});

it('nothing else passes for an OSS error: not a look-alike, not a plain object with the same fields', () => {
  const lookAlike = Object.assign(new Error('m'), { name: 'OssError', code: 'NoSuchBucket', status: 404 });
  expect(errors.isOssError(lookAlike)).toBe(false);
  expect(errors.isOssError({ code: 'NoSuchBucket', status: 404 })).toBe(false);
  expect(errors.isTransient({ name: 'OssNetworkError' })).toBe(false);
  expect(errors.isOssError(null)).toBe(false);
  expect(errors.isOssError('NoSuchBucket')).toBe(false);
});

it('the brand adds no field to an error: equality, logs and serialisation see what they saw before', () => {
  const error = new errors.OssError({ code: 'X', status: 500, operation: 'Op' }, 'm');
  expect(Object.getOwnPropertySymbols(error)).toEqual([]);
});
