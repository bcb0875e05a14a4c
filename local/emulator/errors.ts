/**
 * OSS service errors raised by the emulator. Each carries the exact code, HTTP status and message
 * OSS uses (see shared/reference/oss-api.md) plus the extra children of the error body.
 * The wire layer turns them into `<Error>` XML; nothing here ever holds a secret.
 */

/** EC codes documented for these errors; anything else gets PLACEHOLDER_EC (UNCONFIRMED, see README). */
const KNOWN_EC: Readonly<Record<string, string>> = {
  NoSuchBucket: '0015-00000101',
  BucketAlreadyExists: '0015-00000102',
  NoSuchKey: '0026-00000001',
  BucketReplicationAlreadyExist: '0031-00000044',
};
export const PLACEHOLDER_EC = '0000-00000000';

export class OssServiceError extends Error {
  override readonly name = 'OssServiceError';
  readonly ec: string;
  /** Extra response headers (e.g. `x-oss-delete-marker` on a GET that hits a delete marker). */
  readonly headers: Record<string, string> = {};
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Extra children of `<Error>` in document order (BucketName, Key, ArgumentName, ...). */
    readonly extra: Readonly<Record<string, string>> = {},
    ec?: string,
  ) {
    super(message);
    this.ec = ec ?? KNOWN_EC[code] ?? PLACEHOLDER_EC;
  }
}

const err = (code: string, status: number, message: string, extra?: Record<string, string>, ec?: string) =>
  new OssServiceError(code, status, message, extra, ec);

/** Factories named after OSS error codes, so handlers read like the spec. */
export const OssErrors = {
  noSuchBucket: (bucket: string) => err('NoSuchBucket', 404, 'The specified bucket does not exist.', { BucketName: bucket }),
  noSuchKey: (key: string) => err('NoSuchKey', 404, 'The specified key does not exist.', { Key: key }),
  noSuchVersion: (key: string, versionId: string) =>
    err('NoSuchVersion', 404, 'The specified version does not exist.', { Key: key, VersionId: versionId }),
  invalidBucketName: (bucket: string) => err('InvalidBucketName', 400, 'The specified bucket is not valid.', { BucketName: bucket }),
  invalidObjectName: (key: string) => err('InvalidObjectName', 400, 'The specified object is not valid.', { Key: key }),
  invalidArgument: (message: string, name?: string, value?: string) =>
    err('InvalidArgument', 400, message, name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? '' }),
  /** UNCONFIRMED (README): OSS's generic answer for a missing required parameter, naming it. */
  missingArgument: (name: string) =>
    err('MissingArgument', 400, 'Missing Some Required Arguments.', { ArgumentName: name, ArgumentValue: '' }),
  malformedXml: (ec?: string) =>
    err('MalformedXML', 400, 'The XML you provided was not well-formed or did not validate against our published schema.', {}, ec),
  /** UNCONFIRMED message (README): the code is the one the reference lists for PutObject. */
  invalidEncryptionAlgorithm: (value: string) =>
    err('InvalidEncryptionAlgorithmError', 400, 'The Encryption request you specified is not valid. Supported value: AES256/KMS/SM4', {
      ArgumentName: 'x-oss-server-side-encryption',
      ArgumentValue: value,
    }),
  invalidDigest: (provided: string) => err('InvalidDigest', 400, 'The Content-MD5 you specified was invalid.', { 'Content-MD5': provided }),
  notImplemented: (what: string) =>
    err('NotImplemented', 400, `A header or query you provided implies functionality that is not implemented: ${what}.`),
  methodNotAllowed: (method: string) =>
    err('MethodNotAllowed', 405, 'The specified method is not allowed against this resource.', { Method: method }),
  entityTooLarge: (max: number) =>
    err('EntityTooLarge', 400, 'Your proposed upload exceeds the maximum allowed size.', { MaxSizeAllowed: String(max) }),
  bucketAlreadyExists: (message: string, bucket: string) => err('BucketAlreadyExists', 409, message, { BucketName: bucket }),
  bucketNotEmpty: (bucket: string) => err('BucketNotEmpty', 409, 'The bucket you tried to delete is not empty.', { BucketName: bucket }),
  fileAlreadyExists: (key: string) =>
    err('FileAlreadyExists', 409, 'The object you specified already exists and can not be overwritten.', { Key: key }),
  accessDenied: (message = 'AccessDenied') => err('AccessDenied', 403, message),
  wrongEndpoint: (endpoint: string) =>
    err(
      'AccessDenied',
      403,
      'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
      { Endpoint: endpoint },
    ),
  preconditionFailed: (condition: string) =>
    err('PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold.', { Condition: condition }),
  /** UNCONFIRMED code (oss-api.md §8.1): OSS documents the limits but not the code name. */
  invalidTag: (message: string) => err('InvalidTag', 400, message, {}, '0010-00000219'),
  invalidTargetBucket: (message = 'The target bucket you specified is invalid.') =>
    err('InvalidTargetBucket', 400, message, {}, '0031-00000101'),
  invalidTargetLocation: () =>
    err('InvalidTargetLocation', 400, 'The target bucket you specified does not locate in the target location you specified.'),
  bucketReplicationAlreadyExist: () =>
    err('BucketReplicationAlreadyExist', 400, 'The bucket replication rule you specified already exists.'),
  badReplicationLocation: (location: string) =>
    err('BadReplicationLocation', 400, `Replication from this region to ${location} is not supported.`),
  noReplicationLocation: () => err('NoReplicationLocation', 400, 'The source region has no replication location.'),
  tooManyReplicationRules: () =>
    err('TooManyReplicationRules', 400, 'The number of bucket replication rules in the request exceeds the limit.'),
  tooManyOutgoingReplication: () =>
    err('TooManyOutgoingReplication', 400, 'The number of outgoing replication rules of the source bucket exceeds the limit.'),
  tooManyIncomingReplication: () =>
    err('TooManyIncomingReplication', 400, 'The number of incoming replication rules of the destination bucket exceeds the limit.'),
  noSuchReplicationConfiguration: () =>
    err('NoSuchReplicationConfiguration', 404, 'The bucket you specified does not have replication configuration.'),
  noSuchReplicationRule: (id: string) =>
    err('NoSuchReplicationRule', 404, 'The BucketReplicationRule you specified does not exist.', { RuleId: id }),
  internalError: () => err('InternalError', 500, 'We encountered an internal error. Please try again.'),
  injected: (code: string, status: number) => err(code, status, `Injected fault: ${code}.`),
} as const;

/** Attach response headers to an error and return it (for `throw withHeaders(...)`). */
export function withHeaders(error: OssServiceError, headers: Record<string, string>): OssServiceError {
  Object.assign(error.headers, headers);
  return error;
}

export function isOssServiceError(error: unknown): error is OssServiceError {
  return error instanceof OssServiceError;
}
