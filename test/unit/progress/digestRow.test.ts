import { digestRow, formatDuration, formatPercent } from '../../../shared/progress';
import { at, doing, rule } from './helpers';

describe('digestRow', () => {
  it('summarises status, backfill, ETA and lag from the history', () => {
    const row = digestRow({ rule, history: [doing(0, 0.4, 0), doing(10, 0.5, 8)], now: new Date(at(10)) });
    expect(row).toMatchObject({ status: 'doing', backfill: 0.5, lagSeconds: 120, eta: { kind: 'estimated', seconds: 3000 } });
  });

  it('shows the last canary failure with its diagnosis when it is newer than the success', () => {
    const canary = { lastSuccessAt: at(0), lastLatencySeconds: 12, lastFailure: { at: at(5), diagnosis: 'AccessDenied on destination' } };
    const row = digestRow({ rule, history: [], now: new Date(at(10)), canary });
    expect(row.lastCanary).toEqual({ ok: false, at: at(5), diagnosis: 'AccessDenied on destination' });
  });

  it('marks a rule that is gone as missing', () => {
    expect(digestRow({ rule, history: [doing(0, 0.1)], now: new Date(at(1)), ruleMissing: true }).status).toBe('missing');
  });
});

describe('formatting', () => {
  it.each([
    [45, '45 s'],
    [720, '12 min'],
    [3 * 3600 + 300, '3 h 5 min'],
    [52 * 3600, '2 d 4 h'],
  ])('formats %d seconds as %s', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });

  it('formats fractions as percentages with one decimal', () => {
    expect(formatPercent(0.4234)).toBe('42.3%');
  });
});
