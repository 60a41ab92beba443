/** WhatsApp lets a business send free-form messages only this long after the customer's last one. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export function insideWhatsAppWindow(lastInboundAt: Date | null, now: Date): boolean {
  return !!lastInboundAt && now.getTime() - lastInboundAt.getTime() < WHATSAPP_WINDOW_MS;
}

/** The refusal an agent sees for a free-form reply outside the window. */
export function whatsappWindowRefusal(lastInboundAt: Date | null, now: Date): string | null {
  if (insideWhatsAppWindow(lastInboundAt, now)) return null;
  const since = lastInboundAt
    ? `the customer last wrote ${Math.floor((now.getTime() - lastInboundAt.getTime()) / 3_600_000)} hours ago`
    : 'the customer has not written on WhatsApp yet';
  return `Outside WhatsApp's 24-hour window (${since}): free-form replies are not allowed. Send an approved template instead.`;
}
