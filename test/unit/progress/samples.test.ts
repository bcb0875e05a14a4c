import { historyOf, toSample, toStored } from '../../../shared/progress/samples';
import type { RuleProgressSample } from '../../../shared/progress/types';

const at = (minute: number): string => new Date(Date.UTC(2024, 4, 1, 0, minute)).toISOString();
const stored = (ruleId: string, minute: number, historical?: number): RuleProgressSample => ({
  ruleId,
  at: at(minute),
  status: 'doing',
  ...(historical !== undefined ? { historical } : {}),
});

describe('progress samples', () => {
  it('turns a progress reading into a sample with the watermark under its stored name', () => {
    const reading = { id: 'r1', status: 'doing' as const, progress: { historicalObject: 0.5, newObject: '2024-05-01T00:00:00.000Z' } };
    expect(toSample(reading, new Date(at(5)))).toEqual({
      at: at(5),
      status: 'doing',
      historical: 0.5,
      newObjectWatermark: '2024-05-01T00:00:00.000Z',
    });
  });

  it('leaves out what a reading does not report', () => {
    expect(toSample({ status: 'starting' }, new Date(at(5)))).toEqual({ at: at(5), status: 'starting' });
  });

  it('reads one rule history from the stored samples of every rule, without the rule id', () => {
    const history = historyOf([stored('r1', 1, 0.1), stored('r2', 2), stored('r1', 3, 0.2)], 'r1');
    expect(history).toEqual([
      { at: at(1), status: 'doing', historical: 0.1 },
      { at: at(3), status: 'doing', historical: 0.2 },
    ]);
  });

  it('leaves out a stored sample without a status, and fields a sample does not have', () => {
    const odd = [
      { ruleId: 'r1', at: at(1) },
      { ...stored('r1', 2), note: 'hand-edited' },
    ] as unknown as RuleProgressSample[];
    expect(historyOf(odd, 'r1')).toEqual([{ at: at(2), status: 'doing' }]);
  });

  it('stores a sample under its rule id', () => {
    expect(toStored('r1', { at: at(1), status: 'doing', newObjectWatermark: at(0) })).toEqual({
      ruleId: 'r1',
      at: at(1),
      status: 'doing',
      newObjectWatermark: at(0),
    });
  });
});
