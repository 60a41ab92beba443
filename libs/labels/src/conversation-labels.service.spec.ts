import { NotFoundException } from '@nestjs/common';
import type { RealtimePublisher } from '@parley/channels-core';
import { AGENT_EVENTS, type ConversationDto } from '@parley/contracts';
import { ConversationLabelsService } from './conversation-labels.service';
import type { ConversationView } from './ports/conversation-view.port';
import { InMemoryLabelsRepository } from './testing/in-memory-labels.repository';

const agent = { id: 'u-1', name: 'Ольга' };
const t0 = new Date('2026-12-01T10:00:00Z');

function setup() {
  const repo = new InMemoryLabelsRepository();
  repo.conversations.set('c-1', { id: 'c-1', customerId: 'cust-1', channel: 'telegram' });
  repo.labels.set('l-1', { id: 'l-1', nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d', createdAt: t0, updatedAt: t0 });
  const view: ConversationView = {
    get: async (id) => ({ id, labels: repo.rows.filter((r) => r.conversationId === id).map((r) => ({ id: r.labelId })) }) as unknown as ConversationDto,
  };
  const events: { event: string; payload: any }[] = [];
  const realtime = { toAgents: (event: string, payload: unknown) => void events.push({ event, payload }) } as unknown as RealtimePublisher;
  return { repo, events, service: new ConversationLabelsService(repo, view, realtime) };
}

describe('ConversationLabelsService on an in-memory repository', () => {
  it('adds a label with a timeline event naming it, and sends the conversation and the event live', async () => {
    const { service, repo, events } = setup();
    const dto = await service.add('c-1', 'l-1', agent);
    expect(dto.labels).toEqual([{ id: 'l-1' }]);
    expect(repo.rows).toEqual([expect.objectContaining({ conversationId: 'c-1', labelId: 'l-1', addedBy: 'u-1' })]);
    expect(repo.timeline).toEqual([expect.objectContaining({
      customerId: 'cust-1', type: 'label_added', conversationId: 'c-1', channel: 'telegram', title: 'Refund / Возврат', authorName: 'Ольга',
      data: { labelId: 'l-1', nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d' },
    })]);
    expect(repo.conversations.get('c-1')!.updatedAt).toEqual(repo.timeline[0].occurredAt);
    expect(events.map((e) => e.event)).toEqual([AGENT_EVENTS.conversationUpdated, AGENT_EVENTS.timelineCreated]);
    expect(events[1].payload).toMatchObject({ type: 'label_added', title: 'Refund / Возврат' });
  });

  it('adds a label already there once: no second row, event or broadcast', async () => {
    const { service, repo, events } = setup();
    await service.add('c-1', 'l-1', agent);
    const again = await service.add('c-1', 'l-1', agent);
    expect(again.labels).toEqual([{ id: 'l-1' }]);
    expect([repo.rows.length, repo.timeline.length, events.length]).toEqual([1, 1, 2]);
  });

  it('removes a label with a label_removed event, and removing it again changes nothing', async () => {
    const { service, repo, events } = setup();
    await service.add('c-1', 'l-1', agent);
    expect((await service.remove('c-1', 'l-1', agent)).labels).toEqual([]);
    expect(repo.timeline.map((e) => e.type)).toEqual(['label_added', 'label_removed']);
    await service.remove('c-1', 'l-1', agent);
    expect([repo.timeline.length, events.length]).toEqual([2, 4]);
  });

  it('404s an unknown conversation or label and writes nothing', async () => {
    const { service, repo, events } = setup();
    await expect(service.add('c-404', 'l-1', agent)).rejects.toThrow(new NotFoundException('Conversation c-404 not found'));
    await expect(service.add('c-1', 'l-404', agent)).rejects.toThrow(new NotFoundException('Label l-404 not found'));
    await expect(service.remove('c-1', 'l-404', agent)).rejects.toBeInstanceOf(NotFoundException);
    expect([repo.rows, repo.timeline, events]).toEqual([[], [], []]);
  });
});
