import type { RealtimePublisher } from '@parley/channels-core';
import { newId } from '@parley/domain';
import type { ConversationEntity, CustomerEntity, UserEntity } from '@parley/persistence';
import type { JobQueue, Scheduler } from '@parley/queue';
import { ConversationsService } from '../conversations.service';
import { InMemoryBulkOperationRepository } from '../testing/in-memory-bulk-operation.repository';
import { InMemoryConversationLabeller } from '../testing/in-memory-conversation-labeller';
import { InMemoryConversationRepository } from '../testing/in-memory-conversation.repository';
import { BULK_PAGE, BulkOperationRunner } from './bulk-operation.runner';
import { BULK_QUEUE, BulkOperationsService } from './bulk-operations.service';

const t0 = new Date('2026-12-01T10:00:00Z');
const olga = { id: newId(), name: 'Ольга' };

function setup(count: number) {
  const repo = new InMemoryConversationRepository();
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = newId();
    ids.push(id);
    repo.conversations.set(id, {
      id, customerId: 'cust-1', inboxId: 'in-1', channel: 'telegram', status: 'open', priority: i % 2 ? 'urgent' : 'normal', assigneeId: null, teamId: null,
      unreadCount: 0, snoozedUntil: null, resolvedAt: null, lastMessageAt: new Date(t0.getTime() + i * 1000), createdAt: t0, updatedAt: t0,
    } as unknown as ConversationEntity);
  }
  repo.customerRows.set('cust-1', { id: 'cust-1', name: 'Пётр' } as CustomerEntity);
  repo.users.set(olga.id, { id: olga.id, name: olga.name } as UserEntity);
  const jobs: { queue: string; name: string; data: any }[] = [];
  const queue = { add: async (queue: string, name: string, data: unknown) => void jobs.push({ queue, name, data }) } as unknown as JobQueue;
  const progress: { userId: string; event: string; payload: any }[] = [];
  const realtime = { toAgents: () => undefined, toAgent: (userId: string, event: string, payload: unknown) => void progress.push({ userId, event, payload }) } as unknown as RealtimePublisher;
  const scheduler = { schedule: async () => undefined } as unknown as Scheduler;
  const conversations = new ConversationsService(repo, realtime, queue, scheduler);
  const operations = new InMemoryBulkOperationRepository();
  const labeller = new InMemoryConversationLabeller(repo);
  return {
    repo, ids, jobs, progress, operations, labeller,
    bulk: new BulkOperationsService(operations, repo, queue, labeller),
    runner: new BulkOperationRunner(operations, repo, conversations, realtime, labeller),
  };
}

describe('bulk operations', () => {
  it('records the operation and queues it, counting the matches of a filter', async () => {
    const { bulk, jobs } = setup(5);
    const op = await bulk.start({ filter: { status: 'open', priority: 'urgent' } }, { type: 'status', status: 'resolved' }, olga);
    expect(op).toMatchObject({ state: 'queued', total: 2, done: 0, failed: 0, requestedBy: olga.id });
    expect(jobs).toEqual([{ queue: BULK_QUEUE, name: 'run', data: { operationId: op.id } }]);
  });

  it('changes every match page by page, each with its timeline event, and reports progress to the requester', async () => {
    const { bulk, runner, repo, progress, operations } = setup(BULK_PAGE * 2 + 30);
    const op = await bulk.start({ filter: { status: 'open' } }, { type: 'status', status: 'resolved' }, olga);
    await runner.run(op.id, false);
    expect([...repo.conversations.values()].every((c) => c.status === 'resolved')).toBe(true);
    expect(repo.timeline.filter((e) => e.type === 'status_changed' && e.authorName === 'Ольга')).toHaveLength(230);
    expect(operations.updates.filter((u) => u.cursor !== undefined).map((u) => u.done)).toEqual([100, 200, 230]);
    expect(progress.every((p) => p.userId === olga.id && p.event === 'bulk.progress')).toBe(true);
    expect(progress[progress.length - 1].payload).toMatchObject({ state: 'done', total: 230, done: 230, failed: 0 });
  });

  it('records a conversation that cannot be changed and goes on with the rest', async () => {
    const { bulk, runner, ids, operations } = setup(3);
    const missing = newId();
    const op = await bulk.start({ conversationIds: [...ids, missing] }, { type: 'priority', priority: 'high' }, olga);
    await runner.run(op.id, false);
    expect(await operations.operation(op.id)).toMatchObject({ state: 'done', total: 4, done: 3, failed: 1, errors: [`${missing}: Conversation ${missing} not found`] });
  });

  it('is failed, not done, when nothing could be changed', async () => {
    const { bulk, runner, operations } = setup(0);
    const op = await bulk.start({ conversationIds: [newId(), newId()] }, { type: 'priority', priority: 'high' }, olga);
    await runner.run(op.id, false);
    expect(await operations.operation(op.id)).toMatchObject({ state: 'failed', failed: 2 });
  });

  it('resumes a retried job after its last page and writes no second timeline event', async () => {
    const { bulk, runner, repo, ids, operations } = setup(BULK_PAGE + 10);
    const op = await bulk.start({ conversationIds: ids }, { type: 'priority', priority: 'urgent' }, olga);
    let writes = 0;
    const update = operations.update.bind(operations);
    // The worker dies right after the first page's progress is written.
    operations.update = async (id, changes) => {
      await update(id, changes);
      if (changes.cursor !== undefined && ++writes === 1) throw new Error('worker lost');
    };
    await expect(runner.run(op.id, false)).rejects.toThrow('worker lost');
    operations.update = update;
    await runner.run(op.id, false);
    const urgentBefore = Math.floor(ids.length / 2);
    expect(repo.timeline.filter((e) => e.type === 'priority_changed')).toHaveLength(ids.length - urgentBefore);
    expect(await operations.operation(op.id)).toMatchObject({ state: 'done', done: ids.length, failed: 0 });
  });

  it('marks the operation failed when its last attempt breaks', async () => {
    const { bulk, runner, repo, operations } = setup(2);
    const op = await bulk.start({ filter: {} }, { type: 'status', status: 'pending' }, olga);
    repo.listConversations = async () => { throw new Error('database is gone'); };
    await expect(runner.run(op.id, true)).rejects.toThrow('database is gone');
    expect(await operations.operation(op.id)).toMatchObject({ state: 'failed', errors: ['database is gone'] });
  });

  it('refuses bad selections and unknown targets before queueing anything', async () => {
    const { bulk, jobs } = setup(1);
    await expect(bulk.start({ conversationIds: [] }, { type: 'status', status: 'open' }, olga)).rejects.toMatchObject({ status: 400 });
    await expect(bulk.start({ conversationIds: ['первый'] }, { type: 'status', status: 'open' }, olga)).rejects.toMatchObject({ status: 400 });
    await expect(bulk.start({ filter: {} }, { type: 'assign', assigneeId: newId() }, olga)).rejects.toMatchObject({ status: 400 });
    await expect(bulk.start({ filter: {} }, { type: 'label', labelId: newId() }, olga)).rejects.toMatchObject({ status: 404 });
    await expect(bulk.start({ filter: {} }, { type: 'unlabel', labelId: newId() }, olga)).rejects.toMatchObject({ status: 404 });
    expect(jobs).toEqual([]);
  });

  it('labels every match once, leaving alone a conversation that already has the label', async () => {
    const { bulk, runner, repo, ids, labeller, operations } = setup(BULK_PAGE + 5);
    const labelId = newId();
    labeller.labels.add(labelId);
    await labeller.add(ids[3], labelId, olga);
    labeller.changes = [];
    const op = await bulk.start({ filter: { status: 'open' } }, { type: 'label', labelId }, olga);
    await runner.run(op.id, false);
    expect(ids.every((id) => repo.labelRows.some((l) => l.conversationId === id && l.id === labelId))).toBe(true);
    expect(labeller.changes).toHaveLength(ids.length - 1);
    expect(labeller.changes.every((c) => c.type === 'add' && c.actor.name === 'Ольга')).toBe(true);
    expect(await operations.operation(op.id)).toMatchObject({ state: 'done', done: ids.length, failed: 0 });
  });

  it('unlabels only the conversations that carry the label', async () => {
    const { bulk, runner, repo, ids, labeller } = setup(4);
    const labelId = newId();
    labeller.labels.add(labelId);
    await labeller.add(ids[0], labelId, olga);
    await labeller.add(ids[2], labelId, olga);
    labeller.changes = [];
    const op = await bulk.start({ conversationIds: ids }, { type: 'unlabel', labelId }, olga);
    await runner.run(op.id, false);
    expect(labeller.changes.map((c) => [c.type, c.conversationId])).toEqual([ids[0], ids[2]].sort().map((id) => ['remove', id]));
    expect(repo.labelRows).toEqual([]);
  });

  it('records the conversations a label could not be put on and goes on with the rest', async () => {
    const { bulk, runner, ids, labeller, operations } = setup(3);
    const labelId = newId();
    labeller.labels.add(labelId);
    const op = await bulk.start({ conversationIds: ids }, { type: 'label', labelId }, olga);
    // The label is deleted while the job waits in the queue.
    labeller.labels.delete(labelId);
    await runner.run(op.id, false);
    expect(await operations.operation(op.id)).toMatchObject({ state: 'failed', failed: 3, errors: ids.slice().sort().map((id) => `${id}: Label ${labelId} not found`) });
  });

  it('shows an operation to its requester and to supervisors, to nobody else', async () => {
    const { bulk } = setup(1);
    const op = await bulk.start({ filter: {} }, { type: 'status', status: 'resolved' }, olga);
    expect(await bulk.get(op.id, { ...olga, seesAll: false })).toMatchObject({ id: op.id });
    expect(await bulk.get(op.id, { id: newId(), name: 'Старший', seesAll: true })).toMatchObject({ id: op.id });
    await expect(bulk.get(op.id, { id: newId(), name: 'Борис', seesAll: false })).rejects.toMatchObject({ status: 404 });
  });
});
