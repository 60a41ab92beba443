import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type { ConversationDto, TeamDto, WidgetSendAck, WidgetSession } from '@parley/contracts';
import { api, login, next } from './harness';

/** Shared arrangements of the routing and SLA suites: agents, teams, visitors who write. */
export function routingFixtures(ctx: { url: string; token: string; websiteToken: string; open(ns: string, auth: Record<string, unknown>): Socket }) {
  const call = <T = any>(method: string, path: string, body?: unknown, token = ctx.token) => api<T>(ctx.url, method, path, body, token);

  async function agent(name: string, opts: { capacity?: number; skills?: string[]; online?: boolean } = {}) {
    const email = `${name.toLowerCase().replace(/\W/g, '')}-${randomBytes(3).toString('hex')}@parley.test`;
    const created = await call('POST', '/api/users', { name, email, password: 'agent-password-1', role: 'agent' });
    if (created.status !== 201) throw new Error(`user: ${created.status} ${JSON.stringify(created.body)}`);
    const id: string = created.body.id;
    if (opts.capacity !== undefined || opts.skills) await call('PATCH', `/api/agents/${id}`, { capacity: opts.capacity, skills: opts.skills });
    const token = (await login(ctx.url, { email, password: 'agent-password-1' })).accessToken;
    if (opts.online) await call('PUT', '/api/presence', { status: 'online' }, token);
    return { id, token, email };
  }

  async function team(name: string, body: Record<string, unknown>): Promise<TeamDto> {
    const res = await call<TeamDto>('POST', '/api/teams', { name, ...body });
    if (res.status !== 201) throw new Error(`team: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A new web chat visitor who writes `text`; resolves once the message is stored. */
  async function visitorWrites(text: string, visitorToken?: string) {
    const socket = ctx.open('/widget', { websiteToken: ctx.websiteToken, ...(visitorToken ? { visitorToken } : {}) });
    const session = await next<WidgetSession>(socket, 'session');
    const ack = (await socket.emitWithAck('message:send', { content: text, clientMessageId: `c-${randomBytes(6).toString('hex')}` })) as WidgetSendAck;
    if (!ack.ok) throw new Error(ack.error);
    const list = await call('GET', `/api/customers/${session.customerId}/conversations`);
    const conversation: ConversationDto = list.body.items[0];
    return { socket, session, conversation, customerId: session.customerId, visitorToken: session.visitorToken };
  }

  /** Polls until `check` returns something truthy (the follow-up jobs run asynchronously). */
  async function eventually<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > until) throw new Error(`not in time: ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const conversation = async (id: string): Promise<ConversationDto> => (await call<ConversationDto>('GET', `/api/conversations/${id}`)).body;
  const timeline = async (customerId: string) => (await call('GET', `/api/customers/${customerId}/timeline?limit=100`)).body.items as { type: string; title?: string; data?: any; content?: string }[];

  return { call, agent, team, visitorWrites, eventually, conversation, timeline };
}
