import { useEffect, useMemo, useState } from 'react';
import type { InboxDto, UserDto } from '@parley/contracts';
import { useAgentSocket } from '../../api/agent-socket';
import { parleyApi } from '../../api/parley-api';

export interface Directory {
  users: UserDto[];
  inboxes: InboxDto[];
  userById: Map<string, UserDto>;
  inboxById: Map<string, InboxDto>;
}

/** Agents and inboxes, for names in the list, the inbox filter and the assignee picker. */
export function useDirectory(): Directory {
  const { epoch } = useAgentSocket();
  const [users, setUsers] = useState<UserDto[]>([]);
  const [inboxes, setInboxes] = useState<InboxDto[]>([]);

  useEffect(() => {
    let cancelled = false;
    parleyApi
      .listUsers()
      .then((list) => !cancelled && setUsers([...list].sort((a, b) => a.name.localeCompare(b.name))))
      .catch(() => undefined);
    parleyApi
      .listInboxes()
      .then((list) => !cancelled && setInboxes(list))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [epoch]);

  return useMemo(
    () => ({
      users,
      inboxes,
      userById: new Map(users.map((u) => [u.id, u])),
      inboxById: new Map(inboxes.map((i) => [i.id, i])),
    }),
    [users, inboxes],
  );
}
