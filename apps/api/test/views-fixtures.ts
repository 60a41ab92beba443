import { DataSource } from 'typeorm';
import { newId } from '@parley/domain';
import {
  ConversationEntity, ConversationRoutingEntity, CustomerEntity, SlaTimerEntity, SurveyEntity, SurveyResponseEntity,
} from '@parley/persistence';
import type { SuiteContext } from './harness';
import { api } from './harness';

const CHUNK = 200;

export type SeededConversation = Partial<ConversationEntity> & { sentiment?: 'negative' | 'neutral' | 'positive'; sla?: SlaTimerEntity['state']; csat?: number };

/**
 * Conversations written straight into the database (a view of 1,200 is arranged in a second, not by
 * 1,200 webhooks): each with its own customer named in Russian, in the demo web chat inbox.
 */
export function viewsFixtures(t: SuiteContext) {
  const db = () => t.app.app.get(DataSource);
  const call = <T = any>(method: string, path: string, body?: unknown, token = t.token) => api<T>(t.url, method, path, body, token);

  async function inboxId(): Promise<string> {
    return (await call('GET', '/api/inboxes')).body.find((i: { channel: string }) => i.channel === 'webchat').id;
  }

  async function seed(count: number, shape: SeededConversation = {}): Promise<ConversationEntity[]> {
    const inbox = await inboxId();
    const now = Date.now();
    const rows: ConversationEntity[] = [];
    const customers: CustomerEntity[] = [];
    for (let i = 0; i < count; i += 1) {
      const at = new Date(now - (i + 1) * 1000);
      const customer = { id: newId(), name: `Клиент ${i}`, email: null, phone: null, attributes: {}, tags: [], mergedIntoId: null, createdAt: at, updatedAt: at } as CustomerEntity;
      customers.push(customer);
      const { sentiment: _s, sla: _l, csat: _c, ...columns } = shape;
      rows.push({
        id: newId(), customerId: customer.id, inboxId: inbox, channel: 'webchat', status: 'open', assigneeId: null, teamId: null, priority: 'normal',
        snoozedUntil: null, firstResponseAt: null, resolvedAt: null, lastMessageAt: at, lastInboundAt: at, lastMessagePreview: 'Здравствуйте!',
        metadata: null, unreadCount: 1, createdAt: at, updatedAt: at, ...columns,
      });
    }
    for (let i = 0; i < count; i += CHUNK) {
      await db().getRepository(CustomerEntity).insert(customers.slice(i, i + CHUNK));
      await db().getRepository(ConversationEntity).insert(rows.slice(i, i + CHUNK));
    }
    for (const c of rows) await extras(c, shape);
    return rows;
  }

  async function extras(c: ConversationEntity, shape: SeededConversation): Promise<void> {
    const now = new Date();
    if (shape.sentiment) {
      await db().getRepository(ConversationRoutingEntity).insert({ conversationId: c.id, language: 'ru', sentiment: shape.sentiment, sentimentScore: -3, boost: 0, transfers: 0, queuedAt: null, updatedAt: now });
    }
    if (shape.sla) {
      await db().getRepository(SlaTimerEntity).insert({
        id: newId(), conversationId: c.id, metric: 'first_response', state: shape.sla, policyId: null, targetSeconds: 300, consumedSeconds: 0, segmentStartedAt: null,
        startedAt: now, dueAt: null, warnAt: null, nextFireAt: null, warned: false, breachedAt: shape.sla === 'breached' ? now : null, metAt: null, version: 0, updatedAt: now,
      });
    }
    if (shape.csat !== undefined) {
      const survey = {
        id: newId(), conversationId: c.id, customerId: c.customerId, inboxId: c.inboxId, teamId: null, agentId: null, channel: 'webchat', type: 'csat',
        state: 'completed', skipReason: null, language: 'ru', reasks: 0, resolvedAt: now, sentAt: now, updatedAt: now,
      };
      await db().getRepository(SurveyEntity).insert(survey);
      await db().getRepository(SurveyResponseEntity).insert({
        surveyId: survey.id, conversationId: c.id, customerId: c.customerId, teamId: null, agentId: null, channel: 'webchat', type: 'csat', score: shape.csat,
        comment: null, commentSentiment: null, commentSentimentScore: null, answeredAt: now, commentedAt: null,
      });
    }
  }

  async function customer(over: Partial<CustomerEntity>): Promise<CustomerEntity> {
    const now = new Date();
    const row = { id: newId(), name: 'Клиент', email: null, phone: null, attributes: {}, tags: [], mergedIntoId: null, createdAt: now, updatedAt: now, ...over } as CustomerEntity;
    await db().getRepository(CustomerEntity).insert(row);
    return row;
  }

  /** Polls until `check` returns something truthy. */
  async function eventually<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 90_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > until) throw new Error(`not in time: ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  return { db, call, seed, customer, eventually };
}
