import { notifiedUsers, recipientsOf, wantsNotification, type RecipientPreferences } from './notification-rules';

const online: RecipientPreferences = { presence: 'online', events: {} };
const away: RecipientPreferences = { presence: 'away', events: {} };

describe('who is notified', () => {
  it('tells the assignee of an assignment, unless they assigned it to themselves', () => {
    expect(recipientsOf({ type: 'assigned', assigneeId: 'b', actorId: 'a' })).toEqual(['b']);
    expect(recipientsOf({ type: 'assigned', assigneeId: 'b', actorId: 'b' })).toEqual([]);
    expect(recipientsOf({ type: 'assigned', assigneeId: null, actorId: 'a' })).toEqual([]);
  });

  it('tells the assignee and the collaborators of a customer message, each once', () => {
    expect(recipientsOf({ type: 'message', assigneeId: 'a', collaboratorIds: ['b', 'a', 'c'] })).toEqual(['a', 'b', 'c']);
  });

  it('tells the mentioned agents but not the author of the note', () => {
    expect(recipientsOf({ type: 'mention', mentionedIds: ['b', 'a'], actorId: 'a' })).toEqual(['b']);
  });

  it('tells the assignee of an SLA warning and breach, and the leads of a detractor', () => {
    expect(recipientsOf({ type: 'sla_breach', assigneeId: 'a' })).toEqual(['a']);
    expect(recipientsOf({ type: 'detractor', leadIds: ['s1', 's2'] })).toEqual(['s1', 's2']);
  });
});

describe('presence and settings', () => {
  it('silences everything but mentions while the agent is away', () => {
    expect(wantsNotification('message', away)).toBe(false);
    expect(wantsNotification('assigned', away)).toBe(false);
    expect(wantsNotification('mention', away)).toBe(true);
  });

  it('follows the agent’s choices, every event on by default', () => {
    expect(wantsNotification('message', online)).toBe(true);
    expect(wantsNotification('message', { presence: 'online', events: { message: false } })).toBe(false);
    expect(wantsNotification('mention', { presence: 'away', events: { mention: false } })).toBe(false);
  });

  it('filters the recipients of a fact through both', () => {
    const prefs = (id: string) => (id === 'b' ? away : online);
    expect(notifiedUsers({ type: 'message', assigneeId: 'a', collaboratorIds: ['b'] }, prefs)).toEqual(['a']);
  });
});
