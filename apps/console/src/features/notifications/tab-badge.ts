/** The tab title with the unread count in front, as mail clients show it: `(3) Parley`. */
export function titleWithCount(base: string, unread: number): string {
  const bare = base.replace(/^\(\d+\+?\)\s*/, '');
  return unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${bare}` : bare;
}

/** The badge's text: the count, `99+` beyond. */
export const badgeText = (unread: number): string => (unread > 99 ? '99+' : String(unread));

let originalIcon: string | null | undefined;

/** The page's own icon, as it was before any badge. */
function pageIcon(): string | null {
  if (originalIcon === undefined) originalIcon = document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? null;
  return originalIcon;
}

/**
 * The page's icon with a red badge and the count, drawn on a canvas (no image per number).
 * Returns a data URL, or null where canvas is unavailable.
 */
export async function drawFaviconBadge(unread: number, size = 32): Promise<string | null> {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const base = pageIcon();
  if (base) {
    const image = new Image();
    image.src = base;
    await image.decode().then(() => ctx.drawImage(image, 0, 0, size, size), () => undefined);
  }
  const r = size * 0.32;
  ctx.fillStyle = '#e5484d';
  ctx.beginPath();
  ctx.arc(size - r, r, r, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#fff';
  ctx.font = `bold ${Math.round(r * 1.3)}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(unread > 9 ? '9+' : String(unread), size - r, r + 1);
  return canvas.toDataURL('image/png');
}

/** Sets the page's icon (null: back to the page's own), adding the link element when the page has none. */
export function setFavicon(href: string | null): void {
  const own = pageIcon();
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    if (href === null) return;
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.appendChild(link);
  }
  if (href !== null) link.href = href;
  else if (own) link.href = own;
  else link.remove();
}
