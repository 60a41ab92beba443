import type { WidgetSurveyEvent } from '@parley/contracts';
import { AgentTypingLine } from './agent-typing-line';
import { ChatConnection } from './chat-connection';
import { Composer } from './composer';
import { h } from './dom';
import { createTranslator, type Locale, type Translate } from './i18n';
import { Launcher } from './launcher';
import { MessageLog } from './message-log';
import { NoticeLine } from './notice-line';
import { PanelHeader } from './panel-header';
import { buildPreChatForm } from './pre-chat-form';
import { laterSeen, seenMessageKey } from './read-receipts';
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

/** The launcher and the panel put together, and what happens between them and the connection; one instance per page. */
export class ChatWidget {
  private readonly t: Translate;
  private readonly storage: VisitorStorage;
  private readonly connection: ChatConnection;
  private readonly typingSignal: TypingSignal;

  private readonly host: HTMLElement;
  private readonly root: HTMLDivElement;
  private readonly launcher: Launcher;
  private readonly panel: HTMLElement;
  private readonly header: PanelHeader;
  private readonly notice: NoticeLine;
  private readonly preChatForm: HTMLFormElement;
  private readonly preChatError: HTMLParagraphElement;
  private readonly log: MessageLog;
  private readonly agentTyping: AgentTypingLine;
  private readonly composer: Composer;

  private isOpen = false;
  private unread = 0;
  private preChatVisible = false;
  /** The open survey question: its rating buttons show under that message until one is pressed. */
  private survey: WidgetSurveyEvent | null = null;
  /** When an agent last opened the conversation after the visitor wrote (ISO). */
  private agentSeenAt: string | null = null;

  constructor(private readonly options: ChatWidgetOptions) {
    this.t = createTranslator(options.locale);
    this.storage = new VisitorStorage(options.websiteToken);
    this.connection = new ChatConnection(options.baseUrl, options.websiteToken, this.storage, {
      messagesChanged: () => this.renderMessages(),
      statusChanged: (status) => this.notice.showStatus(status),
      agentMessageReceived: () => this.onAgentMessage(),
      agentTyping: (event) => this.agentTyping.show(event),
      error: (message) => this.notice.showError(message ?? this.t('error')),
      survey: (event) => {
        this.survey = event;
        this.renderMessages();
      },
      availability: (availability) => this.header.showAvailability(availability),
      agentSeen: (seenAt) => {
        this.agentSeenAt = laterSeen(this.agentSeenAt, seenAt);
        this.renderMessages();
      },
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

    this.launcher = new Launcher(t);
    this.panel = h('section', 'pw-panel', {
      id: 'parley-panel',
      'data-testid': 'parley-panel',
      role: 'dialog',
      'aria-labelledby': 'parley-title',
      hidden: '',
    });
    this.header = new PanelHeader(t);
    this.notice = new NoticeLine(t);
    this.preChatForm = buildPreChatForm(t, {
      skip: () => this.finishPreChat(),
      submit: (form, buttons) => void this.submitPreChat(form, buttons),
    });
    this.preChatError = this.preChatForm.querySelector('.pw-prechat-error') as HTMLParagraphElement;
    this.log = new MessageLog(t, options.locale, options.baseUrl, this.preChatForm, {
      retry: (key) => this.connection.retry(key),
      rate: (option) => {
        this.survey = null;
        this.connection.send(option);
      },
    });
    this.agentTyping = new AgentTypingLine(t);
    this.composer = new Composer(t, {
      submit: () => this.submitMessage(),
      edited: (hasText) => this.typingSignal.input(hasText),
      blurred: () => this.typingSignal.stop(),
    });

    this.panel.append(this.header.element, this.notice.element, this.log.element, this.agentTyping.element, this.composer.element);
    this.root.append(this.launcher.element, this.panel);
    shadow.append(style, this.root);

    this.launcher.element.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
    this.header.closeButton.addEventListener('click', () => this.close());
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });

    // Read receipts: a reply counts as seen only while it is on screen in the open panel of a visible,
    // focused page; coming back to the page or scrolling to it reports it.
    document.addEventListener('visibilitychange', () => this.reportSeen());
    window.addEventListener('focus', () => this.reportSeen());
    this.log.element.addEventListener('scroll', () => this.reportSeen(), { passive: true });

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
    this.notice.render();
    this.log.scrollToBottom();
    this.reportSeen();
    const target = this.preChatVisible
      ? (this.preChatForm.querySelector('input') as HTMLInputElement)
      : this.composer.input;
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
    if (focusWasInside) this.launcher.element.focus();
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
    if (hadFocus) this.composer.input.focus();
  }

  private submitMessage(): void {
    const content = this.composer.text();
    if (!content) return;
    this.typingSignal.stop();
    // Writing without filling the form counts as skipping it.
    if (this.preChatVisible) this.storage.preChatDone = true;
    this.composer.clear();
    this.connection.send(content);
    this.log.scrollToBottom();
  }

  private renderMessages(): void {
    const messages = this.connection.messages();
    this.preChatVisible = this.options.preChat && !this.storage.preChatDone && messages.length === 0;
    this.log.render(messages, this.preChatVisible, this.survey, seenMessageKey(messages, this.agentSeenAt));
    this.reportSeen();
  }

  private reportSeen(): void {
    if (!this.isOpen || document.visibilityState !== 'visible' || !document.hasFocus()) return;
    const visible = this.log.latestVisibleReplyId(this.connection.messages());
    if (visible) this.connection.markSeen(visible);
  }

  private renderLauncher(): void {
    this.launcher.render(this.isOpen, this.unread);
  }

  private onAgentMessage(): void {
    this.agentTyping.hide();
    if (this.isOpen) return;
    this.unread += 1;
    this.renderLauncher();
  }
}
