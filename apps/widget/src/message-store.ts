import type { AttachmentDto, MessageDirection, WidgetMessage, WidgetSendAck, WidgetSession } from '@parley/contracts';

// The widget's view of one conversation: messages the server confirmed, plus an outbox of
// messages the visitor wrote that have no ack yet. The outbox outlives reloads (it is persisted
// by the caller) and is re-sent with the same clientMessageId after every reconnect; the server
// dedupes on that id, so a message whose ack got lost is neither dropped nor stored twice.

export type MessageStatus = 'sending' | 'sent' | 'failed';

export interface PendingMessage {
  clientMessageId: string;
  content: string;
  createdAt: string;
  /** Set when the server refused the message; it then waits for the visitor to retry. */
  error?: string;
}

export interface ChatMessageView {
  /** Stable across the optimistic → confirmed switch, so the DOM node can be kept. */
  key: string;
  id: string | null;
  clientMessageId: string | null;
  direction: MessageDirection;
  content: string;
  authorName: string | null;
  createdAt: string;
  status: MessageStatus;
  error: string | null;
  /** Files the agent sent with the message (signed links, relative to Parley's address). */
  attachments?: AttachmentDto[];
}

export class MessageStore {
  private readonly confirmed = new Map<string, WidgetMessage>();
  private pending: PendingMessage[];
  private sessionVisitorToken: string | null = null;

  constructor(outbox: PendingMessage[] = []) {
    this.pending = [...outbox];
  }

  /**
   * The server sends `session` on every (re)connect. The same visitor gets history merged in;
   * a different visitor (the stored token was unknown to the server) starts from a clean list.
   * The outbox is kept either way: those are messages this visitor still wants delivered.
   */
  applySession(session: WidgetSession): void {
    if (this.sessionVisitorToken !== null && this.sessionVisitorToken !== session.visitorToken) {
      this.confirmed.clear();
    }
    this.sessionVisitorToken = session.visitorToken;
    for (const message of session.messages ?? []) this.receive(message);
  }

  /** Returns true when the message was not known before (for unread counters). */
  receive(message: WidgetMessage): boolean {
    if (!message || typeof message.id !== 'string') return false;
    let isNew = !this.confirmed.has(message.id);
    if (message.clientMessageId) {
      const clientMessageId = message.clientMessageId;
      for (const [id, known] of this.confirmed) {
        if (id !== message.id && known.clientMessageId === clientMessageId) {
          this.confirmed.delete(id);
          isNew = false;
        }
      }
      const before = this.pending.length;
      this.pending = this.pending.filter((item) => item.clientMessageId !== clientMessageId);
      if (this.pending.length !== before) isNew = false;
    }
    this.confirmed.set(message.id, message);
    return isNew;
  }

  enqueue(content: string, clientMessageId: string, createdAt: string): PendingMessage {
    const item: PendingMessage = { clientMessageId, content, createdAt };
    this.pending.push(item);
    return item;
  }

  acknowledge(clientMessageId: string, ack: WidgetSendAck | null | undefined): void {
    if (ack && ack.ok === true && ack.message) {
      // Some servers may omit the echo of clientMessageId in the ack; the outbox key is ours.
      this.receive({ ...ack.message, clientMessageId: ack.message.clientMessageId ?? clientMessageId });
      this.pending = this.pending.filter((item) => item.clientMessageId !== clientMessageId);
      return;
    }
    const error = ack && ack.ok === false && typeof ack.error === 'string' ? ack.error : 'rejected';
    this.markFailed(clientMessageId, error);
  }

  markFailed(clientMessageId: string, error: string): void {
    const item = this.pending.find((candidate) => candidate.clientMessageId === clientMessageId);
    if (item) item.error = error;
  }

  /** The visitor asked to try a refused message again: back to "sending". */
  retry(clientMessageId: string): PendingMessage | null {
    const item = this.pending.find((candidate) => candidate.clientMessageId === clientMessageId);
    if (!item) return null;
    delete item.error;
    return item;
  }

  /** Outbox items to (re-)send now; refused ones wait for an explicit retry. */
  resendable(): PendingMessage[] {
    return this.pending.filter((item) => item.error === undefined);
  }

  outbox(): PendingMessage[] {
    return this.pending.map((item) => ({ ...item }));
  }

  isEmpty(): boolean {
    return this.confirmed.size === 0 && this.pending.length === 0;
  }

  messages(): ChatMessageView[] {
    const confirmed = [...this.confirmed.values()]
      .map((message, order) => ({ message, order, time: Date.parse(message.createdAt) }))
      .sort((a, b) => a.time - b.time || a.order - b.order)
      .map(({ message }): ChatMessageView => ({
        key: keyOf(message.clientMessageId, message.id),
        id: message.id,
        clientMessageId: message.clientMessageId,
        direction: message.direction,
        content: message.content,
        authorName: message.authorName,
        createdAt: message.createdAt,
        status: 'sent',
        error: null,
        attachments: Array.isArray(message.attachments) ? message.attachments : [],
      }));
    const pending = this.pending.map((item): ChatMessageView => ({
      key: keyOf(item.clientMessageId, null),
      id: null,
      clientMessageId: item.clientMessageId,
      direction: 'inbound',
      content: item.content,
      authorName: null,
      createdAt: item.createdAt,
      status: item.error === undefined ? 'sending' : 'failed',
      error: item.error ?? null,
    }));
    return [...confirmed, ...pending];
  }
}

function keyOf(clientMessageId: string | null, id: string | null): string {
  return clientMessageId ? `c:${clientMessageId}` : `i:${id}`;
}

/** Reads an outbox back from storage; anything that does not look like one is dropped. */
export function parseOutbox(raw: string | null): PendingMessage[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (item): item is PendingMessage =>
        typeof item === 'object' &&
        item !== null &&
        typeof item.clientMessageId === 'string' &&
        typeof item.content === 'string' &&
        typeof item.createdAt === 'string' &&
        (item.error === undefined || typeof item.error === 'string'),
    );
  } catch {
    return [];
  }
}
