import type { CannedResponseDto } from '@parley/contracts';
import { cannedSearchIndex, searchCanned } from './canned-search';
import { cannedTrigger, insertCanned, unresolvedPlaceholders } from './canned-trigger';

const response = (shortcode: string, title: string, variants: CannedResponseDto['variants']): CannedResponseDto => ({
  id: `id-${shortcode}`, shortcode, title, scope: 'personal', ownerId: 'u', teamId: null, variants, attachments: [], whatsappTemplate: null,
  editable: true, createdAt: '2026-12-07T00:00:00Z', updatedAt: '2026-12-07T00:00:00Z',
});

const index = cannedSearchIndex([
  response('доставка', 'Срок доставки', { ru: 'Доставим завтра, {{customer.first_name}}', en: 'It ships tomorrow' }),
  response('возврат', 'Возврат денег', { ru: 'Вернём деньги за 3 дня' }),
  response('hello', 'Приветствие', { en: 'Hello there!' }),
  response('ещё', 'Ещё вопрос', { ru: 'Остались вопросы?' }),
]);

describe('the reply box list of canned responses', () => {
  it('finds a response by the start of its shortcode, in any case', () => {
    expect(searchCanned(index, 'ДОСТ', 'ru').map((m) => m.response.shortcode)).toEqual(['доставка']);
  });

  it('ranks shortcode prefixes before title and text matches, and matches fuzzily', () => {
    expect(searchCanned(index, 'воз', 'ru').map((m) => m.response.shortcode)).toEqual(['возврат']);
    expect(searchCanned(index, 'деньги', 'ru').map((m) => m.response.shortcode)).toEqual(['возврат']);
    expect(searchCanned(index, 'дствк', 'ru').map((m) => m.response.shortcode)).toEqual(['доставка']);
    expect(searchCanned(index, 'еще', 'ru').map((m) => m.response.shortcode)).toEqual(['ещё']);
    expect(searchCanned(index, 'zzz', 'ru')).toEqual([]);
    // A fuzzy match is offered only when nothing matches as typed.
    expect(searchCanned(index, 'во', 'ru').map((m) => m.response.shortcode)).toEqual(['возврат', 'ещё']);
  });

  it("offers the customer's language first, the other variant when that is all there is", () => {
    expect(searchCanned(index, 'дост', 'ru')[0]).toMatchObject({ language: 'ru', text: 'Доставим завтра, {{customer.first_name}}' });
    expect(searchCanned(index, 'дост', 'en')[0]).toMatchObject({ language: 'en', text: 'It ships tomorrow' });
    expect(searchCanned(index, 'hello', 'ru')[0]).toMatchObject({ language: 'en' });
  });

  it('lists everything by shortcode for a bare slash, up to the limit', () => {
    expect(searchCanned(index, '', null, 3).map((m) => m.response.shortcode)).toEqual(['hello', 'возврат', 'доставка']);
  });

  it('opens on / or ; at the start of the box or after a space only', () => {
    expect(cannedTrigger('/дост', 5)).toEqual({ start: 0, end: 5, query: 'дост' });
    expect(cannedTrigger('Добрый день ;воз', 16)).toEqual({ start: 12, end: 16, query: 'воз' });
    expect(cannedTrigger('Добрый день\n/', 13)).toEqual({ start: 12, end: 13, query: '' });
    expect(cannedTrigger('https://example.ru/дост', 23)).toBeNull();
    expect(cannedTrigger('10/12', 5)).toBeNull();
    expect(cannedTrigger('просто текст', 12)).toBeNull();
  });

  it('puts the response in place of what was typed and finds placeholders left to fill', () => {
    expect(insertCanned('Итак, /дост спасибо', { start: 6, end: 11, query: 'дост' }, 'Доставим завтра.')).toEqual({ text: 'Итак, Доставим завтра. спасибо', caret: 22 });
    expect(unresolvedPlaceholders('Привет, {{customer.first_name}}! {{ customer.first_name }}')).toEqual(['customer.first_name']);
    expect(unresolvedPlaceholders('Привет, Анна!')).toEqual([]);
  });
});
