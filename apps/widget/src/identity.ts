import { WIDGET_EVENTS, type WidgetIdentityPayload } from '@parley/contracts';

/** The part of a socket.io client socket this needs (a fake in tests). */
export interface IdentitySocket {
  on(event: string, listener: (...args: any[]) => void): unknown;
  emit(event: string, payload: unknown, ack: (result: { ok?: boolean; error?: string } | undefined) => void): unknown;
}

/**
 * The logged-in user the site vouches for: `window.parleySettings.user = { identifier,
 * identifierHash, email?, name?, phone? }`, the hash computed on the site's server with the inbox's
 * identity secret (README: Identity verification). Anything malformed is ignored.
 */
export function siteUser(settings: unknown = (globalThis as { parleySettings?: unknown }).parleySettings): WidgetIdentityPayload | null {
  const user = (settings as { user?: Record<string, unknown> } | undefined)?.user;
  if (!user || typeof user.identifier !== 'string' || typeof user.identifierHash !== 'string') return null;
  if (!user.identifier.trim() || !/^[0-9a-f]{64}$/i.test(user.identifierHash)) return null;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const out: WidgetIdentityPayload = { identifier: user.identifier.trim(), identifierHash: user.identifierHash };
  for (const key of ['email', 'name', 'phone'] as const) {
    const value = text(user[key]);
    if (value) out[key] = value;
  }
  return out;
}

/**
 * Once per connection, after its `session`, tells the server who the site says the visitor is. A
 * successful link answers with a fresh `session` (the user's history); this does not send again on
 * it, and the server sends none when nothing changed.
 */
export function verifyIdentityOnSession(socket: IdentitySocket, user: WidgetIdentityPayload | null = siteUser()): void {
  if (!user) return;
  let sent = false;
  socket.on('connect', () => (sent = false));
  socket.on(WIDGET_EVENTS.session, () => {
    if (sent) return;
    sent = true;
    socket.emit(WIDGET_EVENTS.identityVerify, user, (result) => {
      if (!result?.ok) console.warn('[Parley] the site user was not verified:', result?.error ?? 'no answer');
    });
  });
}
