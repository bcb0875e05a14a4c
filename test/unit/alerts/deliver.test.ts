import { deliver } from '../../../shared/alerts';
import type { AlertMessage, Channel, DeliveryResult } from '../../../shared/alerts';
import { minute, notification } from './fixtures';

const note = (): AlertMessage => ({ kind: 'notification', notification: notification() });
const noSleep = async (): Promise<void> => undefined;
const now = () => minute(0);

/** A channel that answers from a script, one entry per call, and records what it was given. */
function scripted(name: string, answers: Array<'ok' | 'retryable' | 'fatal' | 'throw' | 'hang'>, perMinute?: number) {
  const calls: AlertMessage[][] = [];
  const channel: Channel = {
    name,
    type: 'dingtalk',
    target: `https://example.test/${name}?access_token=***`,
    ...(perMinute !== undefined ? { perMinute } : {}),
    async send(messages): Promise<DeliveryResult> {
      calls.push([...messages]);
      const a = answers[Math.min(calls.length - 1, answers.length - 1)];
      if (a === 'throw') throw new Error('boom');
      if (a === 'hang') return new Promise(() => undefined);
      if (a === 'ok') return { ok: true, delivered: messages.length, requests: messages.length };
      return {
        ok: false,
        delivered: 0,
        requests: 1,
        failure: { code: a === 'fatal' ? 'ALERT_REJECTED' : 'ALERT_HTTP_STATUS', message: 'x', retryable: a === 'retryable' },
      };
    },
  };
  return { channel, calls };
}

describe('deliver', () => {
  it('retries a retryable failure and then succeeds', async () => {
    const a = scripted('a', ['retryable', 'retryable', 'ok']);
    const { results } = await deliver([a.channel], [note()], { now, sleep: noSleep });
    expect(results[0]).toMatchObject({ ok: true, delivered: 1, attempts: 3 });
  });

  it('does not retry a failure the service will repeat', async () => {
    const a = scripted('a', ['fatal']);
    const { results } = await deliver([a.channel], [note()], { now, sleep: noSleep });
    expect(a.calls).toHaveLength(1);
    expect(results[0]).toMatchObject({ ok: false, failure: { code: 'ALERT_REJECTED' } });
  });

  it('delivers to the other channels when one keeps failing', async () => {
    const bad = scripted('bad', ['retryable']);
    const good = scripted('good', ['ok']);
    const { results } = await deliver([bad.channel, good.channel], [note()], { now, sleep: noSleep, retry: { maxAttempts: 4 } });
    expect(bad.calls).toHaveLength(4);
    expect(results.map((r) => [r.channel, r.ok])).toEqual([
      ['bad', false],
      ['good', true],
    ]);
    expect(results[0]!.undelivered).toHaveLength(1);
  });

  it('reports a channel that throws instead of throwing itself', async () => {
    const a = scripted('a', ['throw']);
    const { results } = await deliver([a.channel], [note()], { now, sleep: noSleep, retry: { maxAttempts: 1 } });
    expect(results[0]).toMatchObject({ ok: false, failure: { code: 'ALERT_INTERNAL' } });
  });

  it('times out a channel that never answers and retries it', async () => {
    const a = scripted('a', ['hang', 'ok']);
    const { results } = await deliver([a.channel], [note()], { now, sleep: noSleep, timeoutMs: 30 });
    expect(results[0]).toMatchObject({ ok: true, attempts: 2 });
  });

  it('sends a message only to the channels it is addressed to', async () => {
    const a = scripted('a', ['ok']);
    const b = scripted('b', ['ok']);
    await deliver([a.channel, b.channel], [{ ...note(), to: ['b'] }], { now, sleep: noSleep });
    expect([a.calls.length, b.calls.length]).toEqual([0, 1]);
  });

  it('merges notifications into the requests left in this minute according to the stored state', async () => {
    const a = scripted('a', ['ok'], 20);
    const earlier = Array.from({ length: 18 }, (_, i) => minute(0).getTime() - 1000 * (i + 1));
    const out = await deliver([a.channel], Array.from({ length: 5 }, note), {
      now,
      sleep: noSleep,
      rateLimitState: { sent: { a: earlier } },
    });
    expect(a.calls).toHaveLength(2);
    expect(out.results[0]).toMatchObject({ ok: true, merged: true });
    expect(out.rateLimitState.sent['a']).toHaveLength(20);
  });

  it('forgets requests older than a minute', async () => {
    const a = scripted('a', ['ok'], 20);
    const old = Array.from({ length: 20 }, () => minute(0).getTime() - 61_000);
    const out = await deliver([a.channel], [note()], { now, sleep: noSleep, rateLimitState: { sent: { a: old } } });
    expect(out.results[0]!.ok).toBe(true);
    expect(out.rateLimitState.sent['a']).toHaveLength(1);
  });

  it('returns messages it could not send because the minute budget is used up', async () => {
    const a = scripted('a', ['ok'], 20);
    const full = Array.from({ length: 20 }, () => minute(0).getTime() - 1000);
    const { results } = await deliver([a.channel], [note(), note()], { now, sleep: noSleep, rateLimitState: { sent: { a: full } } });
    expect(a.calls).toHaveLength(0);
    expect(results[0]).toMatchObject({
      ok: false,
      undelivered: [expect.anything(), expect.anything()],
      failure: { code: 'ALERT_RATE_LIMITED' },
    });
  });

  it('logs attempts with the redacted target only', async () => {
    const lines: string[] = [];
    const logger = {
      info: (m: string, f?: object) => lines.push(m + JSON.stringify(f)),
      warn: (m: string, f?: object) => lines.push(m + JSON.stringify(f)),
    };
    const a = scripted('a', ['retryable', 'ok']);
    await deliver([a.channel], [note()], { now, sleep: noSleep, logger });
    expect(lines.some((l) => l.includes('attempt failed') && l.includes('access_token=***'))).toBe(true);
  });
});
