import { MASK, Redactor, redactText, redactUrl } from '../../../shared/log';

describe('redactUrl', () => {
  it('masks the DingTalk access token but keeps host and path', () => {
    expect(redactUrl('https://oapi.dingtalk.com/robot/send?access_token=abc123def')).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=***',
    );
  });

  it('masks token segments of Lark and Slack paths', () => {
    expect(redactUrl('https://open.feishu.cn/open-apis/bot/v2/hook/1f0c2a9e-aaaa-bbbb-cccc-0123456789ab')).toBe(
      'https://open.feishu.cn/open-apis/bot/v2/hook/***',
    );
    expect(redactUrl('https://hooks.slack.com/services/T0001/B0002/XXXXyyyyZZZZ')).toBe('https://hooks.slack.com/services/***/***/***');
  });

  it('masks path segments that are not known route words, even plain lowercase ones', () => {
    expect(redactUrl('https://example.com/hooks/mysecretword')).toBe('https://example.com/hooks/***');
  });

  it('drops user info', () => {
    expect(redactUrl('https://user:pass@example.com/hook')).toBe('https://example.com/hook');
  });

  it('masks an unparsable URL entirely', () => {
    expect(redactUrl('not a url with secret')).toBe('***');
  });

  it('gives a URL that redacting again leaves as it is (one mask everywhere)', () => {
    const target = redactUrl('https://oapi.dingtalk.com/robot/send?access_token=abc123def&sign=xyz');
    expect([redactText(target), new Redactor().redactString(target)]).toEqual([target, target]);
  });
});

describe('redactText', () => {
  it('masks every occurrence of each secret', () => {
    expect(redactText('a SECRET b SECRET c TOKEN', ['SECRET', 'TOKEN'])).toBe(`a ${MASK} b ${MASK} c ${MASK}`);
  });

  it('ignores very short strings', () => expect(redactText('abc', ['b'])).toBe('abc'));

  it('removes secrets and the token parts of secret URLs, raw or URL-encoded', () => {
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k+ey/123';
    const text = `failed for ${url} with k%2Bey%2F123 and SECxyz`;
    const out = redactText(text, [url, 'SECxyz']);
    expect(out).not.toContain('k+ey/123');
    expect(out).not.toContain('k%2Bey%2F123');
    expect(out).not.toContain('SECxyz');
  });

  it('masks what looks like a secret even when no caller named it (a server echoing an STS token)', () => {
    const echoed = 'denied for LTAI5tAbCdEfGhIjKlMnOpQr with token CAIS8QF1q6Ft5B2yfSjIr5bSEsKzs';
    expect(redactText(echoed, [])).toBe(`denied for ${MASK} with token ${MASK}`);
  });
});

describe('Redactor', () => {
  it('leaves ordinary text alone', () => {
    const redactor = new Redactor();
    expect(redactor.redactString('bucket src-bucket rule autopilot-dr-beijing lag 12s')).toBe(
      'bucket src-bucket rule autopilot-dr-beijing lag 12s',
    );
  });

  it('ignores registered secrets too short to match safely', () => {
    const redactor = new Redactor();
    redactor.addSecret('abc');
    expect(redactor.redactString('abcdef')).toBe('abcdef');
  });

  it('masks a registered secret wherever it appears', () => {
    const redactor = new Redactor();
    redactor.addSecret('Zx9secretValue42');
    expect(redactor.redactString('signing with Zx9secretValue42 failed')).toBe(`signing with ${MASK} failed`);
  });
});
