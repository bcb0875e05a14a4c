/** CopyObjectResult: the CopyObject answer body (ETag and LastModified of the new object). */
import { buildXmlDocument, parseXmlDocument } from './codec';
import { asNode, requiredText } from './read';
import type { CopyObjectResult } from './types';
import { trimmed } from './values';

const ROOT = 'CopyObjectResult';

export function parseCopyObjectResult(xml: string): CopyObjectResult {
  const root = asNode(parseXmlDocument(xml, ROOT), ROOT);
  return { eTag: trimmed(requiredText(root, 'ETag', ROOT)), lastModified: trimmed(requiredText(root, 'LastModified', ROOT)) };
}

export function buildCopyObjectResult(model: CopyObjectResult): string {
  return buildXmlDocument(ROOT, { ETag: model.eTag, LastModified: model.lastModified });
}
