/**
 * The README's Measured table is generated: `npm run bench -- readme` rewrites the part between the
 * markers from bench/results.json, so the figures there are always ones the bench measured.
 */
import type { BenchResults } from './results';
import { renderTable } from './table';

export const README_BEGIN =
  '<!-- bench:begin: generated from bench/results.json by `npm run bench -- readme`; edit the bench, not this table -->';
export const README_END = '<!-- bench:end -->';

/** Replaces what lies between the markers (kept) with `content`. */
export function rewriteBetweenMarkers(text: string, content: string, begin = README_BEGIN, end = README_END): string {
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`the README lacks the markers ${begin} ... ${end}`);
  if (to < from) throw new Error('the README has the end marker before the begin marker');
  if (text.indexOf(begin, from + begin.length) >= 0 || text.indexOf(end, to + end.length) >= 0) {
    throw new Error('the README has the bench markers more than once');
  }
  return `${text.slice(0, from + begin.length)}\n${content.trim()}\n${text.slice(to)}`;
}

/** What goes between the markers: where and how the figures were measured, then the table. */
export function readmeSection(results: BenchResults): string {
  const { machine } = results;
  const load = machine.loadAverage.map((l) => l.toFixed(1)).join(', ');
  const header =
    `\`${results.command}\` on ${results.measuredAt.slice(0, 10)}: node ${machine.node}, ${machine.cpus} cores ` +
    `(load average ${load} when it started); the emulator and each function run in processes of their own.`;
  return `${header}\n\n${renderTable(results.rows)}`;
}
