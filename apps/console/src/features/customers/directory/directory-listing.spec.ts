import type { CustomerDto } from '@parley/contracts';
import type { Pages } from '../../../api/page-merge';
import { DEFAULT_LISTING, directoryCustomerChanged, directoryRequest } from './directory-listing';

const customer = (id: string, over: Partial<CustomerDto> = {}): CustomerDto =>
  ({ id, name: id, email: null, phone: null, attributes: {}, tags: [], identities: [], mergedIntoId: null, createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z', lastContactAt: '2026-03-02T10:00:00.000Z', ...over });
const pages = (...items: CustomerDto[][]): Pages<CustomerDto> => ({ pages: items.map((i) => ({ items: i, nextCursor: null })), pageParams: items.map(() => null) });

describe('customer directory listing', () => {
  it('asks only for what is set, the query trimmed', () => {
    expect(directoryRequest(DEFAULT_LISTING, null, 30)).toEqual({ sort: 'name', limit: 30 });
    expect(directoryRequest({ ...DEFAULT_LISTING, query: ' +7 916 555-12-34 ', channel: 'telegram', tag: 'VIP', sort: 'lastContact' }, 'abc', 30)).toEqual({
      query: '+7 916 555-12-34',
      sort: 'lastContact',
      channel: 'telegram',
      tag: 'VIP',
      cursor: 'abc',
      limit: 30,
    });
  });

  it('renames a row from a live update and keeps its last contact', () => {
    const data = pages([customer('a'), customer('b')]);
    const next = directoryCustomerChanged(data, customer('b', { name: 'Борис', updatedAt: '2026-03-03T10:00:00.000Z', lastContactAt: undefined }));
    expect(next.pages[0].items[1]).toMatchObject({ name: 'Борис', lastContactAt: '2026-03-02T10:00:00.000Z' });
  });

  it('ignores an older copy and customers it does not list', () => {
    const data = pages([customer('a', { updatedAt: '2026-03-05T10:00:00.000Z' })]);
    expect(directoryCustomerChanged(data, customer('a', { name: 'старое' }))).toBe(data);
    expect(directoryCustomerChanged(data, customer('z'))).toBe(data);
  });

  it('drops a customer merged into another', () => {
    const data = pages([customer('a')], [customer('b')]);
    expect(directoryCustomerChanged(data, customer('b', { mergedIntoId: 'a' })).pages.map((p) => p.items.map((c) => c.id))).toEqual([['a'], []]);
  });
});
