import { redactText, redactUrl } from '../../log';
import { failure } from '../errors';
import type { AlertMessage, Channel, ChannelType, DeliveryFailure, DeliveryResult, SendOptions } from '../types';
import { DEFAULT_TIMEOUT_MS, isFailure, postJson, type HttpRequest, type HttpResponse } from './http';

/** What a chat or webhook channel is configured with (the policy file's `url` and `secret`, resolved). */
export interface WebhookChannelOptions {
  readonly name: string;
  /** The full webhook URL including its token. */
  readonly url: string;
  readonly secret?: string;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

/** What a webhook channel contributes: how to build one request, and how to read the answer. */
export interface HttpChannelSpec {
  readonly name: string;
  readonly type: ChannelType;
  readonly url: string;
  /** Values that must never leave this channel (URL, signing secret). */
  readonly secrets: readonly (string | undefined)[];
  readonly perMinute?: number;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  buildRequest(message: AlertMessage, now: Date): HttpRequest;
  check(res: HttpResponse): DeliveryFailure | undefined;
}

/** A failure whose text fields cannot carry the channel's URL, token or secret, whatever the server echoed. */
function clean(f: DeliveryFailure, secrets: readonly (string | undefined)[]): DeliveryFailure {
  return {
    ...f,
    message: redactText(f.message, secrets),
    ...(f.serviceCode !== undefined ? { serviceCode: redactText(f.serviceCode, secrets) } : {}),
  };
}

async function sendOne(spec: HttpChannelSpec, m: AlertMessage, options: SendOptions): Promise<DeliveryFailure | undefined> {
  const now = spec.now ?? (() => new Date());
  let req: HttpRequest;
  try {
    req = spec.buildRequest(m, now());
  } catch (err) {
    return failure('ALERT_INTERNAL', `could not build the request: ${(err as Error).name}`);
  }
  const res = await postJson(req, {
    timeoutMs: spec.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    now,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  // Scrubbed whole, before any check cuts it short: a token cut in half would no longer match.
  return isFailure(res) ? res : spec.check({ ...res, text: redactText(res.text, spec.secrets) });
}

/** A `Channel` over one JSON webhook: one request per message, in order, stopping at the first failure. */
export function httpChannel(spec: HttpChannelSpec): Channel {
  return {
    name: spec.name,
    type: spec.type,
    target: redactUrl(spec.url),
    ...(spec.perMinute !== undefined ? { perMinute: spec.perMinute } : {}),
    async send(messages: readonly AlertMessage[], options: SendOptions = {}): Promise<DeliveryResult> {
      let delivered = 0;
      for (const m of messages) {
        const bad = await sendOne(spec, m, options);
        if (bad) return { ok: false, delivered, requests: delivered + 1, failure: clean(bad, spec.secrets) };
        delivered += 1;
      }
      return { ok: true, delivered, requests: delivered };
    },
  };
}
