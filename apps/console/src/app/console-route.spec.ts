import { parseRoute, routePath } from './console-route';

describe('console routes', () => {
  it('opens a conversation from its link', () => {
    expect(parseRoute('/conversations/abc-123')).toEqual({ view: 'inbox', conversationId: 'abc-123' });
  });

  it('opens a conversation at a message (a search hit)', () => {
    expect(parseRoute('/conversations/abc-123/messages/m-9')).toEqual({ view: 'inbox', conversationId: 'abc-123', messageId: 'm-9' });
    expect(parseRoute('/conversations/abc-123/messages')).toEqual({ view: 'inbox', conversationId: 'abc-123' });
    expect(routePath({ view: 'inbox', conversationId: 'abc-123', messageId: 'm/9' })).toBe('/conversations/abc-123/messages/m%2F9');
  });

  it('knows the admin area and defaults to the inbox', () => {
    expect(parseRoute('/admin')).toEqual({ view: 'admin' });
    expect(parseRoute('/')).toEqual({ view: 'inbox', conversationId: null });
    expect(parseRoute('/whatever')).toEqual({ view: 'inbox', conversationId: null });
  });

  it('keeps the search query and the open customer in the path', () => {
    expect(parseRoute('/search/%D0%B7%D0%B0%D0%BA%D0%B0%D0%B7%D1%8B')).toEqual({ view: 'search', query: 'заказы' });
    expect(parseRoute('/search')).toEqual({ view: 'search', query: '' });
    expect(parseRoute('/customers')).toEqual({ view: 'customers', customerId: null });
    expect(parseRoute('/customers/c-1')).toEqual({ view: 'customers', customerId: 'c-1' });
    expect(routePath({ view: 'search', query: 'где / мой заказ?' })).toBe(`/search/${encodeURIComponent('где / мой заказ?')}`);
  });

  it('round-trips paths', () => {
    for (const path of ['/', '/admin', '/conversations/a%2Fb', '/conversations/a/messages/b', '/surveys', '/surveys/settings', '/duplicates', '/search/%22a%22', '/customers', '/customers/c-1']) {
      expect(routePath(parseRoute(path))).toBe(path);
    }
  });
});
