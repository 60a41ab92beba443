import type { QueryClient, QueryKey } from '@tanstack/react-query';
import {
  AGENT_EVENTS,
  CANNED_EVENTS, MACRO_EVENTS,
  MERGE_EVENTS,
  VIEW_EVENTS,
  type BulkOperationDto,
  type ConversationDto,
  type ConversationSlaDto,
  type CustomerDto,
  type CustomerMergeDto,
  type DeadLetterDto,
  type InboxDto,
  LABEL_EVENTS,
  NOTIFICATION_EVENTS,
  type NotificationDto,
  type NotificationReadEvent,
  type LabelDto,
  type MergeSuggestionDto,
  type MessageDto,
  type TimelineEventDto,
  type UserDto,
} from '@parley/contracts';
import { mapPageItems, preferLatest, type Pages } from '../api/page-merge';
import type { ConversationFilter } from '../features/conversations/conversation-filter';
import { conversationChanged, customerChanged, markedRead, messageCreated, withCustomer } from '../features/conversations/conversation-list-rules';
import { messageReceived } from '../features/conversations/thread-rules';
import { directoryCustomerChanged } from '../features/customers/directory/directory-listing';
import { timelineEventReceived } from '../features/customers/timeline-rules';
import { involvesAny, upsertSuggestion } from '../features/merge/merge-sides';
import { keepingLabels, withLabelDeleted, withLabelSaved } from '../features/labels/label-view';
import { notificationCreated, notificationRead } from '../features/notifications/notification-cache';
import { queryKeys } from './query-keys';

// The one place where socket events, and the api's answers to the agent's own changes, are written
// into the query cache. Components read queries; they never patch server state themselves.

/** Live events arrive in bursts: pages that re-read a whole summary do it once per burst. */
const SUPERVISOR_BURST_MS = 500;
const SLA_DUE_BURST_MS = 300;
/** Sidebar view counts and open view lists re-read at most once a second, however busy the inbox. */
const VIEWS_BURST_MS = 1000;

/** Runs `change` on every cached query under `prefix` that holds data, with its key. */
function updateEach<T>(client: QueryClient, prefix: QueryKey, change: (data: T, key: QueryKey) => T): void {
  for (const [key, data] of client.getQueriesData<T>({ queryKey: prefix })) {
    if (data === undefined) continue;
    const next = change(data, key);
    if (next !== data) client.setQueryData(key, next);
  }
}

/**
 * A query still being read when an event arrives would overwrite the event with the older answer
 * (a first read has no data to write the event into): that read is cancelled and a fresh one
 * started. (Invalidating would not do: TanStack joins a first read in flight instead of restarting it.)
 */
function rereadIfLoading(client: QueryClient, prefix: QueryKey): void {
  for (const query of client.getQueryCache().findAll({ queryKey: prefix })) {
    if (query.state.fetchStatus !== 'fetching') continue;
    const filters = { queryKey: query.queryKey, exact: true };
    void client.cancelQueries(filters).then(() => client.refetchQueries(filters));
  }
}

const isNewer = (incoming: { updatedAt: string }, current: { updatedAt: string }) =>
  Date.parse(incoming.updatedAt) >= Date.parse(current.updatedAt);

export function conversationReceived(client: QueryClient, conversation: ConversationDto): void {
  // A list's key holds the filter and the agent it was read for (queryKeys.conversationList).
  updateEach<Pages<ConversationDto>>(client, queryKeys.conversationLists, (data, key) =>
    conversationChanged(data, conversation, key[2] as ConversationFilter, key[3] as string),
  );
  rereadIfLoading(client, queryKeys.conversationLists);
  const key = queryKeys.conversation(conversation.id);
  const current = client.getQueryData<ConversationDto>(key);
  if (current && isNewer(conversation, current)) client.setQueryData(key, keepingLabels(conversation, current));
}

export function conversationRead(client: QueryClient, conversationId: string): void {
  updateEach<Pages<ConversationDto>>(client, queryKeys.conversationLists, (data) => markedRead(data, conversationId));
}

export function messageArrived(client: QueryClient, message: MessageDto, created: boolean): void {
  if (created) updateEach<Pages<ConversationDto>>(client, queryKeys.conversationLists, (data) => messageCreated(data, message));
  updateEach<Pages<MessageDto>>(client, queryKeys.messages(message.conversationId), (data) => messageReceived(data, message));
  if (created) rereadIfLoading(client, queryKeys.conversationLists);
  rereadIfLoading(client, queryKeys.messages(message.conversationId));
}

export function customerReceived(client: QueryClient, customer: CustomerDto): void {
  updateEach<Pages<ConversationDto>>(client, queryKeys.conversationLists, (data) => customerChanged(data, customer));
  updateEach<ConversationDto>(client, queryKeys.conversations, (c) => (c.customerId === customer.id ? withCustomer(c, customer) : c));
  // A customer query follows merges, so the record it holds may be another id than its key's.
  updateEach<CustomerDto>(client, queryKeys.customers, (current) => (current.id === customer.id ? preferLatest(current, customer) : current));
  updateEach<Pages<CustomerDto>>(client, queryKeys.customerDirectories, (data) => directoryCustomerChanged(data, customer));
  if (customer.mergedIntoId) {
    client.invalidateQueries({ queryKey: queryKeys.customers, predicate: (q) => (q.state.data as CustomerDto | undefined)?.id === customer.id });
  }
}

export function timelineEventArrived(client: QueryClient, event: TimelineEventDto): void {
  updateEach<Pages<TimelineEventDto>>(client, queryKeys.timeline(event.customerId), (data) => timelineEventReceived(data, event));
}

export function slaReceived(client: QueryClient, state: ConversationSlaDto): void {
  client.setQueryData(queryKeys.sla(state.conversationId), state);
}

export function suggestionReceived(client: QueryClient, suggestion: MergeSuggestionDto): void {
  // A list's key holds the customer it is about (queryKeys.mergeSuggestions); null: every suggestion.
  updateEach<MergeSuggestionDto[]>(client, queryKeys.mergeSuggestionLists, (list, key) => {
    const customerId = key[1] as string | null;
    return customerId && !involvesAny(suggestion, [customerId]) ? list : upsertSuggestion(list, suggestion);
  });
}

export function suggestionDismissed(client: QueryClient, suggestionId: string): void {
  updateEach<MergeSuggestionDto[]>(client, queryKeys.mergeSuggestionLists, (list) =>
    list.some((s) => s.id === suggestionId) ? list.filter((s) => s.id !== suggestionId) : list,
  );
}

/**
 * A merge or its undo moves conversations, identities and timeline events without an event for
 * each: the records of the customers involved (all, for a merge made in this tab) are read again.
 */
export function customerRecordsChanged(client: QueryClient, customerIds?: readonly string[]): void {
  const involved = (id: unknown) => !customerIds || customerIds.includes(id as string);
  const holdsInvolved = (data: unknown) => !customerIds || (typeof data === 'object' && data !== null && involved((data as CustomerDto).id));
  client.invalidateQueries({ queryKey: queryKeys.customers, predicate: (q) => involved(q.queryKey[1]) || holdsInvolved(q.state.data) });
  // A merge or its undo adds or removes whole rows of the directory: its lists are read again.
  client.invalidateQueries({ queryKey: queryKeys.customerDirectories });
  for (const prefix of [queryKeys.timelines, queryKeys.mergeHistories, queryKeys.mergeSuggestionLists]) {
    client.invalidateQueries({ queryKey: prefix, predicate: (q) => q.queryKey[1] === null || involved(q.queryKey[1]) });
  }
}

/** An admin created or changed a record of an admin list (users, inboxes, dead letters): it joins or replaces its copy. */
function directorySaved<T extends { id: string }>(client: QueryClient, queryKey: QueryKey, record: T): void {
  client.setQueryData<T[]>(queryKey, (list) =>
    list && (list.some((r) => r.id === record.id) ? list.map((r) => (r.id === record.id ? record : r)) : [...list, record]),
  );
}

export const userSaved = (client: QueryClient, user: UserDto) => directorySaved(client, queryKeys.users, user);
export const deadLetterReplayed = (client: QueryClient, deadLetter: DeadLetterDto) => directorySaved(client, queryKeys.deadLetters, deadLetter);
export const inboxSaved = (client: QueryClient, inbox: InboxDto) => directorySaved(client, queryKeys.inboxes, inbox);

/** A label created or changed (here or by another admin): the list has it, and chips showing it follow. */
export function labelSaved(client: QueryClient, label: LabelDto): void {
  directorySaved(client, queryKeys.labels, label);
  updateEach<Pages<ConversationDto>>(client, queryKeys.conversationLists, (data) => mapPageItems(data, (c) => withLabelSaved(c, label)));
  updateEach<ConversationDto>(client, queryKeys.conversations, (c) => withLabelSaved(c, label));
}

/** A label deleted: it leaves the list and every conversation shown. */
export function labelDeleted(client: QueryClient, labelId: string): void {
  client.setQueryData<LabelDto[]>(queryKeys.labels, (list) => list?.filter((l) => l.id !== labelId));
  updateEach<Pages<ConversationDto>>(client, queryKeys.conversationLists, (data) => mapPageItems(data, (c) => withLabelDeleted(c, labelId)));
  updateEach<ConversationDto>(client, queryKeys.conversations, (c) => withLabelDeleted(c, labelId));
}

const bursts = new WeakMap<QueryClient, Map<string, ReturnType<typeof setTimeout>>>();

/** Marks a summary stale once the burst is over, so an open page re-reads it once. */
function invalidateAfterBurst(client: QueryClient, queryKey: QueryKey, ms: number): void {
  const timers = bursts.get(client) ?? new Map<string, ReturnType<typeof setTimeout>>();
  bursts.set(client, timers);
  const id = JSON.stringify(queryKey);
  if (timers.has(id)) return;
  timers.set(
    id,
    setTimeout(() => {
      timers.delete(id);
      void client.invalidateQueries({ queryKey });
    }, ms),
  );
}

/** Writes one `/agents` socket event into the cache. Unknown events are left to their own listeners. */
export function applyAgentEvent(client: QueryClient, event: string, payload: unknown): void {
  switch (event) {
    case AGENT_EVENTS.conversationCreated:
    case AGENT_EVENTS.conversationUpdated:
      conversationReceived(client, payload as ConversationDto);
      invalidateAfterBurst(client, queryKeys.supervisorQueue, SUPERVISOR_BURST_MS);
      if (event === AGENT_EVENTS.conversationUpdated) invalidateAfterBurst(client, queryKeys.slaDue, SLA_DUE_BURST_MS);
      // Whether a conversation still matches a view is the server's call (SLA, sentiment, labels): counts and view pages are re-read.
      invalidateAfterBurst(client, queryKeys.viewCounts, VIEWS_BURST_MS);
      invalidateAfterBurst(client, queryKeys.viewConversationLists, VIEWS_BURST_MS);
      return;
    case AGENT_EVENTS.messageCreated:
    case AGENT_EVENTS.messageUpdated:
      return messageArrived(client, payload as MessageDto, event === AGENT_EVENTS.messageCreated);
    case AGENT_EVENTS.customerUpdated:
      return customerReceived(client, payload as CustomerDto);
    case AGENT_EVENTS.timelineCreated:
      return timelineEventArrived(client, payload as TimelineEventDto);
    case AGENT_EVENTS.slaUpdated:
      slaReceived(client, payload as ConversationSlaDto);
      invalidateAfterBurst(client, queryKeys.supervisorQueue, SUPERVISOR_BURST_MS);
      invalidateAfterBurst(client, queryKeys.slaDue, SLA_DUE_BURST_MS);
      return;
    case VIEW_EVENTS.bulkProgress: {
      const operation = payload as BulkOperationDto;
      return void client.setQueryData(queryKeys.bulkOperation(operation.id), operation);
    }
    case AGENT_EVENTS.presenceUpdated:
      return invalidateAfterBurst(client, queryKeys.supervisorQueue, SUPERVISOR_BURST_MS);
    case LABEL_EVENTS.saved:
      return labelSaved(client, payload as LabelDto);
    case LABEL_EVENTS.deleted:
      return labelDeleted(client, (payload as { id: string }).id);
    case NOTIFICATION_EVENTS.created:
      return notificationCreated(client, payload as NotificationDto);
    case NOTIFICATION_EVENTS.read:
      return notificationRead(client, payload as NotificationReadEvent);
    case CANNED_EVENTS.changed:
      // The event carries no content (a personal response is its owner's): the list is read again.
      return void client.invalidateQueries({ queryKey: queryKeys.cannedResponses });
    case MACRO_EVENTS.changed:
      // Likewise: a personal macro is its owner's business.
      return void client.invalidateQueries({ queryKey: queryKeys.macros });
    case MERGE_EVENTS.suggestionCreated:
      return suggestionReceived(client, payload as MergeSuggestionDto);
    case MERGE_EVENTS.customerMerged: {
      const merge = payload as CustomerMergeDto;
      return customerRecordsChanged(client, [merge.targetCustomerId, merge.sourceCustomerId]);
    }
  }
}

/** After a reconnect, events were missed: everything live is read again (only what is on screen at once). */
export function refreshAfterReconnect(client: QueryClient): void {
  void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.teamsAdmin[0] });
}
