import type { DataSource } from 'typeorm';
import { DispatchFacts, DomainEventListeners } from '@parley/domain';
import type { ConversationEntity } from '@parley/persistence';
import type { SurveyDispatchService } from './survey-dispatch.service';
import { SurveyEventListener } from './survey-event.listener';

function wire(conversations: Record<string, string>) {
  const scheduled: string[] = [];
  const db = { getRepository: () => ({ findOneBy: async ({ id }: { id: string }) => (conversations[id] ? { id, status: conversations[id] } : null) }) } as unknown as DataSource;
  const dispatch = { scheduleAfterResolution: async (c: ConversationEntity) => void scheduled.push(c.id) } as unknown as SurveyDispatchService;
  const registry = new DomainEventListeners();
  const listener = new SurveyEventListener(registry, db, dispatch);
  listener.onModuleInit();
  return { listener, scheduled, registry };
}

describe('SurveyEventListener', () => {
  it('schedules the survey when a conversation is resolved', async () => {
    const { listener, scheduled, registry } = wire({ 'conv-1': 'resolved' });
    await listener.handle([{ type: 'conversation.status_changed', conversationId: 'conv-1', from: 'open', to: 'resolved' }], new DispatchFacts());
    expect(scheduled).toEqual(['conv-1']);
    expect(registry.ordered()).toEqual([listener]);
  });

  it('asks nothing about a conversation resolved again, reopened since, snoozed or gone', async () => {
    const { listener, scheduled } = wire({ again: 'resolved', reopened: 'open', snoozed: 'snoozed' });
    await listener.handle([
      { type: 'conversation.status_changed', conversationId: 'again', from: 'resolved', to: 'resolved' },
      { type: 'conversation.status_changed', conversationId: 'reopened', from: 'open', to: 'resolved' },
      { type: 'conversation.status_changed', conversationId: 'snoozed', from: 'open', to: 'snoozed' },
      { type: 'conversation.status_changed', conversationId: 'gone', from: 'open', to: 'resolved' },
    ], new DispatchFacts());
    expect(scheduled).toEqual([]);
  });
});
