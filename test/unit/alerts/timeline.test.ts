import { appendTimeline, readTimeline, timelineEntry } from '../../../shared/alerts/timeline';
import { minute, notification } from './fixtures';

const at = (n: ReturnType<typeof notification>, m: number) => ({ ...n, at: minute(m).toISOString() });

describe('incident timeline', () => {
  it('records a notification as who, what and when, without the hint or facts', () => {
    const n = notification('opened');
    expect(timelineEntry(n)).toEqual({
      at: n.at,
      type: 'opened',
      key: n.incident.key,
      kind: 'backfill-stalled',
      severity: 'warning',
      bucket: 'src-bucket',
      ruleId: 'autopilot-dr-1',
      summary: n.incident.summary,
    });
  });

  it('keeps entries oldest first whatever order they were added in', () => {
    const timeline = appendTimeline(appendTimeline([], [at(notification('resolved'), 5)]), [at(notification('opened'), 1)]);
    expect(timeline.map((e) => e.type)).toEqual(['opened', 'resolved']);
  });

  it('drops the oldest entries beyond its bound', () => {
    const many = [1, 2, 3, 4].map((m) => at(notification('reminder'), m));
    expect(appendTimeline([], many, 2).map((e) => e.at)).toEqual([minute(3).toISOString(), minute(4).toISOString()]);
  });

  it('reads what it cannot use as no entry: an old document without a timeline, a list with broken entries', () => {
    const good = timelineEntry(notification('opened'));
    expect([
      readTimeline(undefined),
      readTimeline('x'),
      readTimeline([good, { ...good, type: 'exploded' }, { ...good, bucket: 7 }, null]),
    ]).toEqual([[], [], [good]]);
  });
});
