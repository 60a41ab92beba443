import type { DeliveryStatusService } from '@parley/conversations';
import type { MessageEntity } from '@parley/persistence';
import { InMemoryWidgetVisitorRepository } from './testing/in-memory-widget-visitor.repository';
import { markSeen } from './widget-seen';

const INBOX = '0190b7a4-5555-7000-8000-000000000005';
const CUSTOMER = '0190b7a4-6666-7000-8000-000000000006';
const CONVERSATION = '0190b7a4-7777-7000-8000-000000000007';
const visitor = { inboxId: INBOX, customerId: CUSTOMER };

let seq = 0;
function message(fields: Partial<MessageEntity>): MessageEntity {
  seq++;
  return {
    id: `0190b7a4-8888-7000-8000-${String(seq).padStart(12, '0')}`, conversationId: CONVERSATION, customerId: CUSTOMER, inboxId: INBOX, channel: 'webchat',
    direction: 'outbound', authorType: 'agent', authorId: null, authorName: 'Ольга', content: 'Здравствуйте!', private: false, attachments: [],
    providerMessageId: null, clientMessageId: null, metadata: null, deliveryStatus: 'sent', deliveryError: null, deliveryAttempts: 1,
    createdAt: new Date(Date.UTC(2026, 0, 10, 9, seq)), updatedAt: new Date(), ...fields,
  } as MessageEntity;
}

function setup() {
  const repo = new InMemoryWidgetVisitorRepository();
  const queued: { inboxId: string; updates: { providerMessageId: string; status: string }[] }[] = [];
  const deliveryStatus = { queueDeliveryStatus: async (inboxId: string, updates: never[]) => void queued.push({ inboxId, updates }) } as unknown as DeliveryStatusService;
  return { repo, queued, deliveryStatus };
}

describe('a web chat visitor seeing the agent\'s replies', () => {
  it('queues `read` for the seen reply and the earlier unread ones of its conversation, oldest first', async () => {
    const { repo, queued, deliveryStatus } = setup();
    const read = message({ deliveryStatus: 'read', content: 'Добрый день' });
    const earlier = message({ deliveryStatus: 'delivered', content: 'Проверяю заказ' });
    const note = message({ private: true, content: 'Клиент VIP' });
    const inbound = message({ direction: 'inbound', authorType: 'customer', content: 'Где мой заказ?' });
    const seen = message({ content: 'Заказ в пути', deliveryStatus: 'pending' });
    const later = message({ content: 'Курьер будет завтра' });
    repo.messages.push(read, earlier, note, inbound, seen, later);

    expect(await markSeen(repo, deliveryStatus, visitor, seen.id)).toEqual({ ok: true });
    expect(queued).toEqual([{ inboxId: INBOX, updates: [{ providerMessageId: earlier.id, status: 'read' }, { providerMessageId: seen.id, status: 'read' }] }]);
  });

  it('refuses a message that is not a reply to this visitor', async () => {
    const { repo, queued, deliveryStatus } = setup();
    const someoneElses = message({ customerId: '0190b7a4-9999-7000-8000-000000000009' });
    const note = message({ private: true });
    repo.messages.push(someoneElses, note);

    expect(await markSeen(repo, deliveryStatus, visitor, someoneElses.id)).toEqual({ ok: false, error: 'Unknown message' });
    expect(await markSeen(repo, deliveryStatus, visitor, note.id)).toEqual({ ok: false, error: 'Unknown message' });
    expect(await markSeen(repo, deliveryStatus, visitor, 'не-идентификатор')).toEqual({ ok: false, error: 'messageId must be a message id' });
    expect(queued).toEqual([]);
  });
});
