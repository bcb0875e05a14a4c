/** The bench's one table: a row per figure, with its target from issue 11 and whether it is met. */
import { meets, targetText, type Target } from './targets';

export interface Row {
  /** Stable key (results.json, README). */
  readonly id: string;
  readonly what: string;
  /** The figure the target is checked against; absent when this run did not measure it. */
  readonly value?: number;
  /** The figure as the table shows it (with its spread, unit, or why it is missing). */
  readonly shown: string;
  readonly target?: string;
  /** Absent when the row has no target; null when it has one but no figure was measured. */
  readonly met?: boolean | null;
}

export interface RowInput {
  readonly id: string;
  readonly what: string;
  readonly value?: number;
  readonly shown: string;
  readonly target?: Target;
  /** Unit written after the target's limit (`x`, ` MB`). */
  readonly unit?: string;
}

export function row(input: RowInput): Row {
  const base = { id: input.id, what: input.what, shown: input.shown, ...(input.value !== undefined ? { value: input.value } : {}) };
  if (!input.target) return base;
  return { ...base, target: targetText(input.target, input.unit), met: meets(input.value, input.target) ?? null };
}

function metCell(r: Row): string {
  if (r.met === undefined) return '';
  if (r.met === null) return 'not measured';
  return r.met ? 'yes' : '**no**';
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown table (it reads as plain text on a terminal too). */
export function renderTable(rows: readonly Row[]): string {
  const lines = ['| what | measured | target | met |', '|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${cell(r.what)} | ${cell(r.shown)} | ${cell(r.target ?? '')} | ${metCell(r)} |`);
  return lines.join('\n');
}

/** Rows with a target that the run measured and missed. */
export function missed(rows: readonly Row[]): Row[] {
  return rows.filter((r) => r.met === false);
}

/** Fixed-point with at most `digits` decimals, trailing zeros kept so columns line up (`2.50`). */
export function fixed(value: number, digits = 2): string {
  return value.toFixed(digits);
}

/** `1.92x (1.71–2.30)`: a median ratio with its spread. */
export function ratioWithSpread(s: { readonly min: number; readonly median: number; readonly max: number }, digits = 2): string {
  return `${s.median.toFixed(digits)}x (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}
