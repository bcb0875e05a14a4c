import { CHANNEL_TYPES, EXISTING_DESTINATION, MODES, ON_UNTAG } from './constants';
import { PolicyValidationError, type PolicyIssue } from './errors';
import { formatPath, type PathSegment } from './issuePath';
import type { PolicyDocument } from './types';

/**
 * Run-time structural check of the compiled policy JSON. The full validation ran at build time
 * (compile.ts); this only makes sure the bundle holds a document of the right shape, so a stale or
 * hand-edited JSON fails loudly at cold start instead of deep inside a handler.
 */
export function parsePolicyDocument(json: unknown): PolicyDocument {
  const issues: PolicyIssue[] = [];
  const at = new ShapeChecker(issues);
  if (at.object(json, [])) {
    at.literal(json.version, ['version'], [1]);
    if (at.object(json.selector, ['selector'])) at.string(json.selector.tagKey, ['selector', 'tagKey']);
    at.literal(json.onUntag, ['onUntag'], ON_UNTAG);
    checkGuardrails(at, json.guardrails);
    checkEntries(at, json.channels, 'channels', (c, path) => at.literal(c.type, [...path, 'type'], CHANNEL_TYPES));
    checkEntries(at, json.policies, 'policies', (p, path, name) => checkPolicy(at, p, path, name));
  }
  if (issues.length > 0) throw new PolicyValidationError(issues);
  return json as PolicyDocument;
}

type Obj = Record<string, unknown>;

class ShapeChecker {
  constructor(private readonly issues: PolicyIssue[]) {}

  fail(path: PathSegment[], message: string): false {
    this.issues.push({ path: formatPath(path), message });
    return false;
  }
  object(v: unknown, path: PathSegment[]): v is Obj {
    return (typeof v === 'object' && v !== null && !Array.isArray(v)) || this.fail(path, 'must be an object');
  }
  string(v: unknown, path: PathSegment[]): boolean {
    return typeof v === 'string' || this.fail(path, 'must be a string');
  }
  number(v: unknown, path: PathSegment[]): boolean {
    return (typeof v === 'number' && Number.isFinite(v)) || this.fail(path, 'must be a number');
  }
  boolean(v: unknown, path: PathSegment[]): boolean {
    return typeof v === 'boolean' || this.fail(path, 'must be a boolean');
  }
  literal(v: unknown, path: PathSegment[], allowed: readonly unknown[]): boolean {
    return allowed.includes(v) || this.fail(path, `must be one of ${allowed.join(', ')}`);
  }
  strings(v: unknown, path: PathSegment[]): boolean {
    return (Array.isArray(v) && v.every((s) => typeof s === 'string')) || this.fail(path, 'must be an array of strings');
  }
}

function checkEntries(at: ShapeChecker, v: unknown, key: string, each: (o: Obj, path: PathSegment[], name: string) => void): void {
  if (!at.object(v, [key])) return;
  for (const [name, entry] of Object.entries(v)) if (at.object(entry, [key, name])) each(entry, [key, name], name);
}

function checkGuardrails(at: ShapeChecker, g: unknown): void {
  if (!at.object(g, ['guardrails'])) return;
  at.strings(g.destinationRegions, ['guardrails', 'destinationRegions']);
  at.strings(g.destinationBuckets, ['guardrails', 'destinationBuckets']);
  at.number(g.maxChangesPerRun, ['guardrails', 'maxChangesPerRun']);
}

function checkPolicy(at: ShapeChecker, p: Obj, path: PathSegment[], name: string): void {
  if (p.name !== name) at.fail([...path, 'name'], `must equal the policy's key "${name}"`);
  if (at.object(p.destination, [...path, 'destination'])) {
    const d = p.destination;
    at.string(d.region, [...path, 'destination', 'region']);
    at.string(d.bucket, [...path, 'destination', 'bucket']);
    at.boolean(d.create, [...path, 'destination', 'create']);
    at.literal(d.existing, [...path, 'destination', 'existing'], EXISTING_DESTINATION);
    at.boolean(d.enableVersioning, [...path, 'destination', 'enableVersioning']);
  }
  at.literal(p.mode, [...path, 'mode'], MODES);
  at.strings(p.prefixes, [...path, 'prefixes']);
  at.strings(p.actions, [...path, 'actions']);
  at.boolean(p.historical, [...path, 'historical']);
  at.string(p.transferType, [...path, 'transferType']);
  at.boolean(p.rtc, [...path, 'rtc']);
  if (p.kms !== null && at.object(p.kms, [...path, 'kms'])) {
    at.string(p.kms.syncRole, [...path, 'kms', 'syncRole']);
    at.string(p.kms.replicaKmsKeyId, [...path, 'kms', 'replicaKmsKeyId']);
  }
  if (at.object(p.verify, [...path, 'verify'])) {
    for (const k of ['delaySeconds', 'timeoutSeconds', 'everyHours']) at.number(p.verify[k], [...path, 'verify', k]);
  }
  if (p.audit !== null && at.object(p.audit, [...path, 'audit'])) {
    for (const k of ['everyHours', 'pagesPerRun', 'headsPerRun']) at.number(p.audit[k], [...path, 'audit', k]);
  }
  if (at.object(p.alerts, [...path, 'alerts'])) at.strings(p.alerts.channels, [...path, 'alerts', 'channels']);
}
