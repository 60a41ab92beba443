import { baseSubject, conversationIdFromToken, conversationToken, subjectTag, subjectToken } from './conversation-token';

describe('conversation tokens', () => {
  const id = '0195f3a2-7c1e-7b41-9d3a-5c2e8f1a0b11';

  it('turns a conversation id into 26 lowercase characters and back, whatever the case', () => {
    const token = conversationToken(id);
    expect(token).toMatch(/^[a-z2-7]{26}$/);
    expect(conversationIdFromToken(token)).toBe(id);
    expect(conversationIdFromToken(token.toUpperCase())).toBe(id);
  });

  it('ignores what is not a token', () => {
    expect(conversationIdFromToken('orders')).toBeNull();
    expect(conversationIdFromToken('0195f3a2-7c1e-7b41-9d3a-5c2e8f1a0b11')).toBeNull();
  });

  it('finds the tag in a subject a client rewrote', () => {
    const subject = `AW: RE: Damaged delivery ${subjectTag(id).toUpperCase()}`;
    expect(subjectToken(subject)).toBe(conversationToken(id));
    expect(subjectToken('Damaged delivery [#123]')).toBeNull();
  });

  it('strips reply prefixes in several languages and our tag from the subject', () => {
    expect(baseSubject(`Re: RE: Fwd: Damaged delivery ${subjectTag(id)}`)).toBe('Damaged delivery');
    expect(baseSubject('Ответ: Re[2]: Возврат по заказу')).toBe('Возврат по заказу');
    expect(baseSubject('AW: Beschädigte Lieferung')).toBe('Beschädigte Lieferung');
    expect(baseSubject('Refund request')).toBe('Refund request');
  });
});
