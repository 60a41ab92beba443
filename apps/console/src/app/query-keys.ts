import type { SearchRequest } from '@parley/contracts';
import type { ConversationFilter } from '../features/conversations/conversation-filter';
import type { DirectoryListing } from '../features/customers/directory/directory-listing';

/**
 * Every key of the console's query cache. The first element names what the data is, so the live
 * cache (app/live-cache.ts) can reach all lists of one kind at once (`queryKeys.conversationLists`).
 */
export const queryKeys = {
  conversationLists: ['conversations', 'list'] as const,
  conversationList: (filter: ConversationFilter, meId: string) => ['conversations', 'list', filter, meId] as const,
  conversations: ['conversations', 'one'] as const,
  conversation: (conversationId: string) => ['conversations', 'one', conversationId] as const,
  messages: (conversationId: string) => ['messages', conversationId] as const,
  customers: ['customers'] as const,
  customer: (customerId: string) => ['customers', customerId] as const,
  timelines: ['timeline'] as const,
  timeline: (customerId: string) => ['timeline', customerId] as const,
  users: ['users'] as const,
  inboxes: ['inboxes'] as const,
  mergeSuggestionLists: ['merge-suggestions'] as const,
  mergeSuggestions: (customerId: string | null, limit: number) => ['merge-suggestions', customerId, limit] as const,
  mergeHistories: ['merge-history'] as const,
  mergeHistory: (customerId: string) => ['merge-history', customerId] as const,
  slaStates: ['sla'] as const,
  sla: (conversationId: string) => ['sla', conversationId] as const,
  slaDue: ['sla-due'] as const,
  slaDueList: (atRisk: boolean) => ['sla-due', atRisk] as const,
  supervisorQueue: ['supervisor-queue'] as const,
  teamsAdmin: ['teams-admin'] as const,
  deadLetters: ['dead-letters'] as const,
  labels: ['labels'] as const,
  cannedResponses: ['canned-responses'] as const,
  cannedTeams: ['canned-responses-teams'] as const,
  cannedContext: (conversationId: string) => ['canned-context', conversationId] as const,
  views: ['views'] as const,
  viewList: ['views', 'list'] as const,
  viewCounts: ['views', 'counts'] as const,
  viewConversationLists: ['views', 'conversations'] as const,
  viewConversations: (viewId: string) => ['views', 'conversations', viewId] as const,
  myTeams: (meId: string) => ['my-teams', meId] as const,
  bulkOperation: (operationId: string) => ['bulk-operations', operationId] as const,
  search: (request: SearchRequest) => ['search', request] as const,
  customerDirectories: ['customer-directory'] as const,
  customerDirectory: (listing: DirectoryListing) => ['customer-directory', listing] as const,
  customerTags: ['customer-tags'] as const,
  customerSegments: ['customer-segments'] as const,
  searchLabels: ['search-labels'] as const,
  searchTeams: ['search-teams'] as const,
  notifications: ['notifications', 'list'] as const,
  notificationsUnread: ['notifications', 'unread'] as const,
  notificationSettings: ['notification-settings'] as const,
};
