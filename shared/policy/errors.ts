/**
 * Errors of the policy module. Every error has a stable `code`; callers branch on `instanceof` and
 * `code`, never on `message`. No message ever carries a secret value: secret errors name the
 * environment variable only.
 */

/** One problem in a policy file, e.g. `{ path: 'policies.dr-beijing.prefixes[2]', message: 'overlaps "logs/"' }`. */
export interface PolicyIssue {
  /** Dotted path into the document; array indexes in brackets. Empty for the document itself. */
  readonly path: string;
  readonly message: string;
  /** 1-based line in the YAML source, when the issue comes from a YAML file. */
  readonly line?: number;
}

/** Renders one issue the way build output and error messages show it: `path: message`. */
export function formatIssue(issue: PolicyIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** The policy document is invalid. Carries every problem found, not just the first. */
export class PolicyValidationError extends Error {
  override readonly name = 'PolicyValidationError';
  readonly code = 'InvalidPolicy';
  readonly issues: readonly PolicyIssue[];

  constructor(issues: readonly PolicyIssue[], options?: ErrorOptions) {
    super(issues.map(formatIssue).join('\n'), options);
    this.issues = issues;
  }
}

/** A `${env:NAME}` reference names a variable that is unset or empty. Names the variable, never a value. */
export class MissingSecretError extends Error {
  override readonly name = 'MissingSecretError';
  readonly code = 'MissingSecret';

  constructor(readonly variable: string) {
    super(`environment variable ${variable} is not set (the policy references it as \${env:${variable}})`);
  }
}

/** A destination template rendered to something that is not a valid OSS bucket name. */
export class InvalidDestinationBucketError extends Error {
  override readonly name = 'InvalidDestinationBucketError';
  readonly code = 'InvalidDestinationBucket';

  constructor(
    readonly policy: string,
    readonly template: string,
    readonly reason: string,
  ) {
    super(`policy ${policy}: destination bucket template "${template}" ${reason}`);
  }
}
