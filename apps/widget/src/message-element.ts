import type { AttachmentDto, WidgetSurveyEvent } from '@parley/contracts';
import { h } from './dom';
import type { Locale, Translate } from './i18n';
import type { ChatMessageView } from './message-store';

export interface MessageElementContext {
  t: Translate;
  locale: Locale;
  /** Parley's address: attachment links are relative to it, not to the customer's site. */
  baseUrl: string;
  /** The open survey question, when it is this message: its rating buttons go under it. */
  survey: WidgetSurveyEvent | null;
  /** This is the visitor's message an agent has seen since it was sent ("Seen" under it). */
  seen: boolean;
  rate(option: string): void;
}

/** Shown in place; any other file is a link (the server serves those as downloads). */
const INLINE_IMAGE = /^image\/(png|jpeg|gif|webp)$/;

/** Fills one message's list item; left alone when nothing shown in it changed. */
export function fillMessageElement(element: HTMLLIElement, message: ChatMessageView, ctx: MessageElementContext): void {
  const { t, survey } = ctx;
  const files = message.attachments ?? [];
  const signature = [message.direction, message.status, message.content, message.authorName, message.createdAt, survey ? 's' : '', ctx.seen ? 'seen' : '', files.map((a) => a.url).join(' ')].join('\u0000');
  if (element.dataset.signature === signature) return;
  element.dataset.signature = signature;
  element.dataset.direction = message.direction;
  element.dataset.status = message.status;
  if (message.id) element.dataset.messageId = message.id;
  element.replaceChildren();

  if (message.direction === 'outbound') {
    element.append(h('span', 'pw-author', {}, message.authorName || t('agent')));
  }
  if (message.content) element.append(h('div', 'pw-bubble', {}, message.content));
  if (files.length) element.append(attachmentList(files, ctx));
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
    if (ctx.seen) meta.append(h('span', 'pw-seen', { 'data-testid': 'parley-seen' }, `✓✓ ${t('seen')}`));
  }
  element.append(meta);
}

/** The message's files: images as pictures, the rest as links; only http(s) addresses of Parley's. */
function attachmentList(files: AttachmentDto[], ctx: MessageElementContext): HTMLUListElement {
  const list = h('ul', 'pw-files');
  for (const file of files) {
    const href = absoluteUrl(file.url, ctx.baseUrl);
    if (!href) continue;
    const label = file.fileName || ctx.t('attachment');
    const link = h('a', 'pw-file', { href, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'parley-attachment' });
    if (INLINE_IMAGE.test(file.contentType)) link.append(h('img', 'pw-file-image', { src: href, alt: label, loading: 'lazy' }));
    else link.textContent = `📎 ${label}`;
    const item = h('li', '');
    item.append(link);
    list.append(item);
  }
  return list;
}

function absoluteUrl(url: string, baseUrl: string): string | null {
  try {
    const resolved = new URL(url, `${baseUrl.replace(/\/+$/, '')}/`);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.toString() : null;
  } catch {
    return null;
  }
}
