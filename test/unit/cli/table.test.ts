import { renderTable, type Column } from '../../../cli/table';

const columns: Column<{ name: string; n: number }>[] = [
  { header: 'NAME', cell: (r) => r.name },
  { header: 'N', cell: (r) => String(r.n), align: 'right' },
];

describe('renderTable', () => {
  it('pads each column to its widest cell, numbers to the right, with no trailing blanks', () => {
    expect(
      renderTable(columns, [
        { name: 'photos', n: 7 },
        { name: 'a', n: 1234 },
      ]),
    ).toEqual(['NAME       N', 'photos     7', 'a       1234']);
  });

  it('prints only the header when there is no row', () => {
    expect(renderTable(columns, [])).toEqual(['NAME  N']);
  });

  it('counts a character outside the BMP as one column', () => {
    expect(renderTable([{ header: 'X', cell: (r: string) => r }], ['📦', 'ab'])).toEqual(['X', '📦', 'ab']);
  });

  it('keeps a cell holding a line end or an escape sequence on its row, written out visibly', () => {
    const rows = ['evil\x1b[2J\nFAKE ROW'];
    expect(renderTable([{ header: 'KEY', cell: (r: string) => r }], rows)).toEqual(['KEY', 'evil\\x1b[2J\\nFAKE ROW']);
  });
});
