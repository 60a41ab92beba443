import type { WidgetTypingEvent } from '@parley/contracts';
import { h } from './dom';
import type { Translate } from './i18n';

const AGENT_TYPING_EXPIRY_MS = 8000;

/** "Anna is typing…" above the composer while an agent writes. */
export class AgentTypingLine {
  readonly element: HTMLDivElement;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly t: Translate) {
    this.element = h('div', 'pw-typing', { 'data-testid': 'parley-typing', 'aria-live': 'polite', hidden: '' });
  }

  show(event: WidgetTypingEvent): void {
    if (!event.isTyping) {
      this.hide();
      return;
    }
    this.element.textContent = event.name ? this.t('typingNamed', { name: event.name }) : this.t('typingAnonymous');
    this.element.hidden = false;
    // The "stopped typing" event can get lost (agent closed the tab): expire it ourselves.
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.hide(), AGENT_TYPING_EXPIRY_MS);
  }

  hide(): void {
    clearTimeout(this.timer);
    this.element.hidden = true;
    this.element.textContent = '';
  }
}
