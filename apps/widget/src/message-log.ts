import type { WidgetSurveyEvent } from '@parley/contracts';
import { h } from './dom';
import type { Locale, Translate } from './i18n';
import { fillMessageElement } from './message-element';
import type { ChatMessageView } from './message-store';
import { latestVisibleReply, overlapsView } from './read-receipts';

export interface MessageLogEvents {
  /** A failed message's "retry" was pressed. */
  retry(key: string): void;
  /** A survey rating button was pressed. */
  rate(option: string): void;
}

/** The scrolling body of the panel: the pre-chat form, or the "no messages yet" line, then the messages. */
export class MessageLog {
  readonly element: HTMLDivElement;
  private readonly empty: HTMLParagraphElement;
  private readonly list: HTMLOListElement;
  private readonly messageElements = new Map<string, HTMLLIElement>();

  constructor(
    private readonly t: Translate,
    private readonly locale: Locale,
    private readonly baseUrl: string,
    private readonly preChatForm: HTMLFormElement,
    private readonly on: MessageLogEvents,
  ) {
    this.element = h('div', 'pw-body');
    this.empty = h('p', 'pw-empty', {}, t('empty'));
    this.list = h('ol', 'pw-messages', {
      'data-testid': 'parley-messages',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': t('messages'),
    });
    this.element.append(preChatForm, this.empty, this.list);
    this.list.addEventListener('click', (event) => {
      const retry = (event.target as Element).closest('[data-retry]');
      if (retry) this.on.retry(retry.getAttribute('data-retry') as string);
    });
  }

  /**
   * `survey`: the open survey question, whose rating buttons show under its message; `seenKey`: the
   * visitor's message that shows "Seen".
   */
  render(messages: ChatMessageView[], preChatVisible: boolean, survey: WidgetSurveyEvent | null, seenKey: string | null = null): void {
    const body = this.element;
    const stickToBottom = body.scrollHeight - body.scrollTop - body.clientHeight < 48;

    this.preChatForm.hidden = !preChatVisible;
    this.empty.hidden = preChatVisible || messages.length > 0;

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
        locale: this.locale,
        baseUrl: this.baseUrl,
        survey: survey && survey.messageId === message.id ? survey : null,
        seen: message.key === seenKey,
        rate: (option) => this.on.rate(option),
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
  }

  /** The newest agent reply whose element is in the scrolled view now. */
  latestVisibleReplyId(messages: ChatMessageView[]): string | null {
    const view = this.element.getBoundingClientRect();
    return latestVisibleReply(messages, (message) => {
      const element = this.messageElements.get(message.key);
      return !!element && overlapsView(element.getBoundingClientRect(), view);
    });
  }

  scrollToBottom(): void {
    this.element.scrollTop = this.element.scrollHeight;
  }
}
