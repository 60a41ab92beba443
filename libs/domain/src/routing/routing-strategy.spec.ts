import { boostFor, matchRule, queueOrder, rankCandidates, type QueueEntry, type RoutingCandidate } from './routing-strategy';

const agent = (id: string, over: Partial<RoutingCandidate> = {}): RoutingCandidate => ({
  id, online: true, capacity: 10, load: 0, skills: [], lastAssignedAt: null, ...over,
});

describe('routing strategies', () => {
  const need = { weight: 2, skills: [] as string[] };

  it('round-robin goes to whoever was assigned longest ago, never-assigned first', () => {
    const team = [agent('a', { lastAssignedAt: 300 }), agent('b', { lastAssignedAt: 100 }), agent('c')];
    expect(rankCandidates('round_robin', team, need)).toEqual(['c', 'b', 'a']);
  });

  it('least-busy compares load against capacity', () => {
    const team = [agent('a', { load: 4, capacity: 10 }), agent('b', { load: 3, capacity: 4 }), agent('c', { load: 6, capacity: 20 })];
    expect(rankCandidates('least_busy', team, need)).toEqual(['c', 'a']);
  });

  it('skips agents who are not online or have no room for the channel weight', () => {
    const team = [agent('away', { online: false }), agent('full', { load: 9, capacity: 10 }), agent('ok', { load: 8, capacity: 10 })];
    expect(rankCandidates('least_busy', team, need)).toEqual(['ok']);
    expect(rankCandidates('least_busy', team, { ...need, weight: 1 })).toEqual(['ok', 'full']);
  });

  it('skills-based prefers agents with every required skill, then the most, least busy within', () => {
    const team = [
      agent('en', { skills: ['lang:en', 'channel:email'] }),
      agent('ru-busy', { skills: ['lang:ru', 'channel:email'], load: 6 }),
      agent('ru', { skills: ['lang:ru', 'channel:email'], load: 2 }),
      agent('ru-chat', { skills: ['lang:ru'] }),
    ];
    expect(rankCandidates('skills', team, { weight: 1, skills: ['lang:ru', 'channel:email'] })).toEqual(['ru', 'ru-busy', 'ru-chat', 'en']);
  });

  it('sends a returning customer to their last agent when that agent has room', () => {
    const team = [agent('a'), agent('b', { lastAssignedAt: 5 })];
    expect(rankCandidates('round_robin', team, { ...need, stickyAgentId: 'b' })).toEqual(['b', 'a']);
    expect(rankCandidates('round_robin', [agent('a'), agent('b', { online: false })], { ...need, stickyAgentId: 'b' })).toEqual(['a']);
  });

  it('never offers an excluded agent (reassignment after a breach)', () => {
    expect(rankCandidates('round_robin', [agent('a'), agent('b')], { ...need, exclude: ['a'] })).toEqual(['b']);
  });

  it('orders the waiting queue by priority, then VIP and negative-sentiment boost, then waiting time', () => {
    const q: QueueEntry[] = [
      { conversationId: 'old', priority: 'normal', boost: 0, waitingSince: 1 },
      { conversationId: 'angry', priority: 'normal', boost: boostFor({ tags: [] }, 'negative'), waitingSince: 5 },
      { conversationId: 'vip', priority: 'normal', boost: boostFor({ tags: ['VIP'] }, null), waitingSince: 9 },
      { conversationId: 'urgent', priority: 'urgent', boost: 0, waitingSince: 10 },
    ];
    expect(q.sort(queueOrder).map((e) => e.conversationId)).toEqual(['urgent', 'vip', 'angry', 'old']);
  });

  it('maps inbox, language and keywords to a team, first matching rule wins', () => {
    const rules = [
      { teamId: 'billing', inboxId: null, language: null, keywords: ['refund', 'возврат денег'] },
      { teamId: 'ru', inboxId: null, language: 'ru', keywords: [] },
      { teamId: 'mail', inboxId: 'inbox-mail', language: null, keywords: [] },
    ];
    expect(matchRule(rules, { inboxId: 'x', language: 'en', text: 'I want a REFUND now' })?.teamId).toBe('billing');
    expect(matchRule(rules, { inboxId: 'x', language: 'ru', text: 'Хочу возврат денег' })?.teamId).toBe('billing');
    expect(matchRule(rules, { inboxId: 'x', language: 'ru', text: 'Где заказ?' })?.teamId).toBe('ru');
    expect(matchRule(rules, { inboxId: 'inbox-mail', language: 'en', text: 'refunded?' })?.teamId).toBe('mail');
    expect(matchRule(rules, { inboxId: 'x', language: 'en', text: 'hello' })).toBeNull();
  });
});
