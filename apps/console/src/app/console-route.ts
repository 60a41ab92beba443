export type ConsoleRoute = { view: 'inbox'; conversationId: string | null; /** A search hit: scroll to this message and highlight it. */ messageId?: string } | { view: 'admin' } | { view: 'sla' } | { view: 'supervisor' } | { view: 'teams' } | { view: 'surveys' } | { view: 'survey-settings' } | { view: 'duplicates' } | { view: 'canned' } | { view: 'macros' } | { view: 'search'; query: string } | { view: 'customers'; customerId: string | null };

export function parseRoute(pathname: string): ConsoleRoute {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] === 'admin') return { view: 'admin' };
  if (parts[0] === 'surveys' && parts[1] === 'settings') return { view: 'survey-settings' };
  if (parts[0] === 'canned-responses') return { view: 'canned' };
  if (parts[0] === 'macros') return { view: 'macros' };
  if (parts[0] === 'sla' || parts[0] === 'supervisor' || parts[0] === 'teams' || parts[0] === 'surveys' || parts[0] === 'duplicates') return { view: parts[0] };
  if (parts[0] === 'search') return { view: 'search', query: parts[1] ? safeDecode(parts[1]) : '' };
  if (parts[0] === 'customers') return { view: 'customers', customerId: parts[1] ? safeDecode(parts[1]) : null };
  if (parts[0] === 'conversations' && parts[1]) {
    const conversationId = safeDecode(parts[1]);
    return parts[2] === 'messages' && parts[3] ? { view: 'inbox', conversationId, messageId: safeDecode(parts[3]) } : { view: 'inbox', conversationId };
  }
  return { view: 'inbox', conversationId: null };
}

export function routePath(route: ConsoleRoute): string {
  if (route.view === 'admin') return '/admin';
  if (route.view === 'survey-settings') return '/surveys/settings';
  if (route.view === 'canned') return '/canned-responses';
  if (route.view === 'macros') return '/macros';
  if (route.view === 'sla' || route.view === 'supervisor' || route.view === 'teams' || route.view === 'surveys' || route.view === 'duplicates') return `/${route.view}`;
  if (route.view === 'search') return route.query ? `/search/${encodeURIComponent(route.query)}` : '/search';
  if (route.view === 'customers') return route.customerId ? `/customers/${encodeURIComponent(route.customerId)}` : '/customers';
  if (!route.conversationId) return '/';
  const conversation = `/conversations/${encodeURIComponent(route.conversationId)}`;
  return route.messageId ? `${conversation}/messages/${encodeURIComponent(route.messageId)}` : conversation;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
