import { channelsFor, messagesPerChannel } from '../../../shared/alerts/routing';
import { compilePolicy } from '../../../shared/policy/compile';
import { notification, rule } from './fixtures';

const policy = compilePolicy(`
version: 1
policies:
  dr:
    destination: { region: cn-beijing, bucket: "{bucket}-dr" }
    alerts: { channels: [ops] }
  archive:
    destination: { region: cn-beijing, bucket: "{bucket}-archive" }
    alerts: { channels: [ops, pager] }
  silent:
    destination: { region: cn-beijing, bucket: "{bucket}-silent" }
channels:
  ops: { type: webhook, url: "https://example.com/ops" }
  pager: { type: webhook, url: "https://example.com/pager" }
  audit: { type: webhook, url: "https://example.com/audit" }
guardrails: { destinationRegions: [cn-beijing] }
`);

describe('who hears about it', () => {
  it("is the policy's channels", () => {
    expect(channelsFor(policy, ['dr'])).toEqual(['ops']);
  });

  it('is every channel of the policies concerned, each once', () => {
    expect(channelsFor(policy, ['dr', 'archive'])).toEqual(['ops', 'pager']);
  });

  it('is every channel of the file when the policy is unknown, removed since, or alerts nowhere', () => {
    const all = ['ops', 'pager', 'audit'];
    expect([
      channelsFor(policy, ['removed']),
      channelsFor(policy, [undefined]),
      channelsFor(policy, ['silent']),
      channelsFor(policy, []),
    ]).toEqual([all, all, all, all]);
  });
});

describe('messages per channel', () => {
  it('sends a channel with one notification that notification', () => {
    const n = notification();
    expect(messagesPerChannel([{ notification: n, channels: ['ops'] }])).toEqual([{ kind: 'notification', notification: n, to: ['ops'] }]);
  });

  it('batches what one channel should hear, and gives each channel its own message', () => {
    const a = notification('opened');
    const b = notification('resolved', { ...rule, bucket: 'other' });
    const messages = messagesPerChannel([
      { notification: a, channels: ['ops', 'pager'] },
      { notification: b, channels: ['ops'] },
    ]);
    expect(messages).toEqual([
      { kind: 'batch', notifications: [a, b], to: ['ops'] },
      { kind: 'notification', notification: a, to: ['pager'] },
    ]);
  });
});
