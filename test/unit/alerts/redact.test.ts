import { redactUrl, scrub } from '../../../shared/alerts';

describe('redactUrl', () => {
  it('masks the DingTalk access token but keeps host and path', () => {
    expect(redactUrl('https://oapi.dingtalk.com/robot/send?access_token=abc123def')).toBe('https://oapi.dingtalk.com/robot/send?access_token=***');
  });

  it('masks token segments of Lark and Slack paths', () => {
    expect(redactUrl('https://open.feishu.cn/open-apis/bot/v2/hook/1f0c2a9e-aaaa-bbbb-cccc-0123456789ab')).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/***');
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
});

describe('scrub', () => {
  it('removes secrets and the token parts of secret URLs, raw or URL-encoded', () => {
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k+ey/123';
    const text = `failed for ${url} with k%2Bey%2F123 and SECxyz`;
    const out = scrub(text, [url, 'SECxyz']);
    expect(out).not.toContain('k+ey/123');
    expect(out).not.toContain('k%2Bey%2F123');
    expect(out).not.toContain('SECxyz');
  });
});
