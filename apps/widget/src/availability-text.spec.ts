import { availabilityText } from './availability-text';
import { createTranslator } from './i18n';

const en = createTranslator('en');
const ru = createTranslator('ru');
// Saturday 5 December 2026, 21:00 in Moscow.
const now = new Date('2026-12-05T18:00:00Z');

describe('widget availability text', () => {
  it('promises a few minutes only while someone is online in hours', () => {
    expect(availabilityText({ state: 'online', expectedReplyMinutes: 5 }, en, now)).toBe('Online — we usually reply within a few minutes');
    expect(availabilityText({ state: 'online' }, ru, now)).toBe('В сети — обычно отвечаем в течение нескольких минут');
    expect(availabilityText({ state: 'online', expectedReplyMinutes: 120 }, en, now)).toBe('Online — we usually reply within ~2 h');
    expect(availabilityText({ state: 'online', expectedReplyMinutes: 30 }, ru, now)).toBe('В сети — обычно отвечаем в течение ~30 мин');
  });

  it('asks for a message when every agent is offline', () => {
    expect(availabilityText({ state: 'offline', expectedReplyMinutes: 240 }, en, now)).toBe("All agents are offline — leave a message, we'll reply by email or here");
    expect(availabilityText({ state: 'offline' }, ru, now)).toBe('Все операторы не в сети — оставьте сообщение, мы ответим по email или здесь');
  });

  it('names the next opening on the team clock out of hours', () => {
    const monday = { state: 'away' as const, nextOpenAt: '2026-12-07T06:00:00Z', timezone: 'Europe/Moscow', expectedReplyMinutes: 2220 };
    expect(availabilityText(monday, en, now)).toBe("We're away — back on Monday at 09:00 (Europe/Moscow)");
    expect(availabilityText(monday, ru, now)).toBe('Сейчас нас нет — вернёмся в понедельник в 09:00 (Europe/Moscow)');
    const sunday = { ...monday, nextOpenAt: '2026-12-06T07:30:00Z' };
    expect(availabilityText(sunday, en, now)).toBe("We're away — back tomorrow at 10:30 (Europe/Moscow)");
    const tuesday = { ...monday, nextOpenAt: '2026-12-08T06:00:00Z' };
    expect(availabilityText(tuesday, ru, now)).toBe('Сейчас нас нет — вернёмся во вторник в 09:00 (Europe/Moscow)');
    expect(availabilityText({ ...monday, nextOpenAt: '2026-12-05T19:00:00Z' }, ru, now)).toBe('Сейчас нас нет — вернёмся сегодня в 22:00 (Europe/Moscow)');
  });

  it('falls back to the expected reply time when the opening is unknown', () => {
    expect(availabilityText({ state: 'away', expectedReplyMinutes: 600 }, en, now)).toBe("We're away — we'll reply within ~10 h");
    expect(availabilityText({ state: 'away', expectedReplyMinutes: 600 }, ru, now)).toBe('Сейчас нас нет — ответим в течение ~10 ч');
  });
});
