import { DispatchFacts, DomainEventListeners } from '@parley/domain';
import type { ConversationEntity } from '@parley/persistence';
import type { SurveyDispatchService } from './survey-dispatch.service';
import { SurveyEventListener } from './survey-event.listener';
import { InMemorySurveyRepository } from './testing/in-memory-survey.repository';

function wire(conversations: Record<string, string>) {
  const scheduled: string[] = [];
  const repo = new InMemorySurveyRepository();
  for (const [id, status] of Object.entries(conversations)) repo.conversations.set(id, { id, status } as ConversationEntity);
  const dispatch = { scheduleAfterResolution: async (c: ConversationEntity) => void scheduled.push(c.id) } as unknown as SurveyDispatchService;
  const registry = new DomainEventListeners();
  const listener = new SurveyEventListener(registry, repo, dispatch);
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
