import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { RealtimePublisher } from '@parley/channels-core';
import { newId } from '@parley/domain';
import type { ConversationEntity } from '@parley/persistence';
import type { SlaService } from './sla.service';
import { InMemoryXlaRepository } from './testing/in-memory-xla.repository';
import { XlaService } from './xla.service';

const now = new Date('2026-12-06T12:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

function setup() {
  const repo = new InMemoryXlaRepository();
  const support = newId();
  repo.teams.add(support);
  const started: unknown[][] = [];
  const sla = { startNegativeReply: async (...args: unknown[]) => void started.push(args) } as unknown as SlaService;
  const published: { event: string; payload: any }[] = [];
  const realtime = { toAgents: (event: string, payload: unknown) => void published.push({ event, payload }) } as unknown as RealtimePublisher;
  const xla = new XlaService(repo, sla, realtime, { now: () => now });
  const conversation = (id: string, extra: Partial<ConversationEntity> = {}) => {
    const c = { id, customerId: 'cust-anna', channel: 'telegram', teamId: support, status: 'open', createdAt: now, resolvedAt: null, ...extra } as ConversationEntity;
    repo.conversations.set(id, c);
    return c;
  };
  return { repo, xla, support, started, published, conversation };
}

describe('XlaService: policies', () => {
  it('saves the default policy and a team policy, the team one winning for its team', async () => {
    const { xla, support } = setup();
    await xla.savePolicy({ negativeReplyMinutes: 30, csatTargetPercent: 80 });
    await xla.savePolicy({ teamId: support, negativeReplyMinutes: 10 });
    expect((await xla.policyFor(support))?.negativeReplyMinutes).toBe(10);
    expect((await xla.policyFor(null))?.negativeReplyMinutes).toBe(30);
    expect((await xla.policyFor(newId()))?.negativeReplyMinutes).toBe(30);
    expect(await xla.policies()).toHaveLength(2);
  });

  it('edits a team policy in place, keeping the fields the edit leaves out and clearing one set to null', async () => {
    const { xla, support } = setup();
    const first = await xla.savePolicy({ teamId: support, maxTransfers: 3, repeatContactDays: 14, csatTargetPercent: 90 });
    const edited = await xla.savePolicy({ teamId: support, maxTransfers: 2, csatTargetPercent: null });
    expect(edited).toEqual({ id: first.id, teamId: support, negativeReplyMinutes: null, maxTransfers: 2, repeatContactDays: 14, csatTargetPercent: null });
    expect(await xla.policies()).toEqual([edited]);
  });

  it('refuses an unknown team and values out of range, saying which', async () => {
    const { xla, repo } = setup();
    await expect(xla.savePolicy({ teamId: newId() })).rejects.toThrow(/Unknown team/);
    await expect(xla.savePolicy({ teamId: 'поддержка' })).rejects.toThrow(BadRequestException);
    await expect(xla.savePolicy({ negativeReplyMinutes: 0 })).rejects.toThrow('negativeReplyMinutes must be an integer 1…10080');
    await expect(xla.savePolicy({ maxTransfers: 1.5 })).rejects.toThrow('maxTransfers must be an integer 0…100');
    await expect(xla.savePolicy({ csatTargetPercent: 101 })).rejects.toThrow('csatTargetPercent must be an integer 0…100');
    expect(repo.policyRows.size).toBe(0);
  });

  it('removes a policy, and answers 404 for one that is not there', async () => {
    const { xla } = setup();
    const p = await xla.savePolicy({ maxTransfers: 2 });
    await xla.removePolicy(p.id);
    expect(await xla.policies()).toEqual([]);
    await expect(xla.removePolicy(p.id)).rejects.toThrow(NotFoundException);
  });
});

describe('XlaService: experience targets', () => {
  it('starts the human-answer clock on a negative message under a policy that sets one', async () => {
    const { xla, started, conversation } = setup();
    await xla.savePolicy({ negativeReplyMinutes: 15 });
    conversation('c-angry');
    await xla.onInbound('c-angry', false, 'negative', now);
    await xla.onInbound('c-angry', false, 'neutral', now);
    await xla.onInbound('c-gone', false, 'negative', now);
    expect(started).toEqual([['c-angry', now, 15]]);
  });

  it('records a repeat contact when the customer comes back within the window, with a timeline row for the agents', async () => {
    const { xla, repo, published, conversation } = setup();
    await xla.savePolicy({ repeatContactDays: 7 });
    const previous = conversation('c-old', { status: 'resolved', resolvedAt: daysAgo(3) });
    conversation('c-older', { status: 'resolved', resolvedAt: daysAgo(20) });
    conversation('c-new');
    await xla.onInbound('c-new', true, 'neutral', now);
    expect(repo.events).toMatchObject([{ conversationId: 'c-new', kind: 'repeat_contact', breached: true }]);
    expect(repo.timeline).toMatchObject([{ type: 'xla_breached', conversationId: 'c-new', title: 'repeat_contact', data: { previousConversationId: previous.id, withinDays: 7 } }]);
    expect(published.map((p) => p.payload.title)).toEqual(['repeat_contact']);
  });

  it('does not call a first contact, or one after the window, a repeat', async () => {
    const { xla, repo, conversation } = setup();
    await xla.savePolicy({ repeatContactDays: 7 });
    conversation('c-first');
    await xla.onInbound('c-first', true, null, now);
    conversation('c-long-ago', { customerId: 'cust-boris', status: 'resolved', resolvedAt: daysAgo(8) });
    conversation('c-back', { customerId: 'cust-boris' });
    await xla.onInbound('c-back', true, null, now);
    expect(repo.events).toEqual([]);
  });

  it('records a breach once a conversation is transferred more often than the policy allows', async () => {
    const { xla, repo, support, conversation } = setup();
    await xla.savePolicy({ teamId: support, maxTransfers: 2 });
    conversation('c-1');
    expect(await xla.onTransfer('c-1', 2)).toBe(false);
    expect(await xla.onTransfer('c-1', 3)).toBe(true);
    expect(repo.events).toMatchObject([{ kind: 'max_transfers', value: 3, teamId: support }]);
  });

  it('counts CSAT over the last 30 days and records a breach below the target', async () => {
    const { xla, repo, support, conversation } = setup();
    await xla.savePolicy({ teamId: support, csatTargetPercent: 70 });
    conversation('c-1');
    repo.events.push({ id: 'old', conversationId: 'c-0', teamId: support, kind: 'csat', value: 0, breached: false, occurredAt: daysAgo(45) });
    expect(await xla.recordCsat({ conversationId: 'c-1', satisfied: true, score: 5 })).toEqual({ teamPercent: 100, targetPercent: 70, breached: false });
    expect(await xla.recordCsat({ conversationId: 'c-1', satisfied: true, score: 4 })).toMatchObject({ teamPercent: 100, breached: false });
    expect(await xla.recordCsat({ conversationId: 'c-1', satisfied: false, score: 1 })).toEqual({ teamPercent: 66.7, targetPercent: 70, breached: true });
    expect(repo.timeline).toMatchObject([{ title: 'csat', data: { teamPercent: 66.7, targetPercent: 70, score: 1 } }]);
    expect(await xla.csatPercent(support)).toBe(66.7);
    expect(await xla.csatPercent(null)).toBeNull();
  });

  it('refuses a CSAT answer for a conversation that is gone', async () => {
    const { xla, repo } = setup();
    await expect(xla.recordCsat({ conversationId: 'c-gone', satisfied: true })).rejects.toThrow(NotFoundException);
    expect(repo.events).toEqual([]);
  });
});
