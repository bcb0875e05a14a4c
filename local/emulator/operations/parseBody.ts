/**
 * Config documents: body size cap and XML parse errors mapped to the OSS answer (MalformedXML, or
 * InvalidArgument for a well-formed document with a bad value).
 */
import { createHash } from 'node:crypto';
import { XmlParseError } from '../../../shared/xml';
import { OssErrors, OssServiceError } from '../errors';
import type { OperationContext } from './context';

/** OSS caps configuration documents well below object sizes. */
export const MAX_CONFIG_BODY = 1024 * 1024;

export function configBody(ctx: OperationContext): string {
  if (ctx.req.body.length > MAX_CONFIG_BODY) throw OssErrors.entityTooLarge(MAX_CONFIG_BODY);
  // A Content-MD5, when sent (the SDKs send one), must match, as for objects.
  const provided = ctx.req.headers['content-md5'];
  if (provided !== undefined && provided !== createHash('md5').update(ctx.req.body).digest('base64'))
    throw OssErrors.invalidDigest(provided);
  return ctx.req.body.toString('utf8');
}

/** Runs a shared/xml parser over the request body, turning its errors into OSS errors. */
export function parseConfig<T>(ctx: OperationContext, parse: (xml: string) => T, ec?: string): T {
  const xml = configBody(ctx);
  try {
    return parse(xml);
  } catch (error) {
    throw toOssError(error, ec);
  }
}

export function toOssError(error: unknown, ec?: string): unknown {
  if (!(error instanceof XmlParseError)) return error;
  if (error.code === 'InvalidArgument') return OssErrors.invalidArgument(error.message);
  return OssErrors.malformedXml(ec);
}

export function isOssError(error: unknown): error is OssServiceError {
  return error instanceof OssServiceError;
}
