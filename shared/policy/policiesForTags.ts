import type { Tag } from '../xml';
import type { Policy, PolicyDocument } from './types';

export type PolicyMatch =
  | { readonly policies: readonly Policy[] }
  | { readonly error: { readonly code: 'UnknownPolicy'; readonly name: string } }
  | { readonly none: true };

/**
 * The policies a bucket's tags select. The selector tag's value names one policy or several,
 * comma-separated. A tag can only name a policy an administrator wrote: an unknown name is an
 * error, never a fallback, and nothing in the value is ever read as a destination.
 * No selector tag, or an empty value, selects nothing.
 */
export function policiesForTags(doc: PolicyDocument, tags: readonly Tag[]): PolicyMatch {
  const tag = tags.find((t) => t.key === doc.selector.tagKey);
  if (tag === undefined) return { none: true };
  const names = [
    ...new Set(
      tag.value
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== ''),
    ),
  ];
  if (names.length === 0) return { none: true };
  const policies: Policy[] = [];
  for (const name of names) {
    // hasOwn: a tag value such as `constructor` must not reach Object.prototype.
    const policy = Object.hasOwn(doc.policies, name) ? doc.policies[name] : undefined;
    if (policy === undefined) return { error: { code: 'UnknownPolicy', name } };
    policies.push(policy);
  }
  return { policies };
}
