import { createLogger, MASK, type Logger } from '../../../shared/log';

const SECRET = 'Zx9secretValueThatMustNeverLeak42';
const FIXED = new Date('2024-05-01T10:00:00.000Z');

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'debug'): {
  log: Logger;
  lines: string[];
  parsed: () => Array<Record<string, unknown>>;
} {
  const lines: string[] = [];
  const log = createLogger({
    level,
    sink: (line) => lines.push(line),
    now: () => FIXED,
    fields: { requestId: 'req-1', function: 'verify' },
  });
  return { log, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('logger', () => {
  it('writes one JSON line with level, msg, time, requestId, function and fields', () => {
    const { log, parsed } = capture();
    log.info('canary written', { bucket: 'src-bucket' });
    expect(parsed()).toEqual([
      { level: 'info', msg: 'canary written', time: FIXED.toISOString(), requestId: 'req-1', function: 'verify', bucket: 'src-bucket' },
    ]);
  });

  it('drops lines below the configured level', () => {
    const { log, lines } = capture('warn');
    log.debug('a');
    log.info('b');
    log.warn('c');
    log.error('d');
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['c', 'd']);
  });

  it('writes nothing at level silent', () => {
    const lines: string[] = [];
    createLogger({ level: 'silent', sink: (line) => lines.push(line) }).error('x');
    expect(lines).toEqual([]);
  });

  it('child loggers add their context to every line', () => {
    const { log, parsed } = capture();
    log.child({ bucket: 'b1' }).child({ rule: 'autopilot-1' }).info('x');
    expect(parsed()[0]).toMatchObject({ requestId: 'req-1', bucket: 'b1', rule: 'autopilot-1' });
  });

  it('fields cannot overwrite level, msg or time', () => {
    const { log, parsed } = capture();
    log.info('real', { level: 'error', msg: 'fake', time: 'never' });
    expect(parsed()[0]).toMatchObject({ level: 'info', msg: 'real', time: FIXED.toISOString() });
  });

  it('serialises errors with name, code and message', () => {
    const { log, parsed } = capture();
    const error = Object.assign(new Error('boom'), { code: 'NoSuchBucket' });
    log.error('failed', { error });
    expect(parsed()[0]?.error).toMatchObject({ name: 'Error', message: 'boom', code: 'NoSuchBucket' });
  });

  it('survives circular fields', () => {
    const { log, parsed } = capture();
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    log.info('loop', { loop });
    expect(parsed()[0]?.loop).toEqual({ a: 1, self: '[Circular]' });
  });
});

describe('logger redaction', () => {
  it.each([
    'accessKeySecret',
    'securityToken',
    'password',
    'signature',
    'Authorization',
    'accessKeyId',
    'webhookSecret',
    'x-oss-security-token',
  ])('masks the value of a field named %s', (key) => {
    const { log, lines } = capture();
    log.info('x', { [key]: SECRET });
    expect(lines.join('\n')).not.toContain(SECRET);
    expect(JSON.parse(lines[0]!)[key]).toBe(MASK);
  });

  it('masks secrets in nested objects and arrays', () => {
    const { log, lines } = capture();
    log.info('x', { request: { headers: [{ authorization: SECRET }], credentials: { accessKeySecret: SECRET } } });
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it('masks a registered secret inside an error message and stack', () => {
    const { log, lines } = capture();
    log.addSecret(SECRET);
    log.error('failed', { error: new Error(`signing with ${SECRET} failed`) });
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it('masks a registered secret in the message itself and in child loggers', () => {
    const { log, lines } = capture();
    log.addSecret(SECRET);
    log.child({ bucket: 'b' }).warn(`got ${SECRET}`);
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it('masks secrets in an error cause chain', () => {
    const { log, lines } = capture();
    const cause = Object.assign(new Error('inner'), { accessKeySecret: SECRET });
    log.error('failed', { error: new Error('outer', { cause }) });
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it.each([
    ['an AccessKey id', 'key LTAI5tAbCdEfGhIjKlMnOpQr used', 'LTAI5tAbCdEfGhIjKlMnOpQr'],
    ['an STS AccessKey id', 'STS.NUhJkLmNoPqRsTuVwXyZ12 rejected', 'STS.NUhJkLmNoPqRsTuVwXyZ12'],
    ['an STS security token', 'token CAIS8QF1q6Ft5B2yfSjIr5bSEsKzs only', 'CAIS8QF1q6Ft5B2yfSjIr5bSEsKzs'],
    ['a DingTalk access_token', 'POST https://oapi.dingtalk.com/robot/send?access_token=abc123def456&timestamp=1', 'abc123def456'],
    ['a DingTalk sign', 'https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1&sign=SiGnVaLuE%3D', 'SiGnVaLuE'],
    ['a WeCom key', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693axxx6-7aoc-4bc4-97a0-0ec2sifa5aaa', '693axxx6'],
    ['a Slack webhook path', 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX', 'XXXXXXXXXXXXXXXX'],
    ['a Lark hook token', 'https://open.feishu.cn/open-apis/bot/v2/hook/7c0b8e0e-aaaa-bbbb-cccc-000000000000', '7c0b8e0e-aaaa'],
    ['an OSS V1 Authorization', 'Authorization: OSS LTAIabcdefgh1234:kZoYNv66bsmc10+dcGKw5x2PRrk=', 'kZoYNv66bsmc10'],
    [
      'an OSS V4 Signature',
      'OSS4-HMAC-SHA256 Credential=LTAIabcdefgh1234/20240501/cn-hangzhou/oss/aliyun_v4_request,Signature=9f2c1e5d4b3a',
      '9f2c1e5d4b3a',
    ],
    ['a presigned URL signature', 'GET /obj?OSSAccessKeyId=LTAIabcdefgh1234&Expires=1&Signature=abcDEF%2Bghi', 'abcDEF'],
  ])('masks %s found inside a string', (_what, text, secret) => {
    const { log, lines } = capture();
    log.info(text, { detail: text, error: new Error(text) });
    expect(lines.join('\n')).not.toContain(secret);
  });
});
