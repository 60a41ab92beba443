export type ConsoleRoute = { view: 'inbox'; conversationId: string | null } | { view: 'admin' };

export function parseRoute(pathname: string): ConsoleRoute {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] === 'admin') return { view: 'admin' };
  if (parts[0] === 'conversations' && parts[1]) {
    return { view: 'inbox', conversationId: safeDecode(parts[1]) };
  }
  return { view: 'inbox', conversationId: null };
}

export function routePath(route: ConsoleRoute): string {
  if (route.view === 'admin') return '/admin';
  return route.conversationId ? `/conversations/${encodeURIComponent(route.conversationId)}` : '/';
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
