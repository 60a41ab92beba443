import type {
  AgentDto, AgentStatus, BusinessCalendarDto, Channel, ConversationDto, ConversationSlaDto, InboxDto, RoutingRuleDto, RoutingSettingsDto, SlaPolicyDto, SupervisorQueueDto,
  TeamDto, XlaPolicyDto,
} from '@parley/contracts';
import { http } from '../../api/http-client';

const id = encodeURIComponent;

export interface RuleBody {
  teamId: string;
  inboxId?: string | null;
  language?: string | null;
  keywords?: string[];
  position?: number;
}

export interface DueItem {
  conversation: ConversationDto;
  sla: ConversationSlaDto;
}

/** REST calls of routing, presence, SLA and XLA (see apps/api/src/{teams,presence,routing,sla}). */
export const routingApi = {
  slaStates: (ids: string[]) => http.get<ConversationSlaDto[]>('/api/sla/conversations', { ids: ids.join(',') }),
  dueQueue: (query: { assigneeId?: string; atRisk?: boolean; limit?: number }) =>
    http.get<{ items: DueItem[] }>('/api/sla/queue', { assigneeId: query.assigneeId, atRisk: query.atRisk ? 'true' : undefined, limit: query.limit }),
  supervisorQueue: () => http.get<SupervisorQueueDto>('/api/supervisor/queue'),

  agents: () => http.get<AgentDto[]>('/api/agents'),
  updateAgent: (agentId: string, body: { capacity?: number; skills?: string[] }) => http.patch<AgentDto>(`/api/agents/${id(agentId)}`, body),
  setMyStatus: (status: AgentStatus) => http.put<AgentDto>('/api/presence', { status }),

  teams: () => http.get<TeamDto[]>('/api/teams'),
  createTeam: (body: Partial<TeamDto>) => http.post<TeamDto>('/api/teams', body),
  updateTeam: (teamId: string, body: Partial<TeamDto>) => http.patch<TeamDto>(`/api/teams/${id(teamId)}`, body),
  deleteTeam: (teamId: string) => http.delete<void>(`/api/teams/${id(teamId)}`),

  rules: () => http.get<RoutingRuleDto[]>('/api/routing/rules'),
  addRule: (body: RuleBody) => http.post<RoutingRuleDto>('/api/routing/rules', body),
  updateRule: (ruleId: string, body: Partial<RuleBody>) => http.patch<RoutingRuleDto>(`/api/routing/rules/${id(ruleId)}`, body),
  inboxes: () => http.get<InboxDto[]>('/api/inboxes'),
  settings: () => http.get<RoutingSettingsDto>('/api/routing/settings'),
  saveSettings: (channelWeights: Partial<Record<Channel, number>>) => http.put<RoutingSettingsDto>('/api/routing/settings', { channelWeights }),
  deleteRule: (ruleId: string) => http.delete<void>(`/api/routing/rules/${id(ruleId)}`),

  policies: () => http.get<SlaPolicyDto[]>('/api/sla/policies'),
  createPolicy: (body: Partial<SlaPolicyDto>) => http.post<SlaPolicyDto>('/api/sla/policies', body),
  updatePolicy: (policyId: string, body: Partial<SlaPolicyDto>) => http.patch<SlaPolicyDto>(`/api/sla/policies/${id(policyId)}`, body),
  deletePolicy: (policyId: string) => http.delete<void>(`/api/sla/policies/${id(policyId)}`),
  calendars: () => http.get<BusinessCalendarDto[]>('/api/sla/calendars'),
  createCalendar: (body: Omit<BusinessCalendarDto, 'id'>) => http.post<BusinessCalendarDto>('/api/sla/calendars', body),
  updateCalendar: (calendarId: string, body: Omit<BusinessCalendarDto, 'id'>) => http.patch<BusinessCalendarDto>(`/api/sla/calendars/${id(calendarId)}`, body),
  deleteCalendar: (calendarId: string) => http.delete<void>(`/api/sla/calendars/${id(calendarId)}`),
  xlaPolicies: () => http.get<XlaPolicyDto[]>('/api/xla/policies'),
  saveXlaPolicy: (body: Partial<XlaPolicyDto>) => http.put<XlaPolicyDto>('/api/xla/policies', body),
  deleteXlaPolicy: (policyId: string) => http.delete<void>(`/api/xla/policies/${id(policyId)}`),
};
