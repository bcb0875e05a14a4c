import { readConfig } from '../../../shared/runtime/config';
import { createHandler, type HandlerDeps } from '../../../shared/runtime/handler';
import { jobContext, timerInput, type JobContext } from '../../../shared/runtime/jobContext';

/** The deps the wrapper hands a job, taken from a real invocation. */
async function depsOf(requestId: string): Promise<HandlerDeps> {
  let seen: HandlerDeps | undefined;
  const handler = createHandler('verify', async (_input, deps) => void (seen = deps), {
    config: readConfig({ LOG_LEVEL: 'silent' }),
    now: () => new Date('2024-05-01T00:00:00Z'),
  });
  await handler({}, { requestId, function: { timeout: 60 } });
  return seen!;
}

describe('job context', () => {
  it("gives a job the invocation's clock, deadline and request id as invocationId", async () => {
    const deps = await depsOf('req-7');
    const ctx: JobContext = jobContext(deps);
    expect([ctx.now().toISOString(), ctx.deadline, ctx.invocationId, ctx.log]).toEqual([
      '2024-05-01T00:00:00.000Z',
      deps.deadline,
      'req-7',
      deps.log,
    ]);
  });

  it('works on sixteen items at once unless told otherwise', async () => {
    const deps = await depsOf('req-8');
    expect([jobContext(deps).concurrency, jobContext(deps, { concurrency: 9 }).concurrency]).toEqual([16, 9]);
  });

  it('waits with the given sleep', async () => {
    const waits: number[] = [];
    await jobContext(await depsOf('req-9'), { sleep: async (ms) => void waits.push(ms) }).sleep(250);
    expect(waits).toEqual([250]);
  });
});

describe('timer input', () => {
  it('keeps the trigger time of a timer event', () => {
    expect(timerInput({ triggerTime: '2024-05-01T00:00:00Z', triggerName: 't', payload: '' })).toEqual({
      triggerTime: '2024-05-01T00:00:00Z',
    });
  });

  it('accepts anything else as a manual run', () => {
    expect([timerInput({}), timerInput(null), timerInput('text'), timerInput({ triggerTime: 5 })]).toEqual([{}, {}, {}, {}]);
  });
});
