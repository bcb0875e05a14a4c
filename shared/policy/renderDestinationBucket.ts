// The file, not shared/oss's index: the run-time policy module must stay free of the client (eslint.config.mjs).
import { BUCKET_NAME_RULE, isValidBucketName } from '../oss/names';
import { TEMPLATE_VARIABLES } from './constants';
import { InvalidDestinationBucketError } from './errors';
import type { Policy } from './types';

/** Values for a destination template. `region` is the SOURCE bucket's region id (e.g. `cn-hangzhou`). */
export interface TemplateValues {
  readonly bucket: string;
  readonly region: string;
  readonly account: string;
}

export type TemplateResult = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Substitutes `{bucket}`, `{region}`, `{account}`; any other placeholder or a stray brace is an error. */
export function renderTemplate(template: string, values: TemplateValues): TemplateResult {
  const unknown: string[] = [];
  const value = template.replace(PLACEHOLDER, (whole, name: string) => {
    if ((TEMPLATE_VARIABLES as readonly string[]).includes(name)) return values[name as keyof TemplateValues];
    unknown.push(whole);
    return '';
  });
  if (unknown.length > 0) {
    return { ok: false, reason: `uses unknown placeholder ${unknown.join(', ')}; only {bucket}, {region} and {account} exist` };
  }
  if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) return { ok: false, reason: 'has an unmatched "{" or "}"' };
  return { ok: true, value };
}

/**
 * The destination bucket name for a source bucket under `policy`. Throws
 * `InvalidDestinationBucketError` when the template is broken or renders to an invalid bucket name,
 * so a bad name never reaches OSS.
 *
 * @example renderDestinationBucket(policy, { bucket: 'photos', region: 'cn-hangzhou', account: '123' }) // 'photos-dr'
 */
export function renderDestinationBucket(policy: Policy, values: TemplateValues): string {
  const template = policy.destination.bucket;
  const result = renderTemplate(template, values);
  if (!result.ok) throw new InvalidDestinationBucketError(policy.name, template, result.reason);
  if (!isValidBucketName(result.value)) {
    throw new InvalidDestinationBucketError(
      policy.name,
      template,
      `renders to "${result.value}", which is not a valid bucket name (${BUCKET_NAME_RULE})`,
    );
  }
  return result.value;
}
