/**
 * The dashboard's audit panel as its script renders it (the page's own script, run in a bare VM context
 * with no DOM), from audit views built from documents as the audit writes them: it shows the gaps the
 * parity incident is judged on, as `cli status` does, and a failed run.
 */
import { runInNewContext } from 'node:vm';
import { DASHBOARD_SCRIPT } from '../../../local/stack/dashboardScript';
import { auditView, emptyAuditDocument, newPass, PassTally, type AuditDocument, type AuditPass } from '../../../shared/audit';

type Section = (rule: object, bucket: object, status: object) => string;

/** The script's auditSection; the page's polling never starts (fetch never answers). */
function auditSection(): Section {
  const context: Record<string, unknown> = {
    location: { search: '' },
    URLSearchParams,
    document: { addEventListener: () => undefined, getElementById: () => ({ querySelectorAll: () => [] }) },
    fetch: () => new Promise(() => undefined),
    setTimeout: () => 0,
    clearTimeout: () => undefined,
  };
  runInNewContext(DASHBOARD_SCRIPT, context);
  return context['auditSection'] as Section;
}

const T0 = new Date('2026-03-01T00:00:00.000Z');
const at = (h: number): Date => new Date(T0.getTime() + h * 3_600_000);

function pass(startedAt: Date, missing: number, matched: number, ended?: Date): AuditPass {
  const tally = new PassTally(newPass(startedAt, [''], 100));
  for (let i = 0; i < missing; i++) tally.add(`m/${i}`, { class: 'missing' }, true);
  for (let i = 0; i < matched; i++) tally.add(`k/${i}`, { class: 'matched' }, true);
  return tally.pass(ended ? { endedAt: ended } : { cursor: { prefix: 0, after: 'k/9' } }, 0);
}

function render(over: Partial<AuditDocument>): string {
  const audit = auditView({ ...emptyAuditDocument('photos', 'r', T0), ...over });
  const text = auditSection()({ ruleId: 'r', audit }, { bucket: 'photos' }, { now: at(30).getTime() });
  return text.replace(/<[^>]+>/g, '');
}

it('shows the gaps of the last full pass the incident is judged on while a new pass is clean so far, and the new pass', () => {
  const text = render({ lastFullPass: pass(at(0), 13, 87, at(1)), current: pass(at(24), 0, 40) });
  expect(text).toMatch(
    /^Parity audit13 gap\(s\) last full pass ended .* · new pass under way, 40\.0% covered87 matched · 13 missing · 0 different/,
  );
});

it('shows a failed run with its short why, and the error in full behind it', () => {
  const error = 'NoSuchBucket: ListObjectsV2: NoSuchBucket (404): The specified bucket does not exist.';
  const text = render({
    current: pass(at(24), 0, 40),
    lastRun: {
      at: at(29).toISOString(),
      outcome: 'failed',
      stoppedBy: 'error',
      pages: 1,
      heads: 0,
      error,
      errorCode: 'ListObjectsV2: NoSuchBucket',
    },
    failing: { since: at(27).toISOString(), runs: 3 },
  });
  expect(text).toContain('no gap');
  expect(text).toMatch(/3 runs in a row failed at \d\d:\d\d:\d\d: ListObjectsV2: NoSuchBucketerror/);
  expect(text).toContain(error);
});
