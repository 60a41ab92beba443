import { insideWhatsAppWindow, whatsappWindowRefusal } from './whatsapp-window';

describe('WhatsApp 24-hour window', () => {
  const now = new Date('2025-03-10T12:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

  it('allows free-form replies for 24 hours after the customer last wrote', () => {
    expect(insideWhatsAppWindow(hoursAgo(1), now)).toBe(true);
    expect(insideWhatsAppWindow(hoursAgo(23.9), now)).toBe(true);
    expect(whatsappWindowRefusal(hoursAgo(23.9), now)).toBeNull();
  });

  it('refuses them afterwards, saying why and what to do instead', () => {
    expect(insideWhatsAppWindow(hoursAgo(24), now)).toBe(false);
    expect(whatsappWindowRefusal(hoursAgo(30), now)).toMatch(/24-hour window \(the customer last wrote 30 hours ago\).*template/);
    expect(whatsappWindowRefusal(null, now)).toMatch(/not written on WhatsApp yet/);
  });
});
