import { deadLetterSummary } from './dead-letter-summary';

describe('deadLetterSummary', () => {
  it('names the sender and quotes the start of an inbound message', () => {
    expect(deadLetterSummary({ data: { sender: { externalId: '+79161234567' }, content: 'Здравствуйте!\nГде мой заказ номер 1234? Жду уже третью неделю, курьер не звонит' } }))
      .toBe('+79161234567 · «Здравствуйте! Где мой заказ номер 1234? Жду уже третью неде…»');
  });

  it('shows the message a delivery job or a status report is about', () => {
    expect(deadLetterSummary({ data: { messageId: 'm-1' } })).toBe('m-1');
    expect(deadLetterSummary({ data: { inboxId: 'i-1', update: { providerMessageId: 'SM1', status: 'delivered' } } })).toBe('SM1 → delivered');
    expect(deadLetterSummary({ data: {} })).toBe('');
  });
});
