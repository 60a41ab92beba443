import type { WidgetAvailability } from '@parley/contracts';
import { availabilityText } from './availability-text';
import { h } from './dom';
import type { Translate } from './i18n';
import { ICON_CLOSE } from './widget-icons';

/** The panel's title, whether anyone can answer now, and its close button. */
export class PanelHeader {
  readonly element: HTMLElement;
  readonly closeButton: HTMLButtonElement;
  private readonly subtitle: HTMLParagraphElement;

  constructor(private readonly t: Translate) {
    this.element = h('header', 'pw-header');
    const headerText = h('div', 'pw-header-text');
    // Empty until the server says whether anyone can answer: no promise it may not keep.
    this.subtitle = h('p', 'pw-subtitle', { 'data-testid': 'parley-availability', hidden: '' });
    headerText.append(h('h2', 'pw-title', { id: 'parley-title' }, t('title')), this.subtitle);
    this.closeButton = h('button', 'pw-icon-button', {
      type: 'button',
      'aria-label': t('closeChat'),
      'data-testid': 'parley-close',
    });
    this.closeButton.innerHTML = ICON_CLOSE;
    this.element.append(headerText, this.closeButton);
  }

  showAvailability(availability: WidgetAvailability): void {
    this.subtitle.textContent = availabilityText(availability, this.t);
    this.subtitle.dataset.state = availability.state;
    this.subtitle.hidden = false;
  }
}
