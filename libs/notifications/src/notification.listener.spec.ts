import { DispatchFacts, mentionToken, ROUTING_OUTCOMES } from '@parley/domain';
import { ANNA, BORIS, CONVERSATION, notificationsOnFakes, SVETA, TEAM } from './notification-test-setup';

const NOTE = '0190a7c2-0000-7000-8000-0000000000e1';
const MESSAGE = '0190a7c2-0000-7000-8000-0000000000e2';
const ofUser = (rows: { userId: string; type: string }[], userId: string) => rows.filter((r) => r.userId === userId).map((r) => r.type);

describe('NotificationListener', () => {
  it('adds a mentioned agent as a collaborator and notifies them, not the author', async () => {
    const { store, sent, dispatch } = notificationsOnFakes();
    store.messages.set(NOTE, { id: NOTE, conversationId: CONVERSATION, content: `${mentionToken({ id: BORIS, name: 'Борис Петров' })} посмотри, пожалуйста, @Анна`, private: true });
    await dispatch({ type: 'note.added', conversationId: CONVERSATION, messageId: NOTE, authorId: ANNA });
    expect(store.collaborators.rows.map((c) => [c.userId, c.reason])).toEqual([[BORIS, 'mention']]);
    expect(ofUser(store.notifications, BORIS)).toEqual(['mention']);
    expect(ofUser(store.notifications, ANNA)).toEqual([]);
    expect(sent).toEqual([expect.objectContaining({ userId: BORIS, event: 'notification.created' })]);
  });

  it('reaches a mentioned agent who is away', async () => {
    const { store, dispatch } = notificationsOnFakes();
    store.presences.set(BORIS, 'away');
    store.messages.set(NOTE, { id: NOTE, conversationId: CONVERSATION, content: '@Борис глянь', private: true });
    await dispatch({ type: 'note.added', conversationId: CONVERSATION, messageId: NOTE, authorId: ANNA });
    expect(ofUser(store.notifications, BORIS)).toEqual(['mention']);
  });

  it('notifies the assignee and the collaborators of a customer message, except those away', async () => {
    const { store, collaborators, dispatch } = notificationsOnFakes();
    await collaborators.add(CONVERSATION, BORIS, BORIS);
    await collaborators.add(CONVERSATION, SVETA, BORIS);
    store.presences.set(SVETA, 'away');
    store.messages.set(MESSAGE, { id: MESSAGE, conversationId: CONVERSATION, content: 'Где мой заказ?', private: false });
    await dispatch({ type: 'message.received', conversationId: CONVERSATION, messageId: MESSAGE, opened: false });
    expect(store.notifications.map((n) => n.userId).sort()).toEqual([ANNA, BORIS].sort());
    expect(store.notifications[0].data).toMatchObject({ preview: 'Где мой заказ?', title: 'Иван Сидоров' });
  });

  it('reads a group of customer messages once per kind of row, however many conversations it spans', async () => {
    const { store, collaborators, dispatch } = notificationsOnFakes();
    const other = '0190a7c2-0000-7000-8000-0000000000c2';
    store.conversations.set(other, { id: other, customerId: '0190a7c2-0000-7000-8000-0000000000d2', customerName: 'Olga Ivanova', assigneeId: null, teamId: null });
    await collaborators.add(other, SVETA, SVETA);
    const ids = ['e3', 'e4', 'e5'].map((n) => `0190a7c2-0000-7000-8000-0000000000${n}`);
    ids.forEach((id, i) => store.messages.set(id, { id, conversationId: i < 2 ? CONVERSATION : other, content: `Сообщение ${i}`, private: false }));
    const reads = ['conversation', 'conversationsOf', 'message', 'messagesOf', 'presence', 'settings'].map((m) => jest.spyOn(store, m as 'presence'));
    const followers = jest.spyOn(store.collaborators, 'followers');
    const inserts = jest.spyOn(store, 'insertNew');
    await dispatch(...ids.map((messageId, i) => ({ type: 'message.received' as const, conversationId: i < 2 ? CONVERSATION : other, messageId, opened: false })));
    expect(reads.map((r) => r.mock.calls.length)).toEqual([0, 1, 0, 1, 1, 1]);
    expect(followers).toHaveBeenCalledTimes(1);
    expect(inserts).toHaveBeenCalledTimes(1);
    expect(store.notifications.map((n) => [n.userId, n.data.preview, n.data.title])).toEqual([
      [ANNA, 'Сообщение 0', 'Иван Сидоров'], [ANNA, 'Сообщение 1', 'Иван Сидоров'], [SVETA, 'Сообщение 2', 'Olga Ivanova'],
    ]);
  });

  it('reads no message, presence or settings when nobody follows the conversations', async () => {
    const { store, dispatch } = notificationsOnFakes();
    store.conversations.get(CONVERSATION)!.assigneeId = null;
    const reads = ['messagesOf', 'presence', 'settings'].map((m) => jest.spyOn(store, m as 'presence'));
    await dispatch({ type: 'message.received', conversationId: CONVERSATION, messageId: MESSAGE, opened: true });
    expect(reads.map((r) => r.mock.calls.length)).toEqual([0, 0, 0]);
    expect(store.notifications).toEqual([]);
  });

  it('tells the agent routing just assigned of the assignment rather than of the message too', async () => {
    const { store, listener } = notificationsOnFakes();
    store.messages.set(MESSAGE, { id: MESSAGE, conversationId: CONVERSATION, content: 'Здравствуйте', private: false });
    const facts = new DispatchFacts();
    facts.set(ROUTING_OUTCOMES, new Map([[CONVERSATION, { assigned: true }]]));
    await listener.handle([{ type: 'message.received', conversationId: CONVERSATION, messageId: MESSAGE, opened: true }], facts);
    expect(ofUser(store.notifications, ANNA)).toEqual(['assigned']);
  });

  it('stores a notification once when the listener runs twice', async () => {
    const { store, sent, dispatch } = notificationsOnFakes();
    const event = { type: 'conversation.assigned' as const, conversationId: CONVERSATION, previousAssigneeId: null, previousTeamId: null, actorId: BORIS, at: '2026-01-05T10:00:00.000Z' };
    await dispatch(event);
    await dispatch(event);
    expect(ofUser(store.notifications, ANNA)).toEqual(['assigned']);
    expect(sent).toHaveLength(1);
  });

  it('does not notify agents who assign a conversation to themselves, or who switched the event off', async () => {
    const { store, centre, dispatch } = notificationsOnFakes();
    await dispatch({ type: 'conversation.assigned', conversationId: CONVERSATION, previousAssigneeId: null, previousTeamId: null, actorId: ANNA });
    await centre.saveSettings(ANNA, { events: { sla_breach: false } });
    await dispatch({ type: 'sla.fired', conversationId: CONVERSATION, timerId: 't1', metric: 'first_response', phase: 'breach' });
    await dispatch({ type: 'sla.fired', conversationId: CONVERSATION, timerId: 't1', metric: 'first_response', phase: 'warning' });
    expect(ofUser(store.notifications, ANNA)).toEqual(['sla_warning']);
  });

  it('tells the team’s leads of a detractor, not of a satisfied customer', async () => {
    const { store, dispatch } = notificationsOnFakes();
    store.leads.set(TEAM, [SVETA]);
    store.surveys.set('s1', 'csat').set('s2', 'csat');
    const answered = (surveyId: string, score: number) => ({ type: 'survey.answered' as const, conversationId: CONVERSATION, surveyId, satisfied: score >= 4, score, answeredAt: '2026-01-05T10:00:00.000Z' });
    await dispatch(answered('s1', 5), answered('s2', 1));
    expect(store.notifications.map((n) => [n.userId, n.type, n.data.score])).toEqual([[SVETA, 'detractor', 1]]);
  });
});
