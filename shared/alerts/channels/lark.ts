import { failure } from '../errors';
import { renderLark } from '../render/lark';
import type { Channel, DeliveryFailure } from '../types';
import type { WebhookChannelOptions } from './dingtalk';
import { checkStatus, parseJson, type HttpResponse } from './http';
import { httpChannel } from './httpChannel';
import { larkSign } from './signers';

/** Lark answers 200 with `code` != 0 on failure (e.g. 19021 for a bad signature). */
function checkLark(res: HttpResponse): DeliveryFailure | undefined {
  const bad = checkStatus(res);
  if (bad) return bad;
  const json = parseJson(res.text);
  if (json?.['code'] === 0) return undefined;
  return failure('ALERT_REJECTED', `code ${String(json?.['code'])}: ${String(json?.['msg'] ?? res.text.slice(0, 200))}`, { serviceCode: String(json?.['code']), status: res.status });
}

/** Lark/Feishu custom bot; `timestamp` (seconds, as a string) and `sign` go in the body when signed. */
export function larkChannel(o: WebhookChannelOptions): Channel {
  return httpChannel({
    ...o,
    type: 'lark',
    secrets: [o.url, o.secret],
    buildRequest: (m, now) => {
      const body = renderLark(m);
      if (!o.secret) return { url: o.url, body: JSON.stringify(body) };
      const ts = Math.floor(now.getTime() / 1000);
      return { url: o.url, body: JSON.stringify({ timestamp: String(ts), sign: larkSign(o.secret, ts), ...body }) };
    },
    check: checkLark,
  });
}
