import { QueryClient } from '@tanstack/react-query';

/**
 * One per signed-in agent. Socket events keep the cache current (app/live-cache.ts) and a reconnect
 * re-reads it, so neither window focus nor retries trigger reads; a view still re-reads on mount.
 */
export function createConsoleQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}
