import type { ConnectionStatus } from './chat-connection';
import { h } from './dom';
import type { MessageKey, Translate } from './i18n';

const ERROR_NOTICE_MS = 6000;
const STATUS_NOTICE_DELAY_MS = 1200;

const STATUS_NOTICES: Partial<Record<ConnectionStatus, MessageKey>> = {
  connecting: 'connecting',
  reconnecting: 'reconnecting',
  offline: 'offline',
  unavailable: 'unavailable',
};

/** The line under the header: a passing error, else the connection's trouble, else nothing. */
export class NoticeLine {
  readonly element: HTMLDivElement;
  private errorText: string | null = null;
  private statusNotice: MessageKey | null = null;
  private errorTimer: ReturnType<typeof setTimeout> | undefined;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly t: Translate) {
    this.element = h('div', 'pw-notice', { role: 'status', 'data-testid': 'parley-notice', hidden: '' });
  }

  showError(message: string): void {
    this.errorText = message;
    clearTimeout(this.errorTimer);
    this.errorTimer = setTimeout(() => {
      this.errorText = null;
      this.render();
    }, ERROR_NOTICE_MS);
    this.render();
  }

  showStatus(status: ConnectionStatus): void {
    const notice = STATUS_NOTICES[status] ?? null;
    clearTimeout(this.statusTimer);
    if (status === 'connecting' || status === 'reconnecting') {
      // Short blips (the first connect, a quick reconnect) should not flash a banner.
      this.statusTimer = setTimeout(() => {
        this.statusNotice = notice;
        this.render();
      }, STATUS_NOTICE_DELAY_MS);
    } else {
      this.statusNotice = notice;
      this.render();
    }
  }

  render(): void {
    const text = this.errorText ?? (this.statusNotice ? this.t(this.statusNotice) : null);
    this.element.hidden = text === null;
    this.element.textContent = text ?? '';
    this.element.dataset.kind = this.errorText !== null || this.statusNotice === 'unavailable' ? 'error' : 'status';
  }
}
