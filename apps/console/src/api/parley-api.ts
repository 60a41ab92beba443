import type {
  ConversationDto,
  ConversationListQuery,
  CreateInboxDto,
  CreateUserDto,
  NewTimelineEventDto,
  UpdateCustomerDto,
  ConversationStatus,
  CustomerDto,
  InboxDto,
  LoginResponse,
  MessageDto,
  Page,
  ReplyExtrasDto,
  TimelineEventDto,
  UserDto,
} from '@parley/contracts';
import { http, type Query } from './http-client';

/** The list's query, as the http client sends it (empty parts left out). */
export type ConversationQuery = ConversationListQuery & Query;

const id = encodeURIComponent;

export const parleyApi = {
  login: (email: string, password: string) => http.post<LoginResponse>('/api/auth/login', { email, password }),
  me: () => http.get<UserDto>('/api/auth/me'),
  logout: () => http.post<void>('/api/auth/logout'),
  /** Ends every session of a user (default: yourself, on every device). */
  revokeSessions: (userId?: string) => http.post<{ revoked: number }>('/api/auth/sessions/revoke-all', userId ? { userId } : {}),

  listUsers: () => http.get<UserDto[]>('/api/users'),
  createUser: (user: CreateUserDto) => http.post<UserDto>('/api/users', user),
  setUserDisabled: (userId: string, disabled: boolean) => http.patch<UserDto>(`/api/users/${id(userId)}`, { disabled }),

  listInboxes: () => http.get<InboxDto[]>('/api/inboxes'),
  createInbox: (inbox: CreateInboxDto) => http.post<InboxDto>('/api/inboxes', inbox),

  listConversations: (query: ConversationQuery) => http.get<Page<ConversationDto>>('/api/conversations', query),
  getConversation: (conversationId: string) => http.get<ConversationDto>(`/api/conversations/${id(conversationId)}`),
  listMessages: (conversationId: string, before: string | null, limit = 30) =>
    http.get<Page<MessageDto>>(`/api/conversations/${id(conversationId)}/messages`, { before, limit }),
  sendMessage: (conversationId: string, content: string, isPrivate: boolean, extra: ReplyExtrasDto = {}) =>
    http.post<MessageDto>(`/api/conversations/${id(conversationId)}/messages`, { content, private: isPrivate, ...extra }),
  sendTemplate: (conversationId: string, content: string, template: { id: string; variables: Record<string, string> }) =>
    http.post<MessageDto>(`/api/conversations/${id(conversationId)}/messages`, { content, template }),
  setStatus: (conversationId: string, status: ConversationStatus, snoozeUntil?: string) =>
    http.post<ConversationDto>(`/api/conversations/${id(conversationId)}/status`, { status, snoozeUntil }),
  assign: (conversationId: string, agentId: string | null) =>
    http.post<ConversationDto>(`/api/conversations/${id(conversationId)}/assignment`, { agentId }),
  markRead: (conversationId: string) => http.post<ConversationDto>(`/api/conversations/${id(conversationId)}/read`),

  searchCustomers: (query: string, cursor?: string | null) =>
    http.get<Page<CustomerDto>>('/api/customers', { query, cursor }),
  getCustomer: (customerId: string) => http.get<CustomerDto>(`/api/customers/${id(customerId)}`),
  updateCustomer: (customerId: string, patch: UpdateCustomerDto) =>
    http.patch<CustomerDto>(`/api/customers/${id(customerId)}`, patch),
  getTimeline: (customerId: string, before: string | null, limit = 30) =>
    http.get<Page<TimelineEventDto>>(`/api/customers/${id(customerId)}/timeline`, { before, limit }),
  addCustomerEvent: (customerId: string, event: NewTimelineEventDto) =>
    http.post<TimelineEventDto>(`/api/customers/${id(customerId)}/events`, event),
};
