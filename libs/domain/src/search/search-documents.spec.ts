import { attributeValues, messageDocument, SQLITE_SEARCH_FUNCTIONS } from './search-documents';

describe('search documents', () => {
  it('finds a message by its text, email subject and file names, stored as JSON text or objects', () => {
    expect(messageDocument('Добрый день', '{"subject":"Заказ №10482"}', '[{"url":"/a","fileName":"счёт.pdf"},{"url":"/b"}]')).toBe('Добрый день Заказ №10482 счёт.pdf');
    expect(messageDocument('Hi', { subject: 'Refund' }, [{ fileName: 'receipt.png' }])).toBe('Hi Refund receipt.png');
    expect(messageDocument('', 'not json', null)).toBe('');
  });

  it('finds a customer by the values of their attributes', () => {
    expect(attributeValues('{"city":"Москва","orders":12,"nested":{"x":1}}')).toEqual(['Москва', '12']);
    expect(attributeValues('[1,2]')).toEqual([]);
  });

  it('stores message text stemmed and customer text folded for the embedded index', () => {
    expect(SQLITE_SEARCH_FUNCTIONS.parley_message_stems('Заказы', '{"subject":"Refunds"}', '[]')).toBe('заказ refund');
    expect(SQLITE_SEARCH_FUNCTIONS.parley_customer_stems('Иванов', null, '{"plan":"Gold"}')).toBe('иван gold');
    expect(SQLITE_SEARCH_FUNCTIONS.parley_search_text('Пётр', null, '+79991234567')).toBe('петр +79991234567');
    expect(SQLITE_SEARCH_FUNCTIONS.parley_name_similarity('Ивнов', 'иванов')).toBeGreaterThan(0.4);
  });
});
