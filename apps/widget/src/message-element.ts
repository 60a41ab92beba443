import type { WidgetSurveyEvent } from '@parley/contracts';
import { h } from './dom';
import type { Locale, Translate } from './i18n';
import type { ChatMessageView } from './message-store';

export interface MessageElementContext {
  t: Translate;
  locale: Locale;
  /** The open survey question, when it is this message: its rating buttons go under it. */
  survey: WidgetSurveyEvent | null;
  rate(option: string): void;
}

/** Fills one message's list item; left alone when nothing shown in it changed. */
export function fillMessageElement(element: HTMLLIElement, message: ChatMessageView, ctx: MessageElementContext): void {
  const { t, survey } = ctx;
  const signature = [message.direction, message.status, message.content, message.authorName, message.createdAt, survey ? 's' : ''].join('\u0000');
  if (element.dataset.signature === signature) return;
  element.dataset.signature = signature;
  element.dataset.direction = message.direction;
  element.dataset.status = message.status;
  if (message.id) element.dataset.messageId = message.id;
  element.replaceChildren();

  if (message.direction === 'outbound') {
    element.append(h('span', 'pw-author', {}, message.authorName || t('agent')));
  }
  element.append(h('div', 'pw-bubble', {}, message.content));
  if (survey) {
    const row = h('div', 'pw-rating', { role: 'group' });
    for (const option of survey.options) {
      const button = h('button', 'pw-rate', { type: 'button', 'data-testid': 'parley-rate' }, option);
      button.onclick = () => ctx.rate(option);
      row.append(button);
    }
    element.append(row);
  }

  const meta = h('div', 'pw-meta');
  if (message.status === 'sending') {
    meta.append(h('span', '', {}, t('sending')));
  } else if (message.status === 'failed') {
    const retry = h('button', 'pw-retry', { type: 'button', 'data-retry': message.clientMessageId ?? '' }, t('retry'));
    meta.append(h('span', '', {}, t('notSent')), retry);
  } else {
    const time = new Date(message.createdAt);
    if (!Number.isNaN(time.getTime())) {
      meta.append(h('time', '', { datetime: message.createdAt }, time.toLocaleTimeString(ctx.locale, { hour: '2-digit', minute: '2-digit' })));
    }
  }
  element.append(meta);
}
