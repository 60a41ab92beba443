import { baseSubject, conversationIdFromToken, conversationToken, footerRef, footerToken, messageIdOf, messageIdToken, subjectTag, subjectToken } from './conversation-token';

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

  it('finds the token in a quoted footer, in text or HTML', () => {
    const token = conversationToken(id);
    expect(footerRef(id)).toBe(`Ref: ${token}`);
    expect(footerToken(`Спасибо, получила!\n\nВ письме от 21.11 Поддержка пишет:\n> Ваш заказ отправлен\n> \n> REF: ${token.toUpperCase()}`)).toBe(token);
    expect(footerToken(`<blockquote><div class="parley-ref" style="color:#999999">Ref: ${token}</div></blockquote>`)).toBe(token);
    expect(footerToken('Ref: 42, как договаривались')).toBeNull();
    expect(footerToken(`Pref: ${token}`)).toBeNull();
  });

  it('carries the token in our Message-ID, and only in ours', () => {
    const messageId = messageIdOf('0195f3a3-0000-7000-8000-000000000042', id, 'shop.example');
    expect(messageIdToken(messageId)).toBe(conversationToken(id));
    expect(messageIdToken(`<${messageId}>`)).toBe(conversationToken(id));
    expect(messageIdToken('parley.0195f3a3-0000-7000-8000-000000000042@shop.example')).toBeNull();
    expect(messageIdToken('CAF3mZt9hV1w@mail.gmail.com')).toBeNull();
  });
});
