import { parseRoute, routePath } from './console-route';

describe('console routes', () => {
  it('opens a conversation from its link', () => {
    expect(parseRoute('/conversations/abc-123')).toEqual({ view: 'inbox', conversationId: 'abc-123' });
  });

  it('knows the admin area and defaults to the inbox', () => {
    expect(parseRoute('/admin')).toEqual({ view: 'admin' });
    expect(parseRoute('/')).toEqual({ view: 'inbox', conversationId: null });
    expect(parseRoute('/whatever')).toEqual({ view: 'inbox', conversationId: null });
  });

  it('round-trips paths', () => {
    for (const path of ['/', '/admin', '/conversations/a%2Fb', '/surveys', '/surveys/settings', '/duplicates']) {
      expect(routePath(parseRoute(path))).toBe(path);
    }
  });
});
