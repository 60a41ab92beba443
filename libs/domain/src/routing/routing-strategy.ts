/** The domain's own words for these; tools/lint/domain-contracts.spec.ts keeps them equal to the api's. */
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type RoutingStrategy = 'round_robin' | 'least_busy' | 'skills';

/** An agent as the decision sees them; loads come from the cached counter, re-checked under lock. */
export interface RoutingCandidate {
  id: string;
  online: boolean;
  capacity: number;
  load: number;
  skills: string[];
  /** ms since epoch; null = never assigned (goes first in round-robin). */
  lastAssignedAt: number | null;
}

export interface RoutingNeed {
  /** Capacity points this conversation takes (its channel's weight). */
  weight: number;
  /** `lang:ru`, `channel:email`, `tag:vip`… */
  skills: string[];
  /** The customer's last agent, tried first when the team is sticky. */
  stickyAgentId?: string | null;
  exclude?: string[];
}

const hasRoom = (c: RoutingCandidate, weight: number) => c.online && c.load + weight <= c.capacity;
const ratio = (c: RoutingCandidate) => (c.capacity > 0 ? c.load / c.capacity : 1);
const lastAt = (c: RoutingCandidate) => c.lastAssignedAt ?? -Infinity;

/**
 * Who to try, best first. Only agents online with room for the conversation's weight qualify; the
 * caller claims them in order under a lock, so a stale load only costs a retry, never an overload.
 */
export function rankCandidates(strategy: RoutingStrategy, candidates: RoutingCandidate[], need: RoutingNeed): string[] {
  const excluded = new Set(need.exclude ?? []);
  const eligible = candidates.filter((c) => !excluded.has(c.id) && hasRoom(c, need.weight));
  const byRoundRobin = (a: RoutingCandidate, b: RoutingCandidate) => lastAt(a) - lastAt(b) || (a.id < b.id ? -1 : 1);
  const byLoad = (a: RoutingCandidate, b: RoutingCandidate) => ratio(a) - ratio(b) || byRoundRobin(a, b);
  let ranked: RoutingCandidate[];
  if (strategy === 'round_robin') {
    ranked = eligible.sort(byRoundRobin);
  } else if (strategy === 'least_busy') {
    ranked = eligible.sort(byLoad);
  } else {
    // Skills: agents with every required skill first, then those with the most (a shared language
    // counts double: a wrong language is worse than a wrong channel); least busy within.
    const matched = (c: RoutingCandidate) => need.skills.reduce((n, s) => n + (c.skills.includes(s) ? (s.startsWith('lang:') ? 2 : 1) : 0), 0);
    const scored = eligible.map((c) => ({ c, m: matched(c) }));
    ranked = scored.sort((a, b) => b.m - a.m || byLoad(a.c, b.c)).map((x) => x.c);
  }
  const ids = ranked.map((c) => c.id);
  const sticky = need.stickyAgentId;
  if (sticky && ids.includes(sticky)) return [sticky, ...ids.filter((id) => id !== sticky)];
  return ids;
}

const PRIORITY_RANK: Record<Priority, number> = { urgent: 3, high: 2, normal: 1, low: 0 };

/** Queue order of waiting conversations: priority, then boost (VIP, negative sentiment), then wait. */
export function queueOrder(a: QueueEntry, b: QueueEntry): number {
  return PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] || b.boost - a.boost || a.waitingSince - b.waitingSince;
}

export interface QueueEntry {
  conversationId: string;
  priority: Priority;
  boost: number;
  waitingSince: number;
}

export const VIP_BOOST = 10;
export const NEGATIVE_BOOST = 5;

/** Boost from who the customer is and how they feel. */
export function boostFor(customer: { tags?: string[] | null; attributes?: Record<string, unknown> | null }, sentiment: string | null): number {
  const vip = (customer.tags ?? []).some((t) => t.toLowerCase() === 'vip') || customer.attributes?.vip === true;
  return (vip ? VIP_BOOST : 0) + (sentiment === 'negative' ? NEGATIVE_BOOST : 0);
}

export interface RuleInput {
  inboxId: string;
  language: string | null;
  text: string;
}

export interface RuleSpec {
  teamId: string;
  inboxId: string | null;
  language: string | null;
  keywords: string[];
}

/** First rule (in order) whose every set condition matches; keywords match whole words, any of them. */
export function matchRule<R extends RuleSpec>(rules: R[], input: RuleInput): R | null {
  const words = new Set(input.text.toLowerCase().replace(/ё/g, 'е').match(/[\p{L}\p{N}]+/gu) ?? []);
  const lowered = input.text.toLowerCase().replace(/ё/g, 'е');
  for (const rule of rules) {
    if (rule.inboxId && rule.inboxId !== input.inboxId) continue;
    if (rule.language && rule.language !== input.language) continue;
    if (rule.keywords.length) {
      const hit = rule.keywords.some((k) => {
        const kw = k.toLowerCase().replace(/ё/g, 'е').trim();
        return kw.includes(' ') ? lowered.includes(kw) : words.has(kw);
      });
      if (!hit) continue;
    }
    return rule;
  }
  return null;
}
