/** Reserved folder for canaries; a rule's canary goes under its first prefix so the rule covers it. */
export const CANARY_FOLDER = '.replication-canary';
export const CANARY_META = { marker: 'autopilot-canary', rule: 'autopilot-rule', nonce: 'autopilot-nonce' } as const;

/** `<first prefix>.replication-canary/<rule>/<yyyymmddThhmmssZ>-<nonce>` */
export function canaryKey(prefixes: readonly string[], ruleId: string, at: Date, nonce: string): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `${canaryFolderOf(prefixes, ruleId)}${stamp}-${nonce}`;
}

/** `<first prefix>.replication-canary/<rule>/`: where every canary of the rule lives. */
function canaryFolderOf(prefixes: readonly string[], ruleId: string): string {
  const first = [...prefixes].sort()[0] ?? '';
  return `${first}${CANARY_FOLDER}/${ruleId}/`;
}

/**
 * True only for a key canaryKey could have made for this rule: its reserved folder, then a time stamp
 * and a nonce, nothing else. Verify deletes and overwrites nothing that fails this, whatever a pending
 * document in the state bucket says (a forged or corrupt one could otherwise name any object).
 */
export function isCanaryKeyFor(key: string, target: { readonly prefixes: readonly string[]; readonly ruleId: string }): boolean {
  const folder = canaryFolderOf(target.prefixes, target.ruleId);
  return (
    target.ruleId !== '' &&
    !target.ruleId.includes('/') &&
    key.startsWith(folder) &&
    /^\d{8}T\d{6}Z-[0-9A-Za-z_-]{1,64}$/.test(key.slice(folder.length))
  );
}

/** True for keys this system wrote as canaries (so listings and digests can leave them out). */
export function isCanaryKey(key: string): boolean {
  return key.includes(`${CANARY_FOLDER}/`);
}

/** Small, unique body: a person who finds the object knows what it is. */
export function canaryBody(target: { sourceBucket: string; ruleId: string }, at: Date, nonce: string): string {
  return JSON.stringify({
    kind: 'oss-replication-autopilot canary',
    bucket: target.sourceBucket,
    rule: target.ruleId,
    writtenAt: at.toISOString(),
    nonce,
  });
}
