import { parseCc, replySubject, sendsOnEnter } from './email-reply-rules';

const key = (over: Partial<{ key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; isComposing: boolean }> = {}) => ({
  key: 'Enter', shiftKey: false, ctrlKey: false, metaKey: false, isComposing: false, ...over,
});

describe('email composer fields', () => {
  it('prefills the subject as a reply once', () => {
    expect(replySubject('Возврат заказа 1042')).toBe('Re: Возврат заказа 1042');
    expect(replySubject('RE: Возврат заказа')).toBe('RE: Возврат заказа');
    expect(replySubject(null)).toBe('');
  });

  it('splits CC on commas and semicolons and names what is not an address', () => {
    expect(parseCc(' buh@example.ru, sklad@example.ru; ')).toEqual({ addresses: ['buh@example.ru', 'sklad@example.ru'], invalid: [] });
    expect(parseCc('buh@example.ru, бухгалтерия, a@b')).toEqual({ addresses: ['buh@example.ru'], invalid: ['бухгалтерия', 'a@b'] });
    expect(parseCc('')).toEqual({ addresses: [], invalid: [] });
  });

  it('sends an email only on Ctrl/Cmd+Enter, a chat on Enter', () => {
    expect(sendsOnEnter(key(), true)).toBe(false);
    expect(sendsOnEnter(key({ ctrlKey: true }), true)).toBe(true);
    expect(sendsOnEnter(key({ metaKey: true }), true)).toBe(true);
    expect(sendsOnEnter(key(), false)).toBe(true);
    expect(sendsOnEnter(key({ shiftKey: true }), false)).toBe(false);
    expect(sendsOnEnter(key({ ctrlKey: true, isComposing: true }), true)).toBe(false);
  });
});
