import { BadRequestException } from '@nestjs/common';
import { findUnstorableText, TextSafetyPipe } from './text-safety.pipe';

describe('TextSafetyPipe', () => {
  const pipe = new TextSafetyPipe();

  it('passes text PostgreSQL can store, emoji (paired surrogates) included', () => {
    const body = { content: 'Привет 👋', tags: ['vip', 'опт'], data: { n: 1, ok: true, none: null } };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
  });

  it('refuses a NUL byte in a body field and names the field', () => {
    expect(() => pipe.transform({ config: { smtp: { host: 'mail\u0000.example' } } }, { type: 'body' })).toThrow(BadRequestException);
    expect(findUnstorableText({ config: { smtp: { host: 'mail\u0000' } } })).toBe('config.smtp.host');
  });

  it('refuses lone surrogates, high or low, in values and in keys', () => {
    expect(findUnstorableText({ email: 'a\ud800@example.com' })).toBe('email');
    expect(findUnstorableText({ name: '\udc00Мария' })).toBe('name');
    expect(findUnstorableText({ attributes: { 'ключ\u0000': 'x' } })).toBe('attributes');
    expect(findUnstorableText({ tags: ['ok', 'bad\ud83d'] })).toBe('tags[1]');
  });

  it('checks query and path parameters, leaving custom (user) parameters alone', () => {
    expect(() => pipe.transform('чайник\u0000', { type: 'query', data: 'query' })).toThrow(/query contains a NUL byte/);
    expect(() => pipe.transform(['assets', 'a\u0000.js'], { type: 'param', data: 'path' })).toThrow(BadRequestException);
    expect(pipe.transform({ name: '\u0000' }, { type: 'custom' })).toEqual({ name: '\u0000' });
  });
});
