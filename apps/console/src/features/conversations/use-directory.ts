import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { InboxDto, UserDto } from '@parley/contracts';
import { parleyApi } from '../../api/parley-api';
import { queryKeys } from '../../app/query-keys';

export interface Directory {
  users: UserDto[];
  inboxes: InboxDto[];
  userById: Map<string, UserDto>;
  inboxById: Map<string, InboxDto>;
}

const NONE: never[] = [];

export const inboxesQuery = { queryKey: queryKeys.inboxes, queryFn: () => parleyApi.listInboxes() };
/** In the api's order (the admin list shows them so); the directory sorts them by name. */
export const usersQuery = { queryKey: queryKeys.users, queryFn: () => parleyApi.listUsers() };
const byName = (users: UserDto[]) => [...users].sort((a, b) => a.name.localeCompare(b.name));

/** Agents and inboxes, for names in the list, the inbox filter and the assignee picker. */
export function useDirectory(): Directory {
  const users = useQuery({ ...usersQuery, select: byName }).data ?? NONE;
  const inboxes = useQuery(inboxesQuery).data ?? NONE;
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
