/** Plain-text tables for the terminal: a header row, columns padded to their widest cell. Pure. */
import { printable } from '../shared/log';

export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => string;
  /** Numbers read better right-aligned. */
  readonly align?: 'left' | 'right';
}

/**
 * Two spaces between columns, no trailing blanks; an empty list of rows prints only the header. Cells
 * hold names and text from state and OSS: each is made printable (one line, no escape sequence).
 */
export function renderTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string[] {
  const cells = [columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => printable(c.cell(row))))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => [...(line[i] as string)].length)));
  return cells.map((line) =>
    line
      .map((text, i) => {
        const pad = ' '.repeat((widths[i] as number) - [...text].length);
        return columns[i]?.align === 'right' ? pad + text : text + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}
