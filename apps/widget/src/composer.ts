import { h } from './dom';
import type { Translate } from './i18n';
import { ICON_SEND } from './widget-icons';

export interface ComposerEvents {
  /** Send pressed, or Enter without Shift. */
  submit(): void;
  /** Any edit, with whether the box still holds text. */
  edited(hasText: boolean): void;
  blurred(): void;
}

/** The message box and its send button. */
export class Composer {
  readonly element: HTMLFormElement;
  readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;

  constructor(t: Translate, on: ComposerEvents) {
    this.element = h('form', 'pw-composer');
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
    this.element.append(this.input, this.sendButton);

    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      on.submit();
    });
    this.input.addEventListener('keydown', (event) => {
      // isComposing: Enter that confirms an IME candidate (Japanese, Chinese…) is not a send.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        on.submit();
      }
    });
    this.input.addEventListener('input', () => {
      this.autoSize();
      const hasText = this.input.value.trim() !== '';
      this.sendButton.toggleAttribute('data-empty', !hasText);
      on.edited(hasText);
    });
    this.input.addEventListener('blur', () => on.blurred());
  }

  /** What the visitor wrote, trimmed. */
  text(): string {
    return this.input.value.trim();
  }

  clear(): void {
    this.input.value = '';
    this.autoSize();
    this.sendButton.toggleAttribute('data-empty', true);
  }

  private autoSize(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 120)}px`;
  }
}
