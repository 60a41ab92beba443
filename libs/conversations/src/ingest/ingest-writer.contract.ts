import { newId, planInbound, type InboundPlan, type PlanConversation } from '@parley/domain';
import { isUniqueViolation, type ChannelIdentityEntity, type ConversationEntity, type CustomerEntity, type MessageEntity, type TimelineEventEntity } from '@parley/persistence';
import type { IngestWriter } from './ingest-writer';

/** What a writer's spec hands the contract: the writer, a way to put rows in place and to read them back. */
export interface IngestWriterHarness {
  writer: IngestWriter;
  /** `inboxes` and `users`: ids the rows refer to (a database with foreign keys needs rows behind them). */
  seed(rows: { inboxes: string[]; users: string[]; customers: CustomerEntity[]; identities: ChannelIdentityEntity[]; conversations: ConversationEntity[] }): Promise<void>;
  messages(conversationId: string): Promise<MessageEntity[]>;
  timeline(customerId: string): Promise<TimelineEventEntity[]>;
  conversation(id: string): Promise<ConversationEntity | null>;
  customer(id: string): Promise<CustomerEntity | null>;
  identity(id: string): Promise<ChannelIdentityEntity | null>;
}

const INBOX = newId();
const OTHER_INBOX = newId();
const AGENT = newId();
// Text that must survive PostgreSQL arrays and JSON: quotes, braces, commas, backslashes, NULL-looking text.
const AWKWARD = 'Привет — "quoted", {braced}, back\\slash, NULL, \'single\' 🙂';

function world(n: number, at: Date) {
  const customer = { id: newId(), name: n === 0 ? null : `Клиент ${n}`, email: null, phone: null, emailSource: null, phoneSource: null, attributes: { город: 'Москва' }, tags: [], mergedIntoId: null, createdAt: at, updatedAt: at } as CustomerEntity;
  const identity = { id: newId(), customerId: customer.id, channel: 'telegram', externalId: `tg-${n}-${customer.id}`, displayName: null, optedOut: false, metadata: null, unreachable: false, createdAt: at } as ChannelIdentityEntity;
  const conversation = {
    id: newId(), customerId: customer.id, inboxId: INBOX, channel: 'telegram', status: 'snoozed', assigneeId: AGENT, teamId: null, priority: 'high',
    snoozedUntil: new Date(at.getTime() + 3_600_000), firstResponseAt: null, resolvedAt: null, lastMessageAt: at, lastInboundAt: at,
    lastMessagePreview: 'раньше', metadata: { тема: 'Доставка' }, unreadCount: 2, createdAt: at, updatedAt: at,
  } as ConversationEntity;
  return { customer, identity, conversation };
}

function plan(w: ReturnType<typeof world>, content: string, over: { conversation?: PlanConversation | null; providerMessageId?: string; now?: Date; extra?: object } = {}): InboundPlan {
  return planInbound({
    inbound: { inboxId: INBOX, channel: 'telegram', content, providerMessageId: over.providerMessageId ?? newId(), ...over.extra },
    customer: w.customer, identity: w.identity,
    conversation: over.conversation === undefined ? w.conversation : over.conversation,
    now: over.now ?? new Date(), newId,
  });
}

/** The IngestWriter contract: every implementation passes the same cases. */
export function ingestWriterContract(open: () => Promise<IngestWriterHarness>): void {
  let h: IngestWriterHarness;
  const T0 = new Date('2026-12-01T10:00:00Z');
  beforeAll(async () => {
    h = await open();
  });

  async function seeded(n: number) {
    const w = world(n, T0);
    await h.seed({ inboxes: [INBOX, OTHER_INBOX], users: [AGENT], customers: [w.customer], identities: [w.identity], conversations: [w.conversation] });
    return w;
  }

  it('writes a batch: an opened conversation, a continued one with its update, messages and timeline events, sender changes', async () => {
    const a = await seeded(1);
    const b = await seeded(0);
    const at = new Date('2026-12-01T11:00:00.000Z');
    const opening = plan(a, AWKWARD, { conversation: null, now: at });
    const going = plan(b, 'Где мой заказ?', { now: at, extra: { identityUpdate: { optedOut: true, metadata: { chat: 'private' } }, customerFill: { name: 'Мария', attributes: { язык: 'ru' } } } });
    await h.writer.write([opening, going]);

    const opened = await h.conversation(opening.conversationId);
    expect(opened).toMatchObject({ customerId: a.customer.id, inboxId: INBOX, status: 'open', unreadCount: 1, lastMessagePreview: AWKWARD.slice(0, 200), assigneeId: null });
    expect((await h.messages(opening.conversationId)).map((m) => [m.id, m.content, m.direction, m.providerMessageId])).toEqual([[opening.message.id, AWKWARD, 'inbound', opening.message.providerMessageId]]);
    expect((await h.timeline(a.customer.id)).map((e) => e.type)).toEqual(['conversation_opened', 'message']);

    const continued = await h.conversation(b.conversation.id);
    expect(continued).toMatchObject({ status: 'open', snoozedUntil: null, unreadCount: 3, lastMessagePreview: 'Где мой заказ?', assigneeId: b.conversation.assigneeId, priority: 'high', metadata: { тема: 'Доставка' } });
    expect(continued!.lastInboundAt!.getTime()).toBe(at.getTime());
    const [message] = await h.messages(b.conversation.id);
    expect(message).toMatchObject({ authorName: 'Мария', customerId: b.customer.id, attachments: [], metadata: null, private: false });
    expect(await h.identity(b.identity.id)).toMatchObject({ optedOut: true, metadata: { chat: 'private' } });
    expect(await h.customer(b.customer.id)).toMatchObject({ name: 'Мария', attributes: { город: 'Москва', язык: 'ru' } });
  });

  it('sets exactly the columns the plan names: channel metadata when it comes, nothing else', async () => {
    const w = await seeded(2);
    await h.writer.write([plan(w, 'страница', { extra: { conversationMetadata: { страница: '/оплата', quote: AWKWARD } } })]);
    expect(await h.conversation(w.conversation.id)).toMatchObject({ metadata: { тема: 'Доставка', страница: '/оплата', quote: AWKWARD }, assigneeId: w.conversation.assigneeId, teamId: null, priority: 'high' });
  });

  it('counts every unread message of concurrent batches on one conversation', async () => {
    const w = await seeded(3);
    await Promise.all(Array.from({ length: 4 }, (_, i) => h.writer.write([plan(w, `сообщение ${i}`)])));
    expect((await h.conversation(w.conversation.id))!.unreadCount).toBe(2 + 4);
    expect(await h.messages(w.conversation.id)).toHaveLength(4);
  });

  it('refuses a redelivered message with a unique violation and writes nothing of its batch', async () => {
    const a = await seeded(4);
    const b = await seeded(5);
    const first = plan(a, 'первый', { providerMessageId: 'tg-update-1' });
    await h.writer.write([first]);
    let refused: unknown;
    await h.writer.write([plan(b, 'сосед'), plan(a, 'первый', { providerMessageId: 'tg-update-1' })]).catch((err) => (refused = err));
    expect(isUniqueViolation(refused)).toBe(true);
    expect(await h.messages(b.conversation.id)).toEqual([]);
    expect((await h.conversation(b.conversation.id))!.unreadCount).toBe(2);
    expect((await h.messages(a.conversation.id)).map((m) => m.content)).toEqual(['первый']);
  });

  it('keeps one provider message id per inbox only: another inbox stores the same id', async () => {
    const w = await seeded(6);
    const other = { ...plan(w, 'другой ящик', { providerMessageId: 'shared-id', conversation: null }) };
    other.message = { ...other.message, inboxId: OTHER_INBOX };
    await h.writer.write([plan(w, 'этот ящик', { providerMessageId: 'shared-id' })]);
    await expect(h.writer.write([other])).resolves.toBeUndefined();
  });
}
