/** Attachment urls come from providers and customers: only web links may become hrefs. */
export function safeAttachmentHref(url: string, base = 'http://localhost'): string | null {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
