/**
 * Delivers CloudEvents to webhook subscribers at least once: POST JSON, retried with capped
 * exponential backoff until a 2xx (bounded attempts). Optional injected duplication (the same id
 * delivered twice) and reordering (an event held back until the next one has been sent).
 */
import { randomUUID } from 'node:crypto';
import type { CloudEvent } from './cloudEvents';

export interface SubscriptionSpec {
  readonly url: string;
  /** 0..1: chance that an event is delivered twice. */
  readonly duplicateRate?: number;
  /** 0..1: chance that an event is held back and sent after the next one. */
  readonly reorderRate?: number;
  /** Attempts per delivery, default 6. */
  readonly maxAttempts?: number;
}

export interface Subscription extends SubscriptionSpec {
  readonly id: string;
}

export interface DeliveryRecord {
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly type: string;
  readonly attempts: number;
  readonly status: number | 'failed';
}

export interface PublisherOptions {
  readonly random?: () => number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** How long a held-back event waits for a successor before it goes out anyway. */
  readonly holdMs?: number;
}

interface Held {
  readonly event: CloudEvent;
  readonly timer: NodeJS.Timeout;
}

export class EventPublisher {
  private subscriptions: Subscription[] = [];
  private readonly held = new Map<string, Held>();
  private readonly inFlight = new Set<Promise<void>>();
  private deliveries: DeliveryRecord[] = [];
  private readonly random: () => number;

  constructor(private readonly options: PublisherOptions = {}) {
    this.random = options.random ?? Math.random;
  }

  subscribe(spec: SubscriptionSpec): Subscription {
    if (!/^https?:\/\//.test(spec.url)) throw new Error('url must be an http(s) URL');
    const sub: Subscription = { ...spec, id: randomUUID() };
    this.subscriptions.push(sub);
    return sub;
  }

  list(): Subscription[] {
    return [...this.subscriptions];
  }

  clear(): void {
    for (const held of this.held.values()) clearTimeout(held.timer);
    this.held.clear();
    this.subscriptions = [];
  }

  history(): DeliveryRecord[] {
    return [...this.deliveries];
  }

  publish(event: CloudEvent): void {
    for (const sub of this.subscriptions) this.route(sub, event);
  }

  /** Resolves when every delivery started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.held.size > 0) {
      for (const [id, held] of this.held) this.release(id, held);
      await Promise.allSettled([...this.inFlight]);
    }
  }

  private route(sub: Subscription, event: CloudEvent): void {
    const held = this.held.get(sub.id);
    if (held) {
      this.send(sub, event);
      this.release(sub.id, held);
      return;
    }
    if (this.random() < (sub.reorderRate ?? 0)) {
      const timer = setTimeout(() => this.release(sub.id, { event, timer }), this.options.holdMs ?? 500);
      timer.unref();
      this.held.set(sub.id, { event, timer });
      return;
    }
    this.send(sub, event);
  }

  private release(subId: string, held: Held): void {
    clearTimeout(held.timer);
    this.held.delete(subId);
    const sub = this.subscriptions.find((s) => s.id === subId);
    if (sub) this.send(sub, held.event);
  }

  private send(sub: Subscription, event: CloudEvent): void {
    const copies = this.random() < (sub.duplicateRate ?? 0) ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      const p = this.deliver(sub, event).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
  }

  private async deliver(sub: Subscription, event: CloudEvent): Promise<void> {
    const maxAttempts = sub.maxAttempts ?? 6;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const status = await post(sub.url, event);
      if (status !== undefined && status >= 200 && status < 300) {
        this.deliveries.push({ subscriptionId: sub.id, eventId: event.id, type: event.type, attempts: attempt, status });
        return;
      }
      if (attempt < maxAttempts) await sleep(this.backoff(attempt));
    }
    this.deliveries.push({ subscriptionId: sub.id, eventId: event.id, type: event.type, attempts: maxAttempts, status: 'failed' });
  }

  private backoff(attempt: number): number {
    const base = this.options.baseDelayMs ?? 100;
    return Math.min(this.options.maxDelayMs ?? 2000, base * 2 ** (attempt - 1));
  }
}

async function post(url: string, event: CloudEvent): Promise<number | undefined> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json;charset=utf-8' },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(5000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
