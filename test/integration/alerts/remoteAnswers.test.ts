/**
 * What a channel's server sends back is untrusted: an echo of the request (path, query, body) must not
 * bring the webhook token or signing secret into failures or logs, a redirect is not followed, and an
 * answer is read only up to MAX_ANSWER_BYTES.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  cloudMonitorChannel,
  dingtalkChannel,
  deliver,
  larkChannel,
  slackChannel,
  webhookChannel,
  wecomChannel,
} from '../../../shared/alerts';
import { MAX_ANSWER_BYTES } from '../../../shared/alerts/channels/http';
import type { Channel } from '../../../shared/alerts';
import { startHugeAnswerServer, type HugeAnswerServer } from '../helpers/hugeAnswerServer';
import { message, noSleep } from './fixtures';

const TOKEN = 'tok3n-0123456789abcdef';
const SECRET = 'SECsigning-0123456789';

/** Answers every request with `status` and a body that echoes everything it received, like a verbose 404 page. */
async function echoServer(status: number, shape: (echo: string) => string): Promise<{ base: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const echo = `${req.method} ${req.url} ${Buffer.concat(chunks).toString('utf8')}`;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(shape(echo));
    });
  });
  return listening(server);
}

async function listening(server: Server): Promise<{ base: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Every webhook channel type, each with its token in the URL where the service puts it. */
const channels = (base: string): Array<[string, Channel]> => [
  ['slack', slackChannel({ name: 'slack', url: `${base}/services/T0A1/B0B2/${TOKEN}` })],
  ['dingtalk', dingtalkChannel({ name: 'ding', url: `${base}/robot/send?access_token=${TOKEN}`, secret: SECRET })],
  ['lark', larkChannel({ name: 'lark', url: `${base}/open-apis/bot/v2/hook/${TOKEN}`, secret: SECRET })],
  ['wecom', wecomChannel({ name: 'wecom', url: `${base}/cgi-bin/webhook/send?key=${TOKEN}` })],
  ['webhook', webhookChannel({ name: 'hook', url: `${base}/hooks/${TOKEN}`, secret: SECRET })],
];

async function sendOnce(channel: Channel) {
  const lines: string[] = [];
  const logger = {
    info: (msg: string, f?: object) => lines.push(`${msg} ${JSON.stringify(f)}`),
    warn: (msg: string, f?: object) => lines.push(`${msg} ${JSON.stringify(f)}`),
  };
  const { results } = await deliver([channel], [message()], { sleep: noSleep, retry: { maxAttempts: 1 }, logger });
  return { result: results[0]!, logged: lines.join('\n') };
}

describe('an echoing server never gets a secret into failures or logs', () => {
  const shapes: Array<[string, number, (echo: string) => string]> = [
    ['a 404 page', 404, (echo) => `no_service: ${echo}`],
    ['a 200 error document', 200, (echo) => JSON.stringify({ errcode: echo, errmsg: echo, code: echo, msg: echo })],
    // Padded so that the 100- and 200-character cuts of serviceCode and message fall inside the token.
    ['a 400 whose token straddles the 100th character', 400, (echo) => `${'x'.repeat(100 - echo.indexOf(TOKEN) - 10)}${echo}`],
    ['a 400 whose token straddles the 200th character', 400, (echo) => `${'x'.repeat(200 - echo.indexOf(TOKEN) - 10)}${echo}`],
  ];
  for (const [what, status, shape] of shapes) {
    it(`for every channel type, with ${what}`, async () => {
      const server = await echoServer(status, shape);
      try {
        for (const [type, channel] of channels(server.base)) {
          const { result, logged } = await sendOnce(channel);
          const text = `${JSON.stringify(result)}\n${logged}`;
          // A generic webhook takes any 2xx as delivered; every other case fails.
          expect({ type, ok: result.ok }).toEqual({ type, ok: type === 'webhook' && status === 200 });
          expect({ type, leaked: text.includes(TOKEN.slice(0, 7)) || text.includes(SECRET) }).toEqual({ type, leaked: false });
        }
      } finally {
        await server.close();
      }
    });
  }

  it('for CloudMonitor, whose error Code and Message echo the signed request', async () => {
    const creds = { accessKeyId: 'LTAI-echo-0123', accessKeySecret: 'echo-secret-4567', securityToken: 'echo-sts-token-89ab' };
    const server = await echoServer(400, (echo) => JSON.stringify({ Code: echo, Message: echo, RequestId: 'R' }));
    try {
      const cms = cloudMonitorChannel({
        name: 'cms',
        region: 'cn-hangzhou',
        credentials: () => creds,
        endpoint: server.base,
        timeoutMs: 2000,
      });
      const { result, logged } = await sendOnce(cms);
      const text = `${JSON.stringify(result)}\n${logged}`;
      expect(result.failure?.code).toBe('ALERT_REJECTED');
      expect([creds.accessKeyId, creds.securityToken].filter((s) => text.includes(s))).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('keeps the Slack error code readable while masking the echoed path', async () => {
    const server = await echoServer(404, (echo) => `no_service ${echo}`);
    try {
      const { result } = await sendOnce(channels(server.base)[0]![1]);
      expect(result.failure?.serviceCode).toMatch(/^no_service POST \/services\/\*\*\*\/\*\*\*\/\*\*\*/);
    } finally {
      await server.close();
    }
  });
});

describe('redirects are not followed', () => {
  it('reports a redirect to another host as a non-retryable failure and never posts there', async () => {
    let elsewhere = 0;
    const other = await listening(
      createServer((req, res) => {
        elsewhere += 1;
        req.resume();
        res.end('ok');
      }),
    );
    const redirecting = await listening(
      createServer((req, res) => {
        req.resume();
        res.writeHead(307, { location: `${other.base}/collect/${TOKEN}` }).end();
      }),
    );
    try {
      for (const [type, channel] of channels(redirecting.base)) {
        const { result, logged } = await sendOnce(channel);
        expect({ type, code: result.failure?.code, retryable: result.failure?.retryable }).toEqual({
          type,
          code: 'ALERT_REDIRECT',
          retryable: false,
        });
        expect(result.failure?.message).toContain(`redirect to ${other.base}/***/***`);
        expect(logged).not.toContain(TOKEN);
      }
      expect(elsewhere).toBe(0);
    } finally {
      await Promise.all([other.close(), redirecting.close()]);
    }
  });

  it('does not follow a redirect to the same host either', async () => {
    let posts = 0;
    const server = await listening(
      createServer((req, res) => {
        req.resume();
        if (req.url === '/moved') {
          posts += 1;
          return void res.end('ok');
        }
        res.writeHead(301, { location: '/moved' }).end();
      }),
    );
    try {
      const { result } = await sendOnce(slackChannel({ name: 'slack', url: `${server.base}/services/T/B/${TOKEN}` }));
      expect(result.failure).toMatchObject({ code: 'ALERT_REDIRECT', status: 301 });
      expect(posts).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('webhook answers are read with a size cap', () => {
  let huge: HugeAnswerServer | undefined;
  afterEach(async () => huge?.close());

  it('stops reading an endless answer at 64 KiB and hangs up', async () => {
    huge = await startHugeAnswerServer();
    const { result } = await sendOnce(webhookChannel({ name: 'hook', url: `${huge.base}/hooks/${TOKEN}` }));
    expect(result.failure).toMatchObject({ code: 'ALERT_ANSWER_TOO_LARGE', retryable: false });
    await huge.hangUps(1);
    expect(huge.hungUp()).toBe(1);
    expect(huge.written()).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses an answer announced over the cap by Content-Length', async () => {
    huge = await startHugeAnswerServer({ announceBytes: MAX_ANSWER_BYTES + 1, totalBytes: 2 * MAX_ANSWER_BYTES });
    const { result } = await sendOnce(dingtalkChannel({ name: 'ding', url: `${huge.base}/robot/send?access_token=${TOKEN}` }));
    expect(result.failure).toMatchObject({ code: 'ALERT_ANSWER_TOO_LARGE' });
  });
});
