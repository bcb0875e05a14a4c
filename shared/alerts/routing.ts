import type { PolicyDocument } from '../policy/runtime';
import type { AlertMessage, Notification } from './types';

/**
 * The one rule of who hears about something: the channels of the policies it concerns; when those
 * name none (a policy unknown, removed since, or alerting nowhere), every channel of the policy file,
 * because someone must learn that a bucket is not watched as it should be, and a recovery must reach
 * the people who heard of the problem. Problems of the system's own state concern no policy: their
 * message has no `to` and goes to every channel.
 */
export function channelsFor(policy: PolicyDocument, policyNames: Iterable<string | undefined>): string[] {
  const own = [...policyNames].flatMap((name) => (name === undefined ? [] : (policy.policies[name]?.alerts.channels ?? [])));
  return [...new Set(own.length > 0 ? own : Object.keys(policy.channels))];
}

/**
 * Per channel one message with every notification that channel should hear about: the notification
 * itself when there is one, else a batch.
 */
export function messagesPerChannel(
  routed: Iterable<{ readonly notification: Notification; readonly channels: readonly string[] }>,
): AlertMessage[] {
  const byChannel = new Map<string, Notification[]>();
  for (const { notification, channels } of routed) {
    for (const channel of channels) byChannel.set(channel, [...(byChannel.get(channel) ?? []), notification]);
  }
  return [...byChannel].map(([channel, list]): AlertMessage =>
    list.length === 1
      ? { kind: 'notification', notification: list[0]!, to: [channel] }
      : { kind: 'batch', notifications: list, to: [channel] },
  );
}
