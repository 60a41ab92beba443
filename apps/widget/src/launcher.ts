import { h } from './dom';
import type { Translate } from './i18n';
import { ICON_CHAT, ICON_CLOSE } from './widget-icons';

/** The round button that opens and closes the panel, with the count of unread replies. */
export class Launcher {
  readonly element: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;

  constructor(private readonly t: Translate) {
    this.element = h('button', 'pw-launcher', {
      type: 'button',
      'data-testid': 'parley-launcher',
      'aria-controls': 'parley-panel',
      'aria-expanded': 'false',
    });
    this.badge = h('span', 'pw-badge', { 'aria-hidden': 'true', hidden: '' });
    this.element.append(this.badge);
  }

  render(isOpen: boolean, unread: number): void {
    const t = this.t;
    this.element.innerHTML = isOpen ? ICON_CLOSE : ICON_CHAT;
    this.element.append(this.badge);
    this.element.setAttribute('aria-expanded', String(isOpen));
    const label = isOpen ? t('closeChat') : t('openChat');
    this.element.setAttribute('aria-label', unread > 0 ? `${label}. ${t('unread', { count: unread })}` : label);
    this.badge.textContent = String(unread);
    this.badge.hidden = unread === 0;
  }
}
