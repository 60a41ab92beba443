import type { OutboundMessage, RealtimePublisher } from '@parley/channels-core';
import { WebchatAdapter } from './webchat.adapter';

/** The socket fan-out, recorded: what the visitor's widget would receive. */
class RecordedRealtime implements RealtimePublisher {
  readonly widget: { room: string; event: string; payload: unknown }[] = [];
  toAgents(): void {}
  toAgent(): void {}
  toWidgetRoom(room: string, event: string, payload: unknown): void {
    this.widget.push({ room, event, payload });
  }
}

const reply = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  messageId: '0195f3a3-0000-7000-8000-000000000042',
  conversationId: '0195f3a2-7c1e-7b41-9d3a-5c2e8f1a0b11',
  customerId: '0195f3a2-0000-7000-8000-0000000000c1',
  recipient: { externalId: 'visitor-1' },
  content: 'Здравствуйте! Заказ уже в пути.',
  attachments: [],
  authorName: 'Анна',
  createdAt: new Date('2026-12-06T10:00:00Z'),
  metadata: null,
  conversationMetadata: null,
  identityMetadata: null,
  references: [],
  quoted: null,
  ...over,
});

const inbox = { id: '0195f3a2-0000-7000-8000-0000000000a1', channel: 'webchat' as const, config: {} };
const room = `w:${inbox.id}:0195f3a2-0000-7000-8000-0000000000c1`;

describe('the web chat adapter', () => {
  it("pushes an agent's reply to the visitor's room as message:new", async () => {
    const realtime = new RecordedRealtime();
    const result = await new WebchatAdapter(realtime).send(reply(), inbox);
    expect(result).toEqual({ providerMessageId: '0195f3a3-0000-7000-8000-000000000042', status: 'sent' });
    expect(realtime.widget).toEqual([{
      room,
      event: 'message:new',
      payload: {
        id: '0195f3a3-0000-7000-8000-000000000042',
        clientMessageId: null,
        direction: 'outbound',
        content: 'Здравствуйте! Заказ уже в пути.',
        authorName: 'Анна',
        createdAt: '2026-12-06T10:00:00.000Z',
      },
    }]);
  });

  it('follows a survey question with its rating buttons as a survey event', async () => {
    const realtime = new RecordedRealtime();
    const buttons = ['1', '2', '3', '4', '5'].map((text) => ({ text, data: `csat:${text}` }));
    await new WebchatAdapter(realtime).send(reply({ content: 'Оцените, пожалуйста, ответ', metadata: { survey: 's1', buttons } }), inbox);
    expect(realtime.widget.map((e) => e.event)).toEqual(['message:new', 'survey']);
    expect(realtime.widget[1]).toEqual({ room, event: 'survey', payload: { messageId: '0195f3a3-0000-7000-8000-000000000042', options: ['1', '2', '3', '4', '5'] } });
  });
});
