/** The tab title with the unread count in front, as mail clients show it: `(3) Parley`. */
export function titleWithCount(base: string, unread: number): string {
  const bare = base.replace(/^\(\d+\+?\)\s*/, '');
  return unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${bare}` : bare;
}

/** The badge's text: the count, `99+` beyond. */
export const badgeText = (unread: number): string => (unread > 99 ? '99+' : String(unread));

/**
 * The favicon with a red dot and the count, drawn on a canvas (no image per number). Returns a
 * data URL, or null where canvas is unavailable.
 */
export function drawFaviconBadge(unread: number, size = 32): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = '#4f46e5';
  ctx.beginPath();
  ctx.arc(size / 2, size / 2, size / 2 - 2, 0, Math.PI * 2);
  ctx.fill();
  if (unread > 0) {
    const r = size * 0.3;
    ctx.fillStyle = '#e5484d';
    ctx.beginPath();
    ctx.arc(size - r, r, r, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.font = `bold ${Math.round(r * 1.3)}px sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(unread > 9 ? '9+' : String(unread), size - r, r + 1);
  }
  return canvas.toDataURL('image/png');
}

/** Sets the page's icon, adding the link element when the page has none. */
export function setFavicon(href: string): void {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.appendChild(link);
  }
  link.href = href;
  link.dataset.unreadBadge = 'true';
}
