/** Reserved folder for canaries; a rule's canary goes under its first prefix so the rule covers it. */
export const CANARY_FOLDER = '.replication-canary';
export const CANARY_META = { marker: 'autopilot-canary', rule: 'autopilot-rule', nonce: 'autopilot-nonce' } as const;

/** `<first prefix>.replication-canary/<rule>/<yyyymmddThhmmssZ>-<nonce>` */
export function canaryKey(prefixes: readonly string[], ruleId: string, at: Date, nonce: string): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const first = [...prefixes].sort()[0] ?? '';
  return `${first}${CANARY_FOLDER}/${ruleId}/${stamp}-${nonce}`;
}

/** True for keys this system wrote as canaries (so listings and digests can leave them out). */
export function isCanaryKey(key: string): boolean {
  return key.includes(`${CANARY_FOLDER}/`);
}

/** Small, unique body: a person who finds the object knows what it is. */
export function canaryBody(target: { sourceBucket: string; ruleId: string }, at: Date, nonce: string): string {
  return JSON.stringify({ kind: 'oss-replication-autopilot canary', bucket: target.sourceBucket, rule: target.ruleId, writtenAt: at.toISOString(), nonce });
}
