import { DispatchFacts, DomainEventListeners } from '@parley/domain';
import { CollaboratorsService } from './collaborators.service';
import { NotificationCentreService } from './notification-centre.service';
import { NotificationListener } from './notification.listener';
import { NotifyService } from './notify.service';
import { InMemoryNotifications } from './testing/in-memory-notifications';

export const ANNA = '0190a7c2-0000-7000-8000-00000000000a';
export const BORIS = '0190a7c2-0000-7000-8000-00000000000b';
export const SVETA = '0190a7c2-0000-7000-8000-00000000000c';
export const CONVERSATION = '0190a7c2-0000-7000-8000-0000000000c1';
export const TEAM = '0190a7c2-0000-7000-8000-0000000000f1';

/** The notifications capability on fakes: one conversation assigned to Anna, three agents. */
export function notificationsOnFakes() {
  const store = new InMemoryNotifications();
  store.users = [{ id: ANNA, name: 'Анна Ким' }, { id: BORIS, name: 'Борис Петров' }, { id: SVETA, name: 'Светлана Орлова' }];
  store.conversations.set(CONVERSATION, { id: CONVERSATION, customerId: '0190a7c2-0000-7000-8000-0000000000d1', customerName: 'Иван Сидоров', assigneeId: ANNA, teamId: TEAM });
  const sent: { userId: string; event: string; payload: unknown }[] = [];
  const realtime = { toAgents: () => undefined, toWidgetRoom: () => undefined, toAgent: (userId: string, event: string, payload: unknown) => void sent.push({ userId, event, payload }) };
  const notify = new NotifyService(store, store, realtime);
  const collaborators = new CollaboratorsService(store.collaborators, store);
  const centre = new NotificationCentreService(store, realtime);
  const listener = new NotificationListener(new DomainEventListeners(), notify, collaborators, store);
  const dispatch = (...events: Parameters<NotificationListener['handle']>[0]) => listener.handle(events, new DispatchFacts());
  return { store, sent, notify, collaborators, centre, listener, dispatch };
}
