/** Owner{ID, DisplayName}, shared by BucketInfo, ListAllMyBucketsResult and ListBucketResult. */
import type { XmlBuildNode, XmlNode } from './codec';
import { optionalNode, requiredText } from './read';
import type { Owner } from './types';
import { trimmed } from './values';

export function parseOwner(parent: XmlNode, path: string): Owner | undefined {
  const node = optionalNode(parent, 'Owner', path);
  if (node === undefined) return undefined;
  return {
    id: trimmed(requiredText(node, 'ID', `${path}.Owner`)),
    displayName: trimmed(requiredText(node, 'DisplayName', `${path}.Owner`)),
  };
}

export function buildOwner(owner: Owner | undefined): XmlBuildNode | undefined {
  return owner === undefined ? undefined : { ID: owner.id, DisplayName: owner.displayName };
}
