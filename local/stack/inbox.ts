/**
 * The webhook inbox: stands in for a chat webhook so alerts sent by the functions are visible
 * locally. Keeps the newest messages in memory (bounded); the dashboard shows them.
 */
export interface InboxMessage {
  readonly receivedAt: string;
  /** Parsed JSON when the body is JSON, else the text (cut to a few KB). */
  readonly body: unknown;
}

const MAX_MESSAGES = 50;
const MAX_TEXT = 4096;

export class WebhookInbox {
  private readonly list: InboxMessage[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  receive(raw: string): InboxMessage {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = raw.slice(0, MAX_TEXT);
    }
    const message = { receivedAt: this.now().toISOString(), body };
    this.list.push(message);
    if (this.list.length > MAX_MESSAGES) this.list.splice(0, this.list.length - MAX_MESSAGES);
    return message;
  }

  /** Newest first. */
  messages(limit = MAX_MESSAGES): InboxMessage[] {
    return this.list.slice(-limit).reverse();
  }

  get count(): number {
    return this.list.length;
  }
}
