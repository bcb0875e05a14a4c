import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHandler, type HandlerDeps, type HandlerOptions } from '../../../shared/runtime/handler';
import { readConfig } from '../../../shared/runtime/config';
import { PermanentError, RetryableError } from '../../../shared/runtime/errors';
import { OssError, OssNetworkError } from '../../../shared/oss/errors';
import type { FcContext } from '../../../shared/runtime/fcContext';

const SECRET = 'StsSecretValue0123456789abcdefXYZ';
const TOKEN = 'CAISsecurityTokenValue0123456789abcdef';
const context: FcContext = {
  requestId: 'req-42',
  credentials: { accessKeyId: 'STS.AccessKeyIdValue001', accessKeySecret: SECRET, securityToken: TOKEN },
  function: { name: 'bucket-events', timeout: 60 },
  region: 'cn-hangzhou',
};
const event = Buffer.from(readFileSync(join(__dirname, '../../fixtures/events/actiontrail-putbucket.cloudevent.json')));

function setup(): { lines: string[]; options: HandlerOptions } {
  const lines: string[] = [];
  return {
    lines,
    options: { config: readConfig({ LOG_LEVEL: 'debug' }), sink: (line) => lines.push(line), now: () => new Date('2024-05-01T00:00:00Z') },
  };
}

describe('createHandler', () => {
  it('decodes the Buffer event and returns the job result in a JSON summary', async () => {
    const { options } = setup();
    const handler = createHandler('bucket-events', async (input) => ({ type: (input as { type: string }).type }), options);
    await expect(handler(event, context)).resolves.toEqual({
      ok: true,
      function: 'bucket-events',
      requestId: 'req-42',
      result: { type: 'oss:ActionTrail:ApiCall' },
    });
  });

  it('gives the job a logger, credentials from the context and a deadline from the timeout', async () => {
    const { options } = setup();
    let seen: HandlerDeps | undefined;
    await createHandler(
      'verify',
      async (_input, deps) => {
        seen = deps;
        return null;
      },
      options,
    )(event, context);
    expect(await seen!.credentials()).toEqual({ accessKeyId: 'STS.AccessKeyIdValue001', accessKeySecret: SECRET, securityToken: TOKEN });
    expect(seen!.deadline.at).toBe(Date.parse('2024-05-01T00:00:00Z') + 58_000);
    expect(seen!.requestId).toBe('req-42');
  });

  it('returns ok:false with the error code for a permanent error instead of throwing', async () => {
    const { options } = setup();
    const handler = createHandler(
      'verify',
      async () => {
        throw new PermanentError('PolicyNotFound', 'no policy named dr');
      },
      options,
    );
    await expect(handler(event, context)).resolves.toMatchObject({ ok: false, reason: 'PolicyNotFound', requestId: 'req-42' });
  });

  it('treats a 4xx OssError as permanent', async () => {
    const { options } = setup();
    const handler = createHandler(
      'verify',
      async () => {
        throw new OssError({ code: 'AccessDenied', status: 403, operation: 'GetBucketTags' }, 'denied');
      },
      options,
    );
    await expect(handler(event, context)).resolves.toMatchObject({ ok: false, reason: 'AccessDenied' });
  });

  it('returns InvalidEvent for a body that is not JSON', async () => {
    const { options } = setup();
    const run = jest.fn();
    const response = await createHandler('verify', run, options)(Buffer.from('<xml/>'), context);
    expect(response).toMatchObject({ ok: false, reason: 'InvalidEvent' });
    expect(run).not.toHaveBeenCalled();
  });

  it('rethrows transient OSS errors so FC retries', async () => {
    const { options } = setup();
    const handler = createHandler(
      'verify',
      async () => {
        throw new OssError({ code: 'InternalError', status: 503, operation: 'PutObject' }, 'busy');
      },
      options,
    );
    await expect(handler(event, context)).rejects.toMatchObject({ code: 'InternalError' });
  });

  it('rethrows network errors so FC retries', async () => {
    const { options } = setup();
    const handler = createHandler(
      'verify',
      async () => {
        throw new OssNetworkError('GetObject', 'ECONNRESET', 'socket hang up');
      },
      options,
    );
    await expect(handler(event, context)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('rethrows errors marked retryable', async () => {
    const { options } = setup();
    const handler = createHandler(
      'verify',
      async () => {
        throw new RetryableError('LeaseBusy', 'bucket is being reconciled');
      },
      options,
    );
    await expect(handler(event, context)).rejects.toMatchObject({ code: 'LeaseBusy' });
  });

  it('logs an expected retry (another invocation holds the lease) at info, not as a warning', async () => {
    const { options, lines } = setup();
    const handler = createHandler(
      'bucket-events',
      async () => {
        throw new RetryableError('BucketBusy', 'retry later: b (busy: LeaseHeld)', { expected: true });
      },
      options,
    );
    await expect(handler(event, context)).rejects.toMatchObject({ code: 'BucketBusy' });
    const retryLine = lines.map((l) => JSON.parse(l) as { level: string; reason?: string }).find((l) => l.reason === 'BucketBusy');
    expect(retryLine?.level).toBe('info');
  });

  it('logs an unexpected retry as a warning', async () => {
    const { options, lines } = setup();
    const handler = createHandler(
      'verify',
      async () => {
        throw new RetryableError('LeaseBusy', 'bucket is being reconciled');
      },
      options,
    );
    await expect(handler(event, context)).rejects.toMatchObject({ code: 'LeaseBusy' });
    expect(lines.map((l) => JSON.parse(l) as { level: string; reason?: string }).find((l) => l.reason === 'LeaseBusy')?.level).toBe('warn');
  });

  it('supports the callback form with the summary', async () => {
    const { options } = setup();
    const handler = createHandler('verify', async () => ({ n: 1 }), options);
    const response = await new Promise((resolve, reject) =>
      handler(event, context, (error, result) => (error ? reject(error) : resolve(result))),
    );
    expect(response).toMatchObject({ ok: true, result: { n: 1 } });
  });

  it('supports the callback form with a retryable error', async () => {
    const { options } = setup();
    const handler = createHandler(
      'verify',
      async () => {
        throw new RetryableError('Later', 'later');
      },
      options,
    );
    const error = await new Promise((resolve) => handler(event, context, (err) => resolve(err)));
    expect(error).toMatchObject({ code: 'Later' });
  });

  it('returns a JSON-serialisable result even when the job returns dates and cycles', async () => {
    const { options } = setup();
    const result: Record<string, unknown> = { at: new Date('2024-01-01T00:00:00Z') };
    result.self = result;
    const response = await createHandler('verify', async () => result, options)(event, context);
    expect(JSON.parse(JSON.stringify(response))).toMatchObject({
      ok: true,
      result: { at: '2024-01-01T00:00:00.000Z', self: '[Circular]' },
    });
  });

  it('logs requestId and function on every line', async () => {
    const { options, lines } = setup();
    await createHandler('verify', async (_input, deps) => deps.log.info('working'), options)(event, context);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ requestId: 'req-42', function: 'verify' });
  });

  describe('keeps the invocation secrets out of logs and summaries', () => {
    const leaky = async (): Promise<never> => {
      throw new PermanentError('Boom', `request signed with ${SECRET} and token ${TOKEN}`);
    };

    it('in the log lines of a permanent failure', async () => {
      const { options, lines } = setup();
      await createHandler('verify', leaky, options)(event, context);
      expect(lines.join('\n')).not.toContain(SECRET);
      expect(lines.join('\n')).not.toContain(TOKEN);
    });

    it('in the returned summary', async () => {
      const { options } = setup();
      const response = await createHandler('verify', leaky, options)(event, context);
      expect(JSON.stringify(response)).not.toContain(SECRET);
    });

    it('in the error FC receives for a retry', async () => {
      const { options, lines } = setup();
      const handler = createHandler(
        'verify',
        async () => {
          throw new RetryableError('Later', `secret ${SECRET}`);
        },
        options,
      );
      const error = await handler(event, context).catch((e: unknown) => e);
      expect(JSON.stringify(error) + String((error as Error).message) + String((error as Error).stack)).not.toContain(SECRET);
      expect(lines.join('\n')).not.toContain(SECRET);
    });

    it('in lines the job logs', async () => {
      const { options, lines } = setup();
      await createHandler(
        'verify',
        async (_input, deps) => {
          deps.log.info('using credentials', { credentials: await deps.credentials(), note: `key ${SECRET}` });
          return null;
        },
        options,
      )(event, context);
      expect(lines.join('\n')).not.toContain(SECRET);
    });

    it('when the keys come from the environment instead of the context', async () => {
      const lines: string[] = [];
      const envSecret = 'EnvSecretValue0123456789abcdefQ';
      const config = readConfig({
        LOG_LEVEL: 'debug',
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'local-key-id',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: envSecret,
      });
      const handler = createHandler(
        'verify',
        async () => {
          throw new PermanentError('Boom', `request signed with ${envSecret}`);
        },
        { config, sink: (line) => lines.push(line) },
      );
      const response = await handler(event, { requestId: 'req-env' });
      expect(JSON.stringify(response) + lines.join('\n')).not.toContain(envSecret);
    });

    it('in the job result', async () => {
      const { options } = setup();
      const response = await createHandler('verify', async () => ({ echo: SECRET }), options)(event, context);
      expect(JSON.stringify(response)).not.toContain(SECRET);
    });
  });
});
