import type { MessageDto, SurveyDto } from '@parley/contracts';
import { api, useRunningApp } from './harness';
import { createTelegramInbox, messagesOf, telegramUser, useTelegramEmulator, waitFor } from './telegram-fixtures';

/** Telegram surveys: the scale as an inline keyboard; a press is the answer and reopens nothing. */
describe('Telegram survey keyboard', () => {
  const t = useRunningApp();
  const tg = useTelegramEmulator(t);

  it('sends the score buttons, takes a press and the comment, and keeps the conversation resolved', async () => {
    const inbox = await createTelegramInbox(t, tg.emu);
    // The brand the customer reads: set on the inbox, never "Parley".
    expect((await api(t.url, 'PATCH', `/api/inboxes/${inbox.id}`, { config: { brandName: 'Ромашка' } }, t.token)).status).toBe(200);
    expect((await api(t.url, 'PUT', '/api/surveys/settings', { scope: 'inbox', scopeId: inbox.id, type: 'ces', delayMinutes: 0 }, t.token)).status).toBe(200);
    const bot = tg.emu.bot(inbox.token);
    const user = telegramUser('Olga');
    await bot.userSends(user, { text: 'Не могу оплатить заказ' }).delivered;
    const [first] = await messagesOf(t, inbox.id);
    await api<MessageDto>(t.url, 'POST', `/api/conversations/${first.conversationId}/messages`, { content: 'Попробуйте ещё раз, мы починили' }, t.token);
    await api(t.url, 'POST', `/api/conversations/${first.conversationId}/status`, { status: 'resolved' }, t.token);

    const question = await waitFor(async () => bot.sentTo(user.id).find((m) => String(m.text).includes('Насколько легко')), 'the survey question');
    // The keyboard is the answer: the text is just the question, without SMS wording.
    expect(question.text).toBe('Здравствуйте, Olga! Насколько легко было решить ваш вопрос со службой поддержки «Ромашка»?');
    const keys = question.reply_markup.inline_keyboard.flat();
    expect(keys.map((k: { text: string }) => k.text)).toEqual(['1', '2', '3', '4', '5', '6', '7']);

    const press = bot.userPresses(user, question.message_id, keys[5].callback_data);
    expect(await press.delivered).toBe(204);
    await waitFor(async () => bot.sentTo(user.id).find((m) => String(m.text).includes('почему')), 'the why question');
    await bot.userSends(user, { text: 'Пришлось писать три раза' }).delivered;
    const survey = await waitFor(async () => {
      const list = (await api<SurveyDto[]>(t.url, 'GET', `/api/surveys?conversationId=${first.conversationId}`, undefined, t.token)).body;
      return list.find((s) => s.state === 'completed');
    }, 'the completed survey');
    expect(survey.response).toMatchObject({ score: 6, comment: 'Пришлось писать три раза' });
    expect((await api(t.url, 'GET', `/api/conversations/${first.conversationId}`, undefined, t.token)).body.status).toBe('resolved');
    await waitFor(async () => bot.sentTo(user.id).find((m) => String(m.text).includes('Спасибо за отзыв')), 'the thanks');
  });
});
