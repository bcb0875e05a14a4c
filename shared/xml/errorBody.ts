/** The OSS error body (`<Error>`), also found base64-encoded in the `x-oss-err` header of HEAD answers. */
import { buildXmlDocument, parseXmlDocument, type XmlBuildNode } from './codec';
import { XmlParseError } from './errors';
import { asNode, textChildren } from './read';
import type { OssErrorBody } from './types';

const ROOT = 'Error';
const KNOWN = ['Code', 'Message', 'RequestId', 'HostId', 'EC', 'RecommendDoc'] as const;

/**
 * Every child besides the known six lands in `extra` (BucketName, Key, ArgumentName, ...).
 * `extra` may hold StringToSign or OSSAccessKeyId: callers decide what to keep before logging.
 */
export function parseOssErrorBody(xml: string): OssErrorBody {
  const root = asNode(parseXmlDocument(xml, ROOT), ROOT);
  const fields = new Map(textChildren(root, ROOT));
  const code = fields.get('Code')?.trim();
  if (code === undefined || code === '') throw new XmlParseError(`${ROOT}.Code`, 'missing', 'error code is missing');
  const body: OssErrorBody = { code, message: fields.get('Message') ?? '', extra: {} };
  assignTrimmed(body, 'requestId', fields.get('RequestId'));
  assignTrimmed(body, 'hostId', fields.get('HostId'));
  assignTrimmed(body, 'ec', fields.get('EC'));
  assignTrimmed(body, 'recommendDoc', fields.get('RecommendDoc'));
  for (const [name, value] of fields) {
    if (!(KNOWN as readonly string[]).includes(name)) body.extra[name] = value;
  }
  return body;
}

function assignTrimmed(body: OssErrorBody, field: 'requestId' | 'hostId' | 'ec' | 'recommendDoc', value: string | undefined): void {
  if (value !== undefined) body[field] = value.trim();
}

/** A bare `<Error>` (no xmlns), children in the order OSS sends them: extras before EC. */
export function buildOssErrorBody(body: OssErrorBody): string {
  const content: XmlBuildNode = { Code: body.code, Message: body.message, RequestId: body.requestId, HostId: body.hostId };
  for (const [name, value] of Object.entries(body.extra)) {
    if (!(KNOWN as readonly string[]).includes(name)) content[name] = value;
  }
  content.EC = body.ec;
  content.RecommendDoc = body.recommendDoc;
  return buildXmlDocument(ROOT, content);
}

/** Decodes the `x-oss-err` header of a failed HEAD (base64 of the error XML). */
export function parseOssErrorHeader(headerValue: string): OssErrorBody {
  return parseOssErrorBody(Buffer.from(headerValue.trim(), 'base64').toString('utf8'));
}

/** Encodes an error body for the `x-oss-err` header. */
export function buildOssErrorHeader(body: OssErrorBody): string {
  return Buffer.from(buildOssErrorBody(body), 'utf8').toString('base64');
}
