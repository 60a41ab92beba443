import type { WidgetAvailability, WidgetSurveyEvent, WidgetTypingEvent } from '@parley/contracts';
import { availabilityText } from './availability-text';
import { ChatConnection, type ConnectionStatus } from './chat-connection';
import { h } from './dom';
import { createTranslator, type Locale, type MessageKey, type Translate } from './i18n';
import { fillMessageElement } from './message-element';
import { buildPreChatForm } from './pre-chat-form';
import { TypingSignal } from './typing-signal';
import { VisitorStorage } from './visitor-storage';
import styles from './widget.css?inline';

export interface ChatWidgetOptions {
  websiteToken: string;
  baseUrl: string;
  locale: Locale;
  /** Offer the name/email form before the first message (default true). */
  preChat: boolean;
  /** Accent colour, any CSS colour. */
  color?: string;
}

const ICON_CHAT =
  '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/></svg>';
const ICON_CLOSE =
  '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg>';
const ICON_SEND =
  '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z"/></svg>';

const AGENT_TYPING_EXPIRY_MS = 8000;
const ERROR_NOTICE_MS = 6000;
const STATUS_NOTICE_DELAY_MS = 1200;

/** The launcher, the panel and their behaviour; one instance per page. */
export class ChatWidget {
  private readonly t: Translate;
  private readonly storage: VisitorStorage;
  private readonly connection: ChatConnection;
  private readonly typingSignal: TypingSignal;

  private readonly host: HTMLElement;
  private readonly root: HTMLDivElement;
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;
  private readonly panel: HTMLElement;
  private readonly notice: HTMLDivElement;
  private readonly subtitle: HTMLParagraphElement;
  private readonly body: HTMLDivElement;
  private readonly preChatForm: HTMLFormElement;
  private readonly preChatError: HTMLParagraphElement;
  private readonly empty: HTMLParagraphElement;
  private readonly list: HTMLOListElement;
  private readonly typingLine: HTMLDivElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly messageElements = new Map<string, HTMLLIElement>();

  private isOpen = false;
  private unread = 0;
  private preChatVisible = false;
  private errorText: string | null = null;
  private statusNotice: MessageKey | null = null;
  private errorTimer: ReturnType<typeof setTimeout> | undefined;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  /** The open survey question: its rating buttons show under that message until one is pressed. */
  private survey: WidgetSurveyEvent | null = null;

  constructor(private readonly options: ChatWidgetOptions) {
    this.t = createTranslator(options.locale);
    this.storage = new VisitorStorage(options.websiteToken);
    this.connection = new ChatConnection(options.baseUrl, options.websiteToken, this.storage, {
      messagesChanged: () => this.renderMessages(),
      statusChanged: (status) => this.onStatus(status),
      agentMessageReceived: () => this.onAgentMessage(),
      agentTyping: (event) => this.showAgentTyping(event),
      error: (message) => this.showError(message ?? this.t('error')),
      survey: (event) => {
        this.survey = event;
        this.renderMessages();
      },
      availability: (availability) => this.renderAvailability(availability),
    }, options.locale);
    this.typingSignal = new TypingSignal((isTyping) => this.connection.setTyping(isTyping));

    const t = this.t;
    // A custom element name: host-page rules for div/section do not match it, and the inline
    // `all: initial` beats inherited fonts and colours before the shadow root takes over.
    this.host = h('parley-widget' as 'div', '', { style: 'all: initial' });
    const shadow = this.host.attachShadow({ mode: 'open' });
    const style = h('style', '');
    style.textContent = styles;
    this.root = h('div', 'pw-root', { lang: options.locale });
    if (options.color) this.root.style.setProperty('--pw-accent', options.color);

    this.launcher = h('button', 'pw-launcher', {
      type: 'button',
      'data-testid': 'parley-launcher',
      'aria-controls': 'parley-panel',
      'aria-expanded': 'false',
    });
    this.badge = h('span', 'pw-badge', { 'aria-hidden': 'true', hidden: '' });

    this.panel = h('section', 'pw-panel', {
      id: 'parley-panel',
      'data-testid': 'parley-panel',
      role: 'dialog',
      'aria-labelledby': 'parley-title',
      hidden: '',
    });
    const header = h('header', 'pw-header');
    const headerText = h('div', 'pw-header-text');
    // Empty until the server says whether anyone can answer: no promise it may not keep.
    this.subtitle = h('p', 'pw-subtitle', { 'data-testid': 'parley-availability', hidden: '' });
    headerText.append(h('h2', 'pw-title', { id: 'parley-title' }, t('title')), this.subtitle);
    const closeButton = h('button', 'pw-icon-button', {
      type: 'button',
      'aria-label': t('closeChat'),
      'data-testid': 'parley-close',
    });
    closeButton.innerHTML = ICON_CLOSE;
    header.append(headerText, closeButton);

    this.notice = h('div', 'pw-notice', { role: 'status', 'data-testid': 'parley-notice', hidden: '' });
    this.body = h('div', 'pw-body');
    this.preChatForm = buildPreChatForm(t, {
      skip: () => this.finishPreChat(),
      submit: (form, buttons) => void this.submitPreChat(form, buttons),
    });
    this.preChatError = this.preChatForm.querySelector('.pw-prechat-error') as HTMLParagraphElement;
    this.empty = h('p', 'pw-empty', {}, t('empty'));
    this.list = h('ol', 'pw-messages', {
      'data-testid': 'parley-messages',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': t('messages'),
    });
    this.body.append(this.preChatForm, this.empty, this.list);

    this.typingLine = h('div', 'pw-typing', { 'data-testid': 'parley-typing', 'aria-live': 'polite', hidden: '' });

    const composer = h('form', 'pw-composer');
    this.input = h('textarea', 'pw-input', {
      'data-testid': 'parley-input',
      rows: '1',
      placeholder: t('placeholder'),
      'aria-label': t('placeholder'),
    });
    this.sendButton = h('button', 'pw-send', {
      type: 'submit',
      'data-testid': 'parley-send',
      'aria-label': t('send'),
      title: t('send'),
      'data-empty': '',
    });
    this.sendButton.innerHTML = ICON_SEND;
    composer.append(this.input, this.sendButton);

    this.panel.append(header, this.notice, this.body, this.typingLine, composer);
    this.launcher.append(this.badge);
    this.root.append(this.launcher, this.panel);
    shadow.append(style, this.root);

    this.launcher.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
    closeButton.addEventListener('click', () => this.close());
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
    composer.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitMessage();
    });
    this.input.addEventListener('keydown', (event) => {
      // isComposing: Enter that confirms an IME candidate (Japanese, Chinese…) is not a send.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submitMessage();
      }
    });
    this.input.addEventListener('input', () => {
      this.autoSize();
      const hasText = this.input.value.trim() !== '';
      this.sendButton.toggleAttribute('data-empty', !hasText);
      this.typingSignal.input(hasText);
    });
    this.input.addEventListener('blur', () => this.typingSignal.stop());
    this.list.addEventListener('click', (event) => {
      const retry = (event.target as Element).closest('[data-retry]');
      if (retry) this.connection.retry(retry.getAttribute('data-retry') as string);
    });

    // Read receipts: a reply counts as seen only while the panel is open in a visible tab.
    document.addEventListener('visibilitychange', () => this.reportSeen());

    this.renderLauncher();
    this.renderMessages();
  }

  mount(): void {
    document.body.appendChild(this.host);
    if (this.connection.hasReasonToConnectEarly) this.connection.connect();
  }

  open(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    this.unread = 0;
    this.connection.connect();
    this.panel.hidden = false;
    this.root.toggleAttribute('data-open', true);
    this.renderLauncher();
    this.renderMessages();
    this.renderNotice();
    this.scrollToBottom();
    this.reportSeen();
    const target = this.preChatVisible
      ? (this.preChatForm.querySelector('input') as HTMLInputElement)
      : this.input;
    target.focus({ preventScroll: true });
  }

  close(): void {
    if (!this.isOpen) return;
    const focusWasInside = this.host.shadowRoot?.activeElement != null;
    this.isOpen = false;
    this.panel.hidden = true;
    this.root.toggleAttribute('data-open', false);
    this.typingSignal.stop();
    this.renderLauncher();
    if (focusWasInside) this.launcher.focus();
  }

  private async submitPreChat(form: HTMLFormElement, buttons: HTMLButtonElement[]): Promise<void> {
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const name = value('name');
    const email = value('email');
    if (!name && !email) {
      this.finishPreChat();
      return;
    }
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      this.showPreChatError(this.t('invalidEmail'));
      return;
    }
    for (const button of buttons) button.disabled = true;
    const result = await this.connection.identify({ ...(name && { name }), ...(email && { email }) });
    for (const button of buttons) button.disabled = false;
    if (result.ok) this.finishPreChat();
    else this.showPreChatError(result.error ?? this.t('error'));
  }

  private showPreChatError(message: string): void {
    this.preChatError.textContent = message;
    this.preChatError.hidden = false;
  }

  private finishPreChat(): void {
    this.storage.preChatDone = true;
    const hadFocus = this.preChatForm.contains(this.host.shadowRoot?.activeElement ?? null);
    this.renderMessages();
    if (hadFocus) this.input.focus();
  }

  private submitMessage(): void {
    const content = this.input.value.trim();
    if (!content) return;
    this.typingSignal.stop();
    // Writing without filling the form counts as skipping it.
    if (this.preChatVisible) this.storage.preChatDone = true;
    this.input.value = '';
    this.autoSize();
    this.sendButton.toggleAttribute('data-empty', true);
    this.connection.send(content);
    this.scrollToBottom();
  }

  private autoSize(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 120)}px`;
  }

  private renderMessages(): void {
    const messages = this.connection.messages();
    const stickToBottom = this.body.scrollHeight - this.body.scrollTop - this.body.clientHeight < 48;

    this.preChatVisible = this.options.preChat && !this.storage.preChatDone && messages.length === 0;
    this.preChatForm.hidden = !this.preChatVisible;
    this.empty.hidden = this.preChatVisible || messages.length > 0;

    const seen = new Set<string>();
    for (const message of messages) {
      seen.add(message.key);
      let element = this.messageElements.get(message.key);
      if (!element) {
        element = h('li', 'pw-message', { 'data-testid': 'parley-message' });
        this.messageElements.set(message.key, element);
      }
      fillMessageElement(element, message, {
        t: this.t,
        locale: this.options.locale,
        survey: this.survey && this.survey.messageId === message.id ? this.survey : null,
        rate: (option) => {
          this.survey = null;
          this.connection.send(option);
        },
      });
      // append() moves an existing node, so this also fixes the order.
      this.list.appendChild(element);
    }
    for (const [key, element] of this.messageElements) {
      if (!seen.has(key)) {
        element.remove();
        this.messageElements.delete(key);
      }
    }
    if (stickToBottom) this.scrollToBottom();
    this.reportSeen();
  }

  private reportSeen(): void {
    if (!this.isOpen || document.visibilityState !== 'visible') return;
    const latest = this.connection.messages().filter((m) => m.direction === 'outbound' && m.id).pop();
    if (latest?.id) this.connection.markSeen(latest.id);
  }

  private renderAvailability(availability: WidgetAvailability): void {
    this.subtitle.textContent = availabilityText(availability, this.t);
    this.subtitle.dataset.state = availability.state;
    this.subtitle.hidden = false;
  }

  private scrollToBottom(): void {
    this.body.scrollTop = this.body.scrollHeight;
  }

  private renderLauncher(): void {
    const t = this.t;
    this.launcher.innerHTML = this.isOpen ? ICON_CLOSE : ICON_CHAT;
    this.launcher.append(this.badge);
    this.launcher.setAttribute('aria-expanded', String(this.isOpen));
    const label = this.isOpen ? t('closeChat') : t('openChat');
    this.launcher.setAttribute('aria-label', this.unread > 0 ? `${label}. ${t('unread', { count: this.unread })}` : label);
    this.badge.textContent = String(this.unread);
    this.badge.hidden = this.unread === 0;
  }

  private onAgentMessage(): void {
    this.hideAgentTyping();
    if (this.isOpen) return;
    this.unread += 1;
    this.renderLauncher();
  }

  private showAgentTyping(event: WidgetTypingEvent): void {
    if (!event.isTyping) {
      this.hideAgentTyping();
      return;
    }
    this.typingLine.textContent = event.name ? this.t('typingNamed', { name: event.name }) : this.t('typingAnonymous');
    this.typingLine.hidden = false;
    // The "stopped typing" event can get lost (agent closed the tab): expire it ourselves.
    clearTimeout(this.agentTypingTimer);
    this.agentTypingTimer = setTimeout(() => this.hideAgentTyping(), AGENT_TYPING_EXPIRY_MS);
  }

  private hideAgentTyping(): void {
    clearTimeout(this.agentTypingTimer);
    this.typingLine.hidden = true;
    this.typingLine.textContent = '';
  }

  private showError(message: string): void {
    this.errorText = message;
    clearTimeout(this.errorTimer);
    this.errorTimer = setTimeout(() => {
      this.errorText = null;
      this.renderNotice();
    }, ERROR_NOTICE_MS);
    this.renderNotice();
  }

  private onStatus(status: ConnectionStatus): void {
    const notices: Partial<Record<ConnectionStatus, MessageKey>> = {
      connecting: 'connecting',
      reconnecting: 'reconnecting',
      offline: 'offline',
      unavailable: 'unavailable',
    };
    const notice = notices[status] ?? null;
    clearTimeout(this.statusTimer);
    if (status === 'connecting' || status === 'reconnecting') {
      // Short blips (the first connect, a quick reconnect) should not flash a banner.
      this.statusTimer = setTimeout(() => {
        this.statusNotice = notice;
        this.renderNotice();
      }, STATUS_NOTICE_DELAY_MS);
    } else {
      this.statusNotice = notice;
      this.renderNotice();
    }
  }

  private renderNotice(): void {
    const text = this.errorText ?? (this.statusNotice ? this.t(this.statusNotice) : null);
    this.notice.hidden = text === null;
    this.notice.textContent = text ?? '';
    this.notice.dataset.kind = this.errorText !== null || this.statusNotice === 'unavailable' ? 'error' : 'status';
  }
}
