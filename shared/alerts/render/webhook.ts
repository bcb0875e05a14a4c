import type { AlertMessage, Digest, Notification } from '../types';
import { toDoc } from './model';

export const WEBHOOK_SCHEMA_VERSION = 1;

export type WebhookEventType = 'incident.opened' | 'incident.reminder' | 'incident.resolved' | 'incident.retired' | 'incident.batch' | 'digest';

/**
 * The generic webhook body: structured data for machines plus `text` for people. Stable field names;
 * `version` changes only when a field changes meaning.
 */
export interface WebhookBody {
  readonly version: typeof WEBHOOK_SCHEMA_VERSION;
  readonly type: WebhookEventType;
  readonly at: string;
  readonly text: string;
  readonly notifications?: readonly Notification[];
  readonly digest?: Digest;
}

export function renderWebhook(message: AlertMessage): WebhookBody {
  const text = toDoc(message).title;
  const base = { version: WEBHOOK_SCHEMA_VERSION, text } as const;
  switch (message.kind) {
    case 'notification':
      return { ...base, type: `incident.${message.notification.type}`, at: message.notification.at, notifications: [message.notification] };
    case 'batch':
      return { ...base, type: 'incident.batch', at: message.notifications[0]?.at ?? '', notifications: message.notifications };
    case 'digest':
      return { ...base, type: 'digest', at: message.digest.at, digest: message.digest };
  }
}
