import { planInbound, updatedColumns, type PlanInput } from './inbound-plan';

const NOW = new Date('2026-03-02T09:30:00Z');

function input(over: Partial<PlanInput> = {}): PlanInput {
  let n = 0;
  return {
    inbound: { inboxId: 'ящик', channel: 'telegram', content: 'Где мой заказ?', providerMessageId: 'tg-1' },
    customer: { id: 'клиент', name: 'Мария', email: null, phone: null },
    identity: { id: 'личность' },
    conversation: { id: 'разговор', status: 'open', unreadCount: 2, metadata: null },
    now: NOW,
    newId: () => `id-${++n}`,
    ...over,
  };
}

describe('the plan of an inbound message', () => {
  it('continues a conversation: one message, one timeline event, the continuation as the update with the unread count as an increment', () => {
    const plan = planInbound(input());
    expect(plan).toMatchObject({ conversationId: 'разговор', opened: false, resumed: false, claimedBy: null, conversationInsert: null, identityUpdate: null, customerUpdate: null });
    expect(plan.message).toMatchObject({ id: 'id-1', conversationId: 'разговор', customerId: 'клиент', authorName: 'Мария', content: 'Где мой заказ?', providerMessageId: 'tg-1', createdAt: NOW });
    expect(plan.timeline).toEqual([expect.objectContaining({ id: 'id-2', type: 'message', messageId: 'id-1', direction: 'inbound', content: 'Где мой заказ?', data: null })]);
    expect(plan.conversationUpdate).toEqual({
      id: 'разговор',
      set: { status: 'open', snoozedUntil: null, resolvedAt: null, lastMessageAt: NOW, lastInboundAt: NOW, lastMessagePreview: 'Где мой заказ?', updatedAt: NOW },
      increment: ['unreadCount'],
    });
    expect(plan.conversationAfter.unreadCount).toBe(3);
  });

  it('derives the updated columns from the plan: channel metadata adds its column, nothing is hand-listed', () => {
    const plain = planInbound(input());
    const withPage = planInbound(input({ inbound: { ...input().inbound, conversationMetadata: { страница: '/оплата' } } }));
    expect(updatedColumns(plain.conversationUpdate!)).toEqual(['lastInboundAt', 'lastMessageAt', 'lastMessagePreview', 'resolvedAt', 'snoozedUntil', 'status', 'updatedAt', '+unreadCount']);
    expect(updatedColumns(withPage.conversationUpdate!)).toContain('metadata');
    expect(withPage.conversationUpdate!.set.metadata).toEqual({ страница: '/оплата' });
  });

  it('resumes a snoozed conversation', () => {
    expect(planInbound(input({ conversation: { id: 'разговор', status: 'snoozed', unreadCount: 0, metadata: null } })).resumed).toBe(true);
  });

  it('opens a conversation that already holds the message: an opened event before the message event, no update', () => {
    const plan = planInbound(input({ conversation: null, inbound: { ...input().inbound, content: '', attachments: [{ url: '/a/1' }] } }));
    expect(plan.opened).toBe(true);
    expect(plan.conversationUpdate).toBeNull();
    expect(plan.conversationInsert).toMatchObject({ id: plan.conversationId, status: 'open', unreadCount: 1, lastMessagePreview: '📎', customerId: 'клиент', inboxId: 'ящик' });
    expect(plan.timeline.map((e) => e.type)).toEqual(['conversation_opened', 'message']);
    expect(plan.timeline[1].data).toEqual({ attachments: [{ url: '/a/1' }] });
  });

  it('keeps a claimed message in the claiming conversation, touching only its reply window', () => {
    const plan = planInbound(input({ claim: { conversationId: 'опрос', hook: 'survey' }, inbound: { ...input().inbound, metadata: { a: 1 } } }));
    expect(plan).toMatchObject({ conversationId: 'опрос', claimedBy: 'survey', opened: false, conversationUpdate: { id: 'опрос', set: { lastInboundAt: NOW } } });
    expect(plan.message.metadata).toEqual({ a: 1, claimedBy: 'survey' });
    expect(plan.timeline).toHaveLength(1);
  });

  it('carries what the message changes on the identity and fills in on the customer, and signs with the filled-in name', () => {
    const plan = planInbound(input({
      customer: { id: 'клиент', name: null, email: null, phone: null },
      inbound: { ...input().inbound, identityUpdate: { optedOut: true }, customerFill: { name: ' Мария ' } },
    }));
    expect(plan.identityUpdate).toEqual({ id: 'личность', set: { optedOut: true } });
    expect(plan.customerUpdate).toEqual({ id: 'клиент', set: { name: 'Мария', updatedAt: NOW } });
    expect(plan.message.authorName).toBe('Мария');
  });

  it('stores a message the page sent from elsewhere as outbound and sent, leaving status, unread count and reply window alone', () => {
    const echo = { ...input().inbound, channel: 'messenger', content: 'Отправили вам трек-номер', sentElsewhere: { authorName: 'Магазин' } };
    const plan = planInbound(input({ inbound: echo, conversation: { id: 'разговор', status: 'resolved', unreadCount: 2, metadata: null } }));
    expect(plan).toMatchObject({ opened: false, resumed: false, claimedBy: null, customerUpdate: null });
    expect(plan.message).toMatchObject({ direction: 'outbound', authorType: 'agent', authorName: 'Магазин', deliveryStatus: 'sent', metadata: { sentElsewhere: true } });
    expect(plan.timeline).toEqual([expect.objectContaining({ type: 'message', direction: 'outbound', authorName: 'Магазин' })]);
    expect(plan.conversationUpdate).toEqual({ id: 'разговор', set: { lastMessageAt: NOW, lastMessagePreview: 'Отправили вам трек-номер', updatedAt: NOW } });
    const opening = planInbound(input({ inbound: echo, conversation: null }));
    expect(opening.conversationInsert).toMatchObject({ status: 'open', unreadCount: 0, lastInboundAt: null, lastMessagePreview: 'Отправили вам трек-номер' });
    expect(opening.timeline.map((e) => e.type)).toEqual(['conversation_opened', 'message']);
  });
});
