import { Inject, Injectable, Optional } from '@nestjs/common';
import type { ConversationSlaDto, SlaMetric, SlaTargets, SlaTimerDto } from '@parley/contracts';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import {
  type CalendarSpec,
  type ClockContext,
  type ClockState,
  fireClock,
  meetClock,
  newId,
  pauseClock,
  resumeClock,
  retargetClock,
  startClock,
} from '@parley/domain';
import type { ConversationEntity, SlaPolicyEntity, SlaTimerEntity } from '@parley/persistence';
import { ConversationTransferService, OVERFLOW_METRIC } from '@parley/routing';
import { publishDomainEvents } from '@parley/conversations';
import { JOB_QUEUE, type JobQueue } from '@parley/queue';
import { SLA_CLOCK, type SlaClock } from './sla-clock.port';
import { SLA_REPOSITORY, type SlaRepository } from './ports/sla.repository';
import { SlaEscalationService } from './sla-escalation.service';

const SLA_METRICS: { metric: SlaMetric; target: keyof SlaTargets }[] = [
  { metric: 'first_response', target: 'firstResponseSeconds' },
  { metric: 'next_response', target: 'nextResponseSeconds' },
  { metric: 'resolution', target: 'resolutionSeconds' },
];

interface PolicyContext {
  policy: SlaPolicyEntity | null;
  calendar: CalendarSpec | null;
}

export interface FireResult {
  fired: boolean;
  warned?: boolean;
  breached?: boolean;
}

const clockOf = (t: SlaTimerEntity): ClockState => ({
  state: t.state, targetSeconds: t.targetSeconds, consumedSeconds: t.consumedSeconds, segmentStartedAt: t.segmentStartedAt, dueAt: t.dueAt,
  warnAt: t.warnAt, nextFireAt: t.nextFireAt, warned: !!t.warned, breachedAt: t.breachedAt, metAt: t.metAt,
});

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
const changed = (a: ClockState, b: ClockState) =>
  a.state !== b.state || a.targetSeconds !== b.targetSeconds || a.consumedSeconds !== b.consumedSeconds || a.warned !== b.warned ||
  !sameTime(a.segmentStartedAt, b.segmentStartedAt) || !sameTime(a.dueAt, b.dueAt) || !sameTime(a.warnAt, b.warnAt) ||
  !sameTime(a.nextFireAt, b.nextFireAt) || !sameTime(a.metAt, b.metAt) || !sameTime(a.breachedAt, b.breachedAt);

/**
 * SLA timers of conversations. `sync` derives what the timers should be from the conversation as it
 * is now (status, first response, the last unanswered customer message, priority, policy), so it is
 * safe to call late, twice or out of order; `fire` is the scheduler's half.
 */
@Injectable()
export class SlaService {
  /** Called when a timer's next_fire_at moves (`at` null: disarmed), so SlaTimerArming can (re)schedule it. */
  onArmed: ((timerId: string, at: Date | null, previous: Date | null) => void) | null = null;

  constructor(
    @Inject(SLA_REPOSITORY) private readonly repo: SlaRepository,
    private readonly transfers: ConversationTransferService,
    private readonly escalation: SlaEscalationService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
    @Inject(SLA_CLOCK) private readonly clock: SlaClock,
    @Optional() @Inject(JOB_QUEUE) private readonly queue?: JobQueue,
  ) {}

  async policyFor(c: ConversationEntity): Promise<PolicyContext> {
    let policy: SlaPolicyEntity | null = null;
    if (c.teamId) {
      const team = await this.repo.team(c.teamId);
      if (team?.slaPolicyId) policy = await this.repo.policy(team.slaPolicyId);
    }
    policy ??= await this.repo.defaultPolicy();
    const calendar = policy?.calendarId ? await this.repo.calendar(policy.calendarId) : null;
    return { policy, calendar: calendar ? { timeZone: calendar.timeZone, hours: calendar.hours, holidays: calendar.holidays } : null };
  }

  /** Brings the conversation's timers in line with the conversation; emits `sla.updated` when anything moved. */
  async sync(conversationId: string, opts: { announce?: boolean } = {}): Promise<ConversationSlaDto | null> {
    const c = await this.repo.conversation(conversationId);
    if (!c) return null;
    const now = this.clock.now();
    const { policy, calendar } = await this.policyFor(c);
    const ctx: ClockContext = { calendar, warnAtPercent: policy?.warnAtPercent ?? null };
    const timers = await this.repo.timers(conversationId, ['first_response', 'next_response', 'resolution', 'negative_reply']);
    const byMetric = new Map(timers.map((t) => [t.metric, t]));
    const targets = policy?.targets[c.priority];
    const replies = await this.replyTimes(c);
    let moved = false;

    for (const { metric, target } of SLA_METRICS) {
      const seconds = targets?.[target] ?? null;
      const existing = byMetric.get(metric) ?? null;
      if (seconds === null) {
        // No promise for this metric (any more): a clock still running stops without a verdict.
        if (existing && !existing.metAt && (existing.state === 'running' || existing.state === 'paused')) {
          await this.repo.deleteTimer(existing.id, existing.version);
          this.onArmed?.(existing.id, null, existing.nextFireAt);
          moved = true;
        }
        continue;
      }
      let startAt: Date | null = null;
      let metAt: Date | null = null;
      if (metric === 'first_response') {
        startAt = c.createdAt;
        metAt = c.firstResponseAt ?? (c.status === 'resolved' ? c.resolvedAt ?? now : null);
      } else if (metric === 'resolution') {
        startAt = c.createdAt;
        metAt = c.status === 'resolved' ? c.resolvedAt ?? now : null;
      } else {
        if (!c.firstResponseAt) continue;
        startAt = replies.firstUnanswered;
        if (!startAt && existing) metAt = replies.lastReply ?? now;
        if (c.status === 'resolved' && existing) metAt = metAt ?? c.resolvedAt ?? now;
        if (!startAt && !existing) continue;
      }
      const start = startAt ?? existing!.startedAt;
      const next = this.desired(existing, start, seconds, metAt, c.status === 'pending', now, ctx, metric === 'next_response');
      if (!next) continue;
      if (await this.save(c.id, metric, policy?.id ?? null, existing, next, start)) moved = true;
    }
    if (await this.syncNegativeReply(c, byMetric.get('negative_reply') ?? null, replies, now)) moved = true;
    if (!moved && !opts.announce) return null;
    const dto = await this.state(conversationId);
    this.realtime.toAgents(AGENT_EVENTS.slaUpdated, dto);
    return dto;
  }

  /** Starts the XLA clock "a negative message gets a human answer within N minutes". */
  async startNegativeReply(conversationId: string, at: Date, minutes: number): Promise<void> {
    const [existing = null] = await this.repo.timers(conversationId, ['negative_reply']);
    if (existing && existing.state === 'running' && !existing.metAt) return;
    const ctx: ClockContext = { calendar: null, warnAtPercent: 80 };
    await this.save(conversationId, 'negative_reply', null, existing, startClock(at, minutes * 60, ctx), at);
    this.realtime.toAgents(AGENT_EVENTS.slaUpdated, await this.state(conversationId));
  }

  /** A calendar or policy changed: every conversation with an unfinished timer under it gets its deadlines again. */
  async recomputeForPolicies(policyIds: string[]): Promise<number> {
    if (!policyIds.length) return 0;
    let after = '00000000-0000-0000-0000-000000000000'; // below every id (a uuid column on PostgreSQL)
    let n = 0;
    for (;;) {
      const ids = await this.repo.conversationsUnderPolicies(policyIds, after, 500);
      if (!ids.length) return n;
      for (const id of ids) await this.recompute(id);
      n += ids.length;
      after = ids[ids.length - 1];
    }
  }

  /** The team's policy changed: its unresolved conversations get the new targets. */
  async recomputeForTeam(teamId: string): Promise<void> {
    for (const id of await this.repo.unresolvedOfTeam(teamId, 5000)) await this.recompute(id);
  }

  /** Re-derives deadlines with the current policy, calendar and priority (used-up time is kept). */
  async recompute(conversationId: string): Promise<void> {
    const c = await this.repo.conversation(conversationId);
    if (!c) return;
    const now = this.clock.now();
    const { policy, calendar } = await this.policyFor(c);
    const ctx: ClockContext = { calendar, warnAtPercent: policy?.warnAtPercent ?? null };
    const timers = await this.repo.timers(conversationId, ['first_response', 'next_response', 'resolution']);
    for (const t of timers) {
      if (t.metAt) continue;
      const seconds = policy?.targets[c.priority]?.[SLA_METRICS.find((m) => m.metric === t.metric)!.target] ?? t.targetSeconds;
      const next = retargetClock(clockOf(t), seconds, now, ctx, ctx);
      if (changed(clockOf(t), next)) await this.save(conversationId, t.metric, policy?.id ?? null, t, next, t.startedAt);
    }
    await this.sync(conversationId, { announce: true });
  }

  /**
   * The scheduler reached a timer's next_fire_at. The version check makes the firing happen once
   * even when several workers armed the same timer.
   */
  async fire(timerId: string): Promise<FireResult> {
    const t = await this.repo.timer(timerId);
    const now = this.clock.now();
    if (!t || !t.nextFireAt || t.nextFireAt.getTime() > now.getTime()) return { fired: false };
    if (t.metric === (OVERFLOW_METRIC as SlaMetric)) {
      const won = await this.repo.updateTimer(t.id, t.version, { state: 'met', metAt: now, nextFireAt: null, version: t.version + 1, updatedAt: now });
      if (!won) return { fired: false };
      if (t.policyId) await this.transfers.overflow(t.conversationId, t.policyId);
      return { fired: true };
    }
    const outcome = fireClock(clockOf(t), now);
    const won = await this.repo.updateTimer(t.id, t.version, {
      state: outcome.state.state, warned: outcome.state.warned, breachedAt: outcome.state.breachedAt, nextFireAt: outcome.state.nextFireAt,
      version: t.version + 1, updatedAt: now,
    });
    if (!won) return { fired: false };
    if (outcome.state.nextFireAt) this.onArmed?.(t.id, outcome.state.nextFireAt, null);
    if (!outcome.warned && !outcome.breached) return { fired: true };
    const c = await this.repo.conversation(t.conversationId);
    if (!c) return { fired: true };
    if (outcome.breached) await this.escalation.recordBreach(c, t);
    const dto = await this.state(c.id);
    this.realtime.toAgents(AGENT_EVENTS.slaUpdated, dto);
    if (t.metric !== 'negative_reply') {
      const { policy } = await this.policyFor(c);
      const recompute = () => this.recompute(c.id);
      if (outcome.warned && !outcome.breached) await this.escalation.escalate(c, t.metric, 'warning', policy?.escalation.warning ?? [], recompute);
      if (outcome.breached) await this.escalation.escalate(c, t.metric, 'breach', policy?.escalation.breach ?? [], recompute);
    }
    // Other capabilities (notifications) hear of it as a domain event; the version check above lets one firing through.
    if (this.queue && t.metric !== 'negative_reply') {
      const phase = outcome.breached ? 'breach' : 'warning';
      await publishDomainEvents(this.queue, [{ type: 'sla.fired', conversationId: c.id, timerId: t.id, metric: t.metric, phase }], `sla-${t.id}-${t.version}`);
    }
    return { fired: true, warned: outcome.warned, breached: outcome.breached };
  }

  async state(conversationId: string): Promise<ConversationSlaDto> {
    return (await this.states([conversationId]))[0];
  }

  async states(conversationIds: string[]): Promise<ConversationSlaDto[]> {
    if (!conversationIds.length) return [];
    const timers = await this.repo.slaTimersOf(conversationIds);
    const routing = await this.repo.routingOf(conversationIds);
    return conversationIds.map((id) => {
      const mine = timers.filter((t) => t.conversationId === id).sort((a, b) => a.metric.localeCompare(b.metric));
      const running = mine.filter((t) => t.state === 'running' && t.dueAt);
      const earliest = (key: 'dueAt' | 'warnAt') =>
        running.map((t) => t[key]).filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime())[0]?.toISOString() ?? null;
      return {
        conversationId: id,
        policyId: mine.find((t) => t.policyId)?.policyId ?? null,
        timers: mine.map((t) => this.timerDto(t)),
        nextDueAt: earliest('dueAt'),
        nextWarnAt: earliest('warnAt'),
        breached: mine.some((t) => t.state === 'breached' && !t.metAt),
        sentiment: routing.find((r) => r.conversationId === id)?.sentiment ?? null,
      };
    });
  }

  private timerDto(t: SlaTimerEntity): SlaTimerDto {
    const now = this.clock.now();
    const remaining = t.dueAt && t.segmentStartedAt ? Math.round((t.dueAt.getTime() - now.getTime()) / 1000) : t.targetSeconds - t.consumedSeconds;
    return {
      metric: t.metric,
      state: t.state,
      dueAt: t.dueAt?.toISOString() ?? null,
      warnAt: t.warnAt?.toISOString() ?? null,
      remainingSeconds: remaining,
      targetSeconds: t.targetSeconds,
      warned: !!t.warned,
      breachedAt: t.breachedAt?.toISOString() ?? null,
      metAt: t.metAt?.toISOString() ?? null,
    };
  }

  private desired(existing: SlaTimerEntity | null, startAt: Date, seconds: number, metAt: Date | null, pending: boolean, now: Date, ctx: ClockContext, cycles: boolean): ClockState | null {
    let s: ClockState;
    const restart = !!existing && cycles && !metAt && existing.startedAt.getTime() !== startAt.getTime();
    if (!existing || restart) {
      if (metAt && !existing) {
        // Met before we ever saw it running (a late job): record the outcome of the whole span.
        s = startClock(startAt, seconds, ctx);
        s = fireClock(s, metAt).state;
        return meetClock(s, metAt, ctx);
      }
      s = startClock(startAt, seconds, ctx);
      s = pending ? pauseClock(s, now, ctx) : s;
      return s;
    }
    s = clockOf(existing);
    if (s.metAt) return null;
    if (metAt) return meetClock(s, metAt, ctx);
    if (s.targetSeconds !== seconds) s = retargetClock(s, seconds, now, ctx, ctx);
    if (pending) s = pauseClock(s, now, ctx);
    else s = resumeClock(s, now, ctx);
    return s;
  }

  private async save(conversationId: string, metric: SlaMetric, policyId: string | null, existing: SlaTimerEntity | null, next: ClockState, startedAt: Date): Promise<boolean> {
    const now = this.clock.now();
    if (existing) {
      if (!changed(clockOf(existing), next) && existing.startedAt.getTime() === startedAt.getTime() && existing.policyId === policyId) return false;
      if (!(await this.repo.updateTimer(existing.id, existing.version, { ...next, policyId, startedAt, version: existing.version + 1, updatedAt: now }))) return false;
      if (!sameTime(existing.nextFireAt, next.nextFireAt)) this.onArmed?.(existing.id, next.nextFireAt, existing.nextFireAt);
    } else {
      const id = newId();
      await this.repo.insertTimer({ id, conversationId, metric, policyId, startedAt, version: 0, updatedAt: now, ...next });
      // Ignored when another writer inserted the row first: that writer armed its timer.
      if (next.nextFireAt) this.onArmed?.(id, next.nextFireAt, null);
    }
    return true;
  }

  private async syncNegativeReply(c: ConversationEntity, t: SlaTimerEntity | null, replies: { lastReply: Date | null }, now: Date): Promise<boolean> {
    if (!t || t.metAt || t.state === 'met') return false;
    const answered = replies.lastReply && replies.lastReply.getTime() >= t.startedAt.getTime() ? replies.lastReply : null;
    const metAt = answered ?? (c.status === 'resolved' ? c.resolvedAt ?? now : null);
    if (!metAt) return false;
    return this.save(c.id, 'negative_reply', t.policyId, t, meetClock(clockOf(t), metAt, { calendar: null, warnAtPercent: null }), t.startedAt);
  }

  /** When the agent last answered publicly, and the customer's first message since then. */
  private async replyTimes(c: ConversationEntity): Promise<{ lastReply: Date | null; firstUnanswered: Date | null }> {
    const lastReply = await this.repo.lastAgentReplyAt(c.id);
    return { lastReply, firstUnanswered: await this.repo.firstInboundAfter(c.id, lastReply) };
  }
}
