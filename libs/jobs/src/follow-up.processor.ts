import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { FOLLOW_UP_QUEUE, type FollowUp } from '@parley/conversations';
import { ConversationEntity, ConversationRoutingEntity, MessageEntity } from '@parley/persistence';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { AssignmentService, type InboundAnalysis, InboundAnalysisService, PresenceService, RoutingDecisionService } from '@parley/routing';
import { SlaService, XlaService } from '@parley/sla';

const DRAIN_EVERY_MS = 5_000;

/**
 * Whether an inbound message can have moved an SLA clock whatever the conversation's state: it
 * opened the conversation, resumed it (pending, snoozed, resolved → open: paused clocks run again),
 * came from a job without that information, or routing just assigned the conversation.
 */
export function inboundMovesSla(event: { opened: boolean; resumed?: boolean }, assigned: boolean): boolean {
  return event.opened || event.resumed !== false || assigned;
}

/**
 * The conversation pipeline's follow-up jobs: sentiment, routing, XLA and SLA timers after an
 * inbound message; SLA after a reply, a status change or a reassignment; freed capacity goes back
 * to the queue. Also sweeps stale console tabs and drains team queues as a safety net. It lives in
 * the worker app because it orchestrates capabilities (routing, SLA, XLA) that do not know each other.
 */
@Injectable()
export class FollowUpProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('follow-up');
  private interval: NodeJS.Timeout | null = null;
  private readonly inflight = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly db: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly routing: RoutingDecisionService,
    private readonly analysis: InboundAnalysisService,
    private readonly assignment: AssignmentService,
    private readonly presence: PresenceService,
    private readonly sla: SlaService,
    private readonly xla: XlaService,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.process(FOLLOW_UP_QUEUE, (job) => this.track(job.data as FollowUp), { concurrency: 8 });
    this.interval = setInterval(() => {
      this.presence.sweepStale().catch((err) => this.logger.error(err));
      this.routing.drain().catch((err) => this.logger.error(err));
    }, DRAIN_EVERY_MS);
    this.interval.unref();
  }

  /**
   * Shutdown: jobs still running finish (their broadcasts need the socket adapter, which closes
   * after this hook); a job arriving now fails and is retried by the queue later.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.interval) clearInterval(this.interval);
    await Promise.allSettled([...this.inflight]);
  }

  private async track(event: FollowUp): Promise<void> {
    if (this.stopping) throw new Error('shutting down; the job will run again');
    const run = this.handle(event);
    this.inflight.add(run);
    try {
      await run;
    } finally {
      this.inflight.delete(run);
    }
  }

  /** Still before the first agent reply: a further customer message moves no SLA clock. */
  private async awaitsFirstResponse(conversationId: string, known?: ConversationEntity): Promise<boolean> {
    const c = known ?? (await this.db.getRepository(ConversationEntity).findOne({ select: { id: true, firstResponseAt: true, status: true }, where: { id: conversationId } }));
    return !!c && !c.firstResponseAt && c.status === 'open';
  }

  /** No longer waiting (assigned by hand, resolved): off the queue index routing drains from. */
  private async unqueue(conversationId: string): Promise<void> {
    await this.db.getRepository(ConversationRoutingEntity).update({ conversationId }, { queuedAt: null });
  }

  /** Routing, XLA and SLA after an inbound message; `known`: the conversation, when just read. */
  private async afterInbound(event: Extract<FollowUp, { kind: 'inbound' }>, analysis: InboundAnalysis | null, known?: ConversationEntity | null): Promise<void> {
    const routed = await this.routing.route(event.conversationId, { known });
    const sentiment = analysis?.sentiment ?? null;
    // XLA acts on a new conversation (repeat contact) or a negative message; the rest is a no-op.
    if (event.opened || sentiment === 'negative') {
      const message = await this.db.getRepository(MessageEntity).findOne({ select: { id: true, createdAt: true }, where: { id: event.messageId } });
      await this.xla.onInbound(event.conversationId, event.opened, sentiment, message?.createdAt ?? new Date());
    }
    if (inboundMovesSla(event, routed.outcome === 'assigned')) await this.sla.sync(event.conversationId);
    else if (!(await this.awaitsFirstResponse(event.conversationId, routed.conversation))) await this.sla.sync(event.conversationId);
  }

  async handle(event: FollowUp): Promise<void> {
    switch (event.kind) {
      case 'inbound':
        await this.afterInbound(event, await this.analysis.analyzeInbound(event.messageId));
        return;
      case 'inbound-batch': {
        // Sentiments in one read and one write, conversations in one read; then each message as above.
        const analyses = await this.analysis.analyzeInboundMany(event.events.map((e) => e.messageId));
        const ids = [...new Set(event.events.map((e) => e.conversationId))];
        const conversations = new Map((await this.db.getRepository(ConversationEntity).findBy({ id: In(ids) })).map((c) => [c.id, c]));
        for (const e of event.events) {
          await this.afterInbound({ kind: 'inbound', ...e, opened: false }, analyses.get(e.messageId) ?? null, conversations.get(e.conversationId) ?? null);
        }
        return;
      }
      case 'reply':
        await this.sla.sync(event.conversationId);
        return;
      case 'status': {
        await this.sla.sync(event.conversationId);
        const c = await this.db.getRepository(ConversationEntity).findOneBy({ id: event.conversationId });
        if (!c) return;
        if (c.status === 'resolved') await this.unqueue(c.id);
        if (c.assigneeId && (event.to === 'resolved' || event.from === 'resolved')) {
          await this.assignment.refreshLoad(c.assigneeId);
          if (event.to === 'resolved') await this.routing.assignNextFor(c.assigneeId);
        }
        if (c.status === 'open' && !c.assigneeId) await this.routing.route(c.id);
        return;
      }
      case 'assignment': {
        const c = await this.db.getRepository(ConversationEntity).findOneBy({ id: event.conversationId });
        if (!c) return;
        if (c.assigneeId) await this.unqueue(c.id);
        if (c.teamId !== event.previousTeamId) await this.sla.recompute(c.id);
        else await this.sla.sync(c.id);
        if (c.assigneeId) await this.assignment.refreshLoad(c.assigneeId);
        if (event.previousAssigneeId && event.previousAssigneeId !== c.assigneeId) {
          await this.assignment.refreshLoad(event.previousAssigneeId);
          await this.routing.assignNextFor(event.previousAssigneeId);
        }
        if (!c.assigneeId && c.status === 'open') await this.routing.route(c.id);
        return;
      }
    }
  }
}
