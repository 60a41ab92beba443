import { parseOutbox, type PendingMessage } from './message-store';

// Per-website keys, so two Parley widgets (two websiteTokens) on one origin never share a
// visitor. localStorage throws when blocked (Safari private mode, third-party storage off):
// the widget then still works, it just forgets the visitor on reload.

export class VisitorStorage {
  private readonly prefix: string;

  constructor(websiteToken: string) {
    this.prefix = `parley:${websiteToken}:`;
  }

  get visitorToken(): string | null {
    return this.read('visitorToken');
  }

  set visitorToken(token: string | null) {
    this.write('visitorToken', token);
  }

  loadOutbox(): PendingMessage[] {
    return parseOutbox(this.read('outbox'));
  }

  saveOutbox(outbox: PendingMessage[]): void {
    this.write('outbox', outbox.length > 0 ? JSON.stringify(outbox) : null);
  }

  get preChatDone(): boolean {
    return this.read('preChatDone') === '1';
  }

  set preChatDone(done: boolean) {
    this.write('preChatDone', done ? '1' : null);
  }

  private read(key: string): string | null {
    try {
      return window.localStorage.getItem(this.prefix + key);
    } catch {
      return null;
    }
  }

  private write(key: string, value: string | null): void {
    try {
      if (value === null) window.localStorage.removeItem(this.prefix + key);
      else window.localStorage.setItem(this.prefix + key, value);
    } catch {
      // Storage unavailable: keep working for this page view only.
    }
  }
}
