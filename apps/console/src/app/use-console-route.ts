import { useCallback, useEffect, useState } from 'react';
import { parseRoute, routePath, type ConsoleRoute } from './console-route';

/** A two-screen console needs no router library: the path is the state, history does the rest. */
export function useConsoleRoute(): [ConsoleRoute, (route: ConsoleRoute, options?: { replace?: boolean }) => void] {
  const [route, setRoute] = useState<ConsoleRoute>(() => parseRoute(window.location.pathname));

  useEffect(() => {
    const onPop = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((next: ConsoleRoute, options?: { replace?: boolean }) => {
    const path = routePath(next);
    if (path !== window.location.pathname) {
      if (options?.replace) window.history.replaceState(null, '', path);
      else window.history.pushState(null, '', path);
    }
    setRoute(next);
  }, []);

  return [route, navigate];
}
