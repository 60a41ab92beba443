import { io, type Socket } from 'socket.io-client';
import {
  WIDGET_EVENTS,
  type WidgetAgentSeenEvent,
  type WidgetAvailability,
  type WidgetIdentifyPayload,
  type WidgetMessage,
  type WidgetSendAck,
  type WidgetSeenPayload,
  type WidgetSendPayload,
  type WidgetSession,
  type WidgetTypingEvent,
  type WidgetSurveyEvent,
} from '@parley/contracts';
import { createClientMessageId } from './client-message-id';
import { verifyIdentityOnSession } from './identity';
import { MessageStore, type ChatMessageView, type PendingMessage } from './message-store';
import { VisitorStorage } from './visitor-storage';

export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'unavailable';

export interface ChatConnectionListener {
  messagesChanged(): void;
  statusChanged(status: ConnectionStatus): void;
  agentMessageReceived(message: WidgetMessage): void;
  agentTyping(event: WidgetTypingEvent): void;
  error(message: string | null): void;
  /** null: no survey question is open (a new session found none, or it was answered elsewhere). */
  survey(event: WidgetSurveyEvent | null): void;
  availability(availability: WidgetAvailability): void;
  /** An agent opened the conversation at `seenAt` (ISO): the visitor's messages up to then were seen. */
  agentSeen(seenAt: string): void;
}

export interface IdentifyResult {
  ok: boolean;
  error?: string;
}

const SEND_TIMEOUT_MS = 15_000;
const SEND_ATTEMPTS_WHILE_ONLINE = 3;
const SERVER_DISCONNECT_RETRY_MS = 2_000;

/**
 * The `/widget` socket plus the outbox. Messages are emitted only once `session` has arrived on
 * the current connection; anything written before that, or whose ack never came, stays in the
 * outbox and goes out again (same clientMessageId) on the next `session`.
 */
export class ChatConnection {
  readonly store: MessageStore;
  private socket: Socket | null = null;
  private sessionReady = false;
  private hadSession = false;
  private status: ConnectionStatus = 'idle';
  private readonly inFlight = new Set<string>();
  private readonly attempts = new Map<string, number>();
  /** The agent messages the server has been told were seen on this connection (scrolling back does not repeat them). */
  private readonly seenSent = new Set<string>();

  constructor(
    private readonly baseUrl: string,
    private readonly websiteToken: string,
    private readonly storage: VisitorStorage,
    private readonly listener: ChatConnectionListener,
    /** The UI language, sent in the handshake so the server words its refusals in it. */
    private readonly locale?: string,
  ) {
    this.store = new MessageStore(storage.loadOutbox());
    window.addEventListener('online', () => this.updateStatus());
    window.addEventListener('offline', () => this.updateStatus());
  }

  /** A returning visitor (or one with unsent messages) reconnects at once; a new one on first open. */
  get hasReasonToConnectEarly(): boolean {
    return this.storage.visitorToken !== null || !this.store.isEmpty();
  }

  get connectionStatus(): ConnectionStatus {
    return this.status;
  }

  messages(): ChatMessageView[] {
    return this.store.messages();
  }

  connect(): void {
    if (this.socket) return;
    this.setStatus('connecting');
    const socket = io(`${this.baseUrl.replace(/\/+$/, '')}/widget`, {
      // A function, so every reconnect presents the visitorToken of the latest `session`.
      auth: (deliver) => {
        const visitorToken = this.storage.visitorToken;
        const locale = this.locale ?? mountedWidgetLocale();
        deliver({ websiteToken: this.websiteToken, locale, ...(visitorToken ? { visitorToken } : {}) });
      },
      transports: ['websocket', 'polling'],
    });
    this.socket = socket;
    verifyIdentityOnSession(socket);

    socket.on(WIDGET_EVENTS.session, (session: WidgetSession) => this.onSession(session));
    socket.on(WIDGET_EVENTS.messageNew, (message: WidgetMessage) => this.onMessage(message));
    socket.on(WIDGET_EVENTS.typing, (event: WidgetTypingEvent) => {
      if (event && typeof event.isTyping === 'boolean') this.listener.agentTyping(event);
    });
    socket.on(WIDGET_EVENTS.survey, (event: WidgetSurveyEvent) => {
      if (event && typeof event.messageId === 'string' && Array.isArray(event.options)) this.listener.survey(event);
    });
    socket.on(WIDGET_EVENTS.availability, (availability: WidgetAvailability) => {
      if (availability && typeof availability.state === 'string') this.listener.availability(availability);
    });
    socket.on(WIDGET_EVENTS.agentSeen, (event: WidgetAgentSeenEvent) => {
      if (event && typeof event.seenAt === 'string') this.listener.agentSeen(event.seenAt);
    });
    socket.on(WIDGET_EVENTS.error, (payload: { message?: unknown } | undefined) => {
      this.listener.error(typeof payload?.message === 'string' ? payload.message : null);
    });
    socket.on('disconnect', (reason) => {
      this.sessionReady = false;
      // A seen emitted as the socket dropped may be lost: tell it again on the next session.
      this.seenSent.clear();
      this.listener.agentTyping({ isTyping: false });
      this.updateStatus();
      // socket.io reconnects by itself after network trouble, but not after the server closed
      // the socket on purpose (a deploy draining connections, say). Refusals come as
      // connect_error from the handshake instead, so coming back here is safe.
      if (reason === 'io server disconnect') {
        setTimeout(() => socket.connect(), SERVER_DISCONNECT_RETRY_MS + Math.random() * SERVER_DISCONNECT_RETRY_MS);
      }
    });
    socket.on('connect_error', () => {
      // `active` is false when the server refused the handshake (unknown websiteToken):
      // socket.io will not retry that on its own, and neither should we.
      this.setStatus(socket.active ? (this.hadSession ? 'reconnecting' : 'connecting') : 'unavailable');
    });
  }

  send(content: string): void {
    const item = this.store.enqueue(content, createClientMessageId(), new Date().toISOString());
    this.persistOutbox();
    this.listener.messagesChanged();
    this.connect();
    this.emitPending(item);
  }

  retry(clientMessageId: string): void {
    const item = this.store.retry(clientMessageId);
    if (!item) return;
    this.attempts.delete(clientMessageId);
    this.persistOutbox();
    this.listener.messagesChanged();
    this.emitPending(item);
  }

  identify(payload: WidgetIdentifyPayload): Promise<IdentifyResult> {
    this.connect();
    const socket = this.socket as Socket;
    if (this.status === 'unavailable') return Promise.resolve({ ok: false });
    return new Promise((resolve) => {
      socket
        .timeout(SEND_TIMEOUT_MS)
        .emit(WIDGET_EVENTS.identify, payload, (err: Error | null, result: IdentifyResult | undefined) => {
          if (err || !result) resolve({ ok: false });
          else resolve({ ok: result.ok === true, error: typeof result.error === 'string' ? result.error : undefined });
        });
    });
  }

  setTyping(isTyping: boolean): void {
    // volatile: a typing hint that cannot be delivered now is worthless later.
    if (this.sessionReady) this.socket?.volatile.emit(WIDGET_EVENTS.typing, { isTyping } satisfies WidgetTypingEvent);
  }

  /** Tells the server the visitor has seen the agent's messages up to this one (read receipts). */
  markSeen(messageId: string): void {
    if (!this.sessionReady || this.seenSent.has(messageId)) return;
    this.seenSent.add(messageId);
    this.socket?.emit(WIDGET_EVENTS.seen, { messageId } satisfies WidgetSeenPayload);
  }

  private onSession(session: WidgetSession): void {
    if (!session || typeof session.visitorToken !== 'string') return;
    this.storage.visitorToken = session.visitorToken;
    this.store.applySession(session);
    this.persistOutbox();
    this.sessionReady = true;
    this.hadSession = true;
    if (session.availability) this.listener.availability(session.availability);
    if (typeof session.agentSeenAt === 'string') this.listener.agentSeen(session.agentSeenAt);
    // History marks a survey question still waiting for its score: its buttons come back after a reload.
    const open = [...(session.messages ?? [])].reverse().find((m) => m.survey && Array.isArray(m.survey.options));
    this.listener.survey(open?.survey ? { messageId: open.id, options: open.survey.options } : null);
    this.updateStatus();
    this.listener.messagesChanged();
    for (const item of this.store.resendable()) this.emitPending(item);
  }

  private onMessage(message: WidgetMessage): void {
    const isNew = this.store.receive(message);
    this.persistOutbox();
    this.listener.messagesChanged();
    if (isNew && message.direction === 'outbound') this.listener.agentMessageReceived(message);
  }

  private emitPending(item: PendingMessage): void {
    const socket = this.socket;
    if (!socket || !this.sessionReady || this.inFlight.has(item.clientMessageId)) return;
    const { clientMessageId } = item;
    this.inFlight.add(clientMessageId);
    const payload: WidgetSendPayload = { content: item.content, clientMessageId };
    socket
      .timeout(SEND_TIMEOUT_MS)
      .emit(WIDGET_EVENTS.messageSend, payload, (err: Error | null, ack: WidgetSendAck | undefined) => {
        this.inFlight.delete(clientMessageId);
        if (err) {
          // Timed out, or the socket dropped (socket.io fails pending acks on disconnect).
          // Offline: the next `session` re-sends it. Online: the server is slow; try again a
          // few times (it dedupes), then let the visitor decide.
          if (!this.sessionReady) return;
          const attempt = (this.attempts.get(clientMessageId) ?? 1) + 1;
          this.attempts.set(clientMessageId, attempt);
          if (attempt <= SEND_ATTEMPTS_WHILE_ONLINE) this.emitPending(item);
          else this.settle(clientMessageId, () => this.store.markFailed(clientMessageId, 'timeout'), null);
          return;
        }
        const delivered = ack?.ok === true;
        const refusal = delivered ? undefined : ack?.ok === false && typeof ack.error === 'string' ? ack.error : null;
        this.settle(clientMessageId, () => this.store.acknowledge(clientMessageId, ack), refusal);
      });
  }

  /** `refusal`: undefined when delivered, else the server's reason (null: show a generic one). */
  private settle(clientMessageId: string, update: () => void, refusal: string | null | undefined): void {
    this.attempts.delete(clientMessageId);
    update();
    this.persistOutbox();
    this.listener.messagesChanged();
    if (refusal !== undefined) this.listener.error(refusal);
  }

  private persistOutbox(): void {
    this.storage.saveOutbox(this.store.outbox());
  }

  private updateStatus(): void {
    if (this.status === 'idle' || this.status === 'unavailable') return;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) this.setStatus('offline');
    else if (this.sessionReady) this.setStatus('online');
    else this.setStatus(this.hadSession ? 'reconnecting' : 'connecting');
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.listener.statusChanged(status);
  }
}

/** Without an explicit locale: the language the mounted widget renders in (its root's `lang`), else the browser's. */
function mountedWidgetLocale(): string {
  return document.querySelector('parley-widget')?.shadowRoot?.querySelector('.pw-root')?.getAttribute('lang') ?? navigator.language;
}
