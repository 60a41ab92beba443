import type { AttachmentDto } from '@parley/contracts';
import { errorMessage, HttpError, uiLanguage } from './http-client';
import { sessionStore } from './session-store';

/**
 * POST /api/attachments takes the file as the raw body (the JSON client cannot): a canned response's
 * files, and files pasted or dropped into the reply box. A 413 or 400 comes back as an HttpError with
 * the server's message, in the console's language.
 */
export async function uploadAttachment(file: File): Promise<AttachmentDto> {
  const send = (token: string | null) =>
    fetch(`/api/attachments?fileName=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': file.type || 'application/octet-stream', 'Accept-Language': uiLanguage(), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: file,
    });
  let response = await send(sessionStore.getToken());
  if (response.status === 401) response = await send((await sessionStore.refresh())?.accessToken ?? null);
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new HttpError(response.status, errorMessage(body, response.statusText));
  return body as AttachmentDto;
}
