import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import { applyAgentEvent, refreshAfterReconnect } from '../app/live-cache';
import { sessionStore } from './session-store';

interface AgentSocketState {
  socket: Socket | null;
  connected: boolean;
}

const AgentSocketContext = createContext<AgentSocketState>({ socket: null, connected: false });

const RETRY_MS = 3000;

export function AgentSocketProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const [state, setState] = useState<AgentSocketState>({ socket: null, connected: false });
  const queryClient = useQueryClient();

  useEffect(() => {
    // A function, so every (re)connect presents the current access token, not the one of the first connect.
    const socket = io('/agents', { auth: (cb) => cb({ token: sessionStore.getToken() }) });
    let everConnected = false;
    let disposed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;

    // socket.io gives up after a middleware rejection (an expired token) or a server-side disconnect
    // (the session ended). A fresh token from the refresh cookie lets it in again; no session left
    // sends the agent to the login page.
    const retryLater = () => {
      clearTimeout(retry);
      retry = setTimeout(() => {
        sessionStore.refresh().then(
          (signedIn) => {
            if (disposed) return;
            if (signedIn) socket.connect();
            else sessionStore.expire();
          },
          () => !disposed && retryLater(),
        );
      }, RETRY_MS);
    };

    // Every server event goes into the query cache; a reconnect re-reads what was missed meanwhile.
    socket.onAny((event: string, payload: unknown) => applyAgentEvent(queryClient, event, payload));
    socket.on('connect', () => {
      if (everConnected) refreshAfterReconnect(queryClient);
      setState({ socket, connected: true });
      everConnected = true;
    });
    socket.on('disconnect', (reason) => {
      setState((s) => ({ ...s, connected: false }));
      if (reason === 'io server disconnect') retryLater();
    });
    socket.on('connect_error', () => {
      if (!socket.active) retryLater();
    });
    setState({ socket, connected: false });

    return () => {
      disposed = true;
      clearTimeout(retry);
      socket.offAny();
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [userId, queryClient]);

  return <AgentSocketContext.Provider value={state}>{children}</AgentSocketContext.Provider>;
}

export function useAgentSocket(): AgentSocketState {
  return useContext(AgentSocketContext);
}

/** Subscribes for the component's lifetime; the latest handler is always the one called. */
export function useAgentEvent<T>(event: string, handler: (payload: T) => void): void {
  const { socket } = useAgentSocket();
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  });
  useEffect(() => {
    if (!socket) return;
    const listener = (payload: T) => handlerRef.current(payload);
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event]);
}

export function useAgentEmit(): (event: string, payload: unknown) => void {
  const { socket } = useAgentSocket();
  return useCallback(
    (event: string, payload: unknown) => {
      if (socket?.connected) socket.emit(event, payload);
    },
    [socket],
  );
}
