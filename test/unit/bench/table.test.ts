import { atMost } from '../../../bench/support/targets';
import { missed, ratioWithSpread, renderTable, row } from '../../../bench/support/table';

describe('row', () => {
  it('checks the figure against its target and writes the target', () => {
    expect(row({ id: 'a', what: 'A', value: 3, shown: '3', target: atMost(2) })).toEqual({
      id: 'a',
      what: 'A',
      value: 3,
      shown: '3',
      target: '≤ 2',
      met: false,
    });
  });

  it('has no verdict when it has no target', () => {
    expect(row({ id: 'a', what: 'A', value: 3, shown: '3' })).not.toHaveProperty('met');
  });

  it('says "not measured" (null) when a target has no figure in this run', () => {
    expect(row({ id: 'a', what: 'A', shown: 'not run', target: atMost(2) }).met).toBeNull();
  });
});

describe('renderTable', () => {
  it('writes one Markdown row per figure with its target and verdict', () => {
    const table = renderTable([
      row({ id: 'met', what: 'met', value: 1, shown: '1', target: atMost(2) }),
      row({ id: 'missed', what: 'missed', value: 3, shown: '3', target: atMost(2) }),
      row({ id: 'open', what: 'not measured', shown: 'not run', target: atMost(2) }),
      row({ id: 'info', what: 'information', value: 7, shown: '7' }),
    ]).split('\n');
    expect(table).toEqual([
      '| what | measured | target | met |',
      '|---|---|---|---|',
      '| met | 1 | ≤ 2 | yes |',
      '| missed | 3 | ≤ 2 | **no** |',
      '| not measured | not run | ≤ 2 | not measured |',
      '| information | 7 |  |  |',
    ]);
  });

  it('escapes a pipe inside a cell', () => {
    expect(renderTable([row({ id: 'p', what: 'a | b', shown: 'x' })])).toContain('| a \\| b | x |');
  });
});

describe('missed', () => {
  it('lists the rows whose measured figure misses its target, not those without a figure', () => {
    const rows = [
      row({ id: 'ok', what: '', value: 1, shown: '', target: atMost(2) }),
      row({ id: 'no', what: '', value: 3, shown: '', target: atMost(2) }),
      row({ id: 'none', what: '', shown: '', target: atMost(2) }),
    ];
    expect(missed(rows).map((r) => r.id)).toEqual(['no']);
  });
});

describe('ratioWithSpread', () => {
  it('writes the median ratio and its range', () => {
    expect(ratioWithSpread({ min: 1.5, median: 1.92, max: 2.314 })).toBe('1.92x (1.50–2.31)');
  });
});
