import { reconcileIncidents } from '../../../shared/alerts/incidents';
import type { Incident } from '../../../shared/alerts/types';
import type { Finding } from '../../../shared/progress';
import { minute, stalled } from './fixtures';

const options = { quietMinutes: 30, reminderMinutes: 120 };

/** Runs the state machine over a timeline of (minute, findings) and collects every notification. */
function play(steps: Array<[number, Finding[]]>, opts = options) {
  let incidents: Incident[] = [];
  const sent: Array<{ minute: number; type: string }> = [];
  for (const [m, findings] of steps) {
    const r = reconcileIncidents(incidents, findings, minute(m), opts);
    incidents = r.incidents;
    for (const n of r.notifications) sent.push({ minute: m, type: n.type });
  }
  return { incidents, sent };
}

describe('reconcileIncidents', () => {
  it('opens an incident and notifies for a new finding', () => {
    const r = reconcileIncidents([], [stalled()], minute(0), options);
    expect(r.incidents).toEqual([expect.objectContaining({ key: stalled().key, state: 'open', openedAt: minute(0).toISOString() })]);
    expect(r.notifications.map((n) => n.type)).toEqual(['opened']);
  });

  it('stays quiet while the finding persists before the reminder is due', () => {
    const { sent } = play([
      [0, [stalled()]],
      [10, [stalled()]],
      [60, [stalled()]],
      [119, [stalled()]],
    ]);
    expect(sent).toEqual([{ minute: 0, type: 'opened' }]);
  });

  it('sends exactly one reminder once reminderMinutes have passed', () => {
    const { sent } = play([
      [0, [stalled()]],
      [120, [stalled()]],
      [240, [stalled()]],
      [600, [stalled()]],
    ]);
    expect(sent).toEqual([
      { minute: 0, type: 'opened' },
      { minute: 120, type: 'reminder' },
    ]);
  });

  it('never reminds inside the quiet period even with a shorter reminder interval', () => {
    const { sent } = play(
      [
        [0, [stalled()]],
        [10, [stalled()]],
        [30, [stalled()]],
      ],
      { quietMinutes: 30, reminderMinutes: 5 },
    );
    expect(sent).toEqual([
      { minute: 0, type: 'opened' },
      { minute: 30, type: 'reminder' },
    ]);
  });

  it('keeps a flapping finding in one open incident without a second alert and counts the flaps', () => {
    const f = [stalled()];
    const { sent, incidents } = play([
      [0, f],
      [5, []],
      [10, f],
      [15, []],
      [20, f],
    ]);
    expect(sent).toEqual([{ minute: 0, type: 'opened' }]);
    expect(incidents).toEqual([expect.objectContaining({ state: 'open', flaps: 2, openedAt: minute(0).toISOString() })]);
  });

  it('does not resolve before the finding stayed clear for the quiet period', () => {
    const { sent, incidents } = play([
      [0, [stalled()]],
      [5, []],
      [34, []],
    ]);
    expect(sent.map((s) => s.type)).toEqual(['opened']);
    expect(incidents[0]).toMatchObject({ state: 'clearing', clearedAt: minute(5).toISOString(), clearSamples: 2 });
  });

  it('resolves with one recovery message after the hold time and forgets the incident', () => {
    const { sent, incidents } = play([
      [0, [stalled()]],
      [5, []],
      [35, []],
      [40, []],
    ]);
    expect(sent).toEqual([
      { minute: 0, type: 'opened' },
      { minute: 35, type: 'resolved' },
    ]);
    expect(incidents).toEqual([]);
  });

  it('waits for resolveAfterClearSamples clear evaluations as well as the hold time', () => {
    const opts = { ...options, quietMinutes: 0, resolveAfterClearSamples: 3 };
    const { sent } = play(
      [
        [0, [stalled()]],
        [5, []],
        [10, []],
        [15, []],
      ],
      opts,
    );
    expect(sent).toEqual([
      { minute: 0, type: 'opened' },
      { minute: 15, type: 'resolved' },
    ]);
  });

  it('opens a fresh incident when the finding returns after being resolved', () => {
    const { sent } = play([
      [0, [stalled()]],
      [5, []],
      [35, []],
      [40, [stalled()]],
    ]);
    expect(sent.map((s) => s.type)).toEqual(['opened', 'resolved', 'opened']);
  });

  it('refreshes the words of an open incident from the latest finding', () => {
    const newer = { ...stalled(), summary: 'stuck at 42.0% for 95 min' };
    const { incidents } = play([
      [0, [stalled()]],
      [60, [newer]],
    ]);
    expect(incidents[0]!.summary).toBe('stuck at 42.0% for 95 min');
  });

  it('produces incidents that survive a JSON round trip unchanged', () => {
    const { incidents } = play([
      [0, [stalled()]],
      [5, []],
    ]);
    expect(JSON.parse(JSON.stringify(incidents))).toEqual(incidents);
  });
});
