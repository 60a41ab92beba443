import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { XlaKind, XlaPolicyDto } from '@parley/contracts';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { toTimelineDto } from '@parley/customers';
import { isId, newId } from '@parley/domain';
import type { ConversationEntity, XlaPolicyEntity } from '@parley/persistence';
import { XLA_REPOSITORY, type XlaRepository } from './ports/xla.repository';
import { SLA_CLOCK, type SlaClock } from './sla-clock.port';
import { SlaService } from './sla.service';

export const DEFAULT_REPEAT_CONTACT_DAYS = 7;
const CSAT_WINDOW_DAYS = 30;

export interface XlaPolicyInput {
  teamId?: string | null;
  negativeReplyMinutes?: number | null;
  maxTransfers?: number | null;
  repeatContactDays?: number | null;
  csatTargetPercent?: number | null;
}

/** A survey answer as the surveys capability reports it. */
export interface CsatResponse {
  conversationId: string;
  /** The customer was satisfied (e.g. 4–5 of 5). */
  satisfied: boolean;
  /** The raw score, kept for reporting. */
  score?: number;
  occurredAt?: Date;
}

const toDto = (p: XlaPolicyEntity): XlaPolicyDto => ({
  id: p.id, teamId: p.teamId, negativeReplyMinutes: p.negativeReplyMinutes, maxTransfers: p.maxTransfers, repeatContactDays: p.repeatContactDays,
  csatTargetPercent: p.csatTargetPercent,
});

/**
 * Experience targets: what the customer lives through rather than what the clock says. A team's own
 * policy wins over the default one (teamId null).
 */
@Injectable()
export class XlaService {
  constructor(
    @Inject(XLA_REPOSITORY) private readonly repo: XlaRepository,
    private readonly sla: SlaService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
    @Inject(SLA_CLOCK) private readonly clock: SlaClock,
  ) {}

  async policies(): Promise<XlaPolicyDto[]> {
    return (await this.repo.policies()).map(toDto);
  }

  async savePolicy(input: XlaPolicyInput): Promise<XlaPolicyDto> {
    const teamId = input.teamId ?? null;
    if (teamId && !(isId(teamId) && (await this.repo.teamExists(teamId)))) throw new BadRequestException(`Unknown team ${teamId}`);
    const check = (name: string, v: number | null | undefined, min: number, max: number) => {
      if (v !== null && v !== undefined && (!Number.isInteger(v) || v < min || v > max)) throw new BadRequestException(`${name} must be an integer ${min}…${max}`);
    };
    check('negativeReplyMinutes', input.negativeReplyMinutes, 1, 7 * 24 * 60);
    check('maxTransfers', input.maxTransfers, 0, 100);
    check('repeatContactDays', input.repeatContactDays, 1, 365);
    check('csatTargetPercent', input.csatTargetPercent, 0, 100);
    const current = await this.repo.policyOf(teamId);
    const row: XlaPolicyEntity = {
      id: current?.id ?? newId(),
      teamId,
      negativeReplyMinutes: input.negativeReplyMinutes !== undefined ? input.negativeReplyMinutes : current?.negativeReplyMinutes ?? null,
      maxTransfers: input.maxTransfers !== undefined ? input.maxTransfers : current?.maxTransfers ?? null,
      repeatContactDays: input.repeatContactDays !== undefined ? input.repeatContactDays : current?.repeatContactDays ?? null,
      csatTargetPercent: input.csatTargetPercent !== undefined ? input.csatTargetPercent : current?.csatTargetPercent ?? null,
      updatedAt: new Date(),
    };
    await this.repo.savePolicy(row);
    return toDto(row);
  }

  async removePolicy(id: string): Promise<void> {
    if (!(await this.repo.deletePolicy(id))) throw new NotFoundException(`XLA policy ${id} not found`);
  }

  async policyFor(teamId: string | null): Promise<XlaPolicyEntity | null> {
    return (teamId ? await this.repo.policyOf(teamId) : null) ?? this.repo.policyOf(null);
  }

  /** A new customer message: a negative one starts the human-answer clock; a new conversation may be a repeat contact. */
  async onInbound(conversationId: string, opened: boolean, sentiment: string | null, at: Date): Promise<void> {
    const c = await this.repo.conversation(conversationId);
    if (!c) return;
    const policy = await this.policyFor(c.teamId);
    if (sentiment === 'negative' && policy?.negativeReplyMinutes) await this.sla.startNegativeReply(c.id, at, policy.negativeReplyMinutes);
    if (opened && policy) await this.checkRepeatContact(c, policy.repeatContactDays ?? DEFAULT_REPEAT_CONTACT_DAYS);
  }

  async onTransfer(conversationId: string, transfers: number): Promise<boolean> {
    const c = await this.repo.conversation(conversationId);
    if (!c) return false;
    const policy = await this.policyFor(c.teamId);
    if (policy?.maxTransfers == null || transfers <= policy.maxTransfers) return false;
    await this.record(c, 'max_transfers', true, transfers, { maxTransfers: policy.maxTransfers, transfers });
    return true;
  }

  /**
   * The hook for the surveys capability: one CSAT answer. The team's share of satisfied answers over
   * the last 30 days is compared with its target; below it, the answer is recorded as a breach.
   */
  async recordCsat(response: CsatResponse): Promise<{ teamPercent: number | null; targetPercent: number | null; breached: boolean }> {
    const c = await this.repo.conversation(response.conversationId);
    if (!c) throw new NotFoundException(`Conversation ${response.conversationId} not found`);
    const at = response.occurredAt ?? this.clock.now();
    await this.repo.insertEvent({ id: newId(), conversationId: c.id, teamId: c.teamId, kind: 'csat', value: response.satisfied ? 1 : 0, breached: false, occurredAt: at });
    const teamPercent = await this.csatPercent(c.teamId);
    const target = (await this.policyFor(c.teamId))?.csatTargetPercent ?? null;
    const breached = target !== null && teamPercent !== null && teamPercent < target;
    if (breached) await this.record(c, 'csat', true, teamPercent, { teamPercent, targetPercent: target, score: response.score ?? null });
    return { teamPercent, targetPercent: target, breached };
  }

  async csatPercent(teamId: string | null): Promise<number | null> {
    const since = new Date(this.clock.now().getTime() - CSAT_WINDOW_DAYS * 86_400_000);
    const values = await this.repo.csatValues(teamId, since);
    if (!values.length) return null;
    return Math.round((values.filter((v) => v === 1).length / values.length) * 1000) / 10;
  }

  private async checkRepeatContact(c: ConversationEntity, days: number): Promise<void> {
    const since = new Date(c.createdAt.getTime() - days * 86_400_000);
    const previous = await this.repo.lastResolvedOf(c.customerId, c.id, since);
    if (!previous) return;
    await this.record(c, 'repeat_contact', true, null, { previousConversationId: previous.id, resolvedAt: previous.resolvedAt?.toISOString() ?? null, withinDays: days });
  }

  private async record(c: ConversationEntity, kind: XlaKind, breached: boolean, value: number | null, data: Record<string, unknown>): Promise<void> {
    const now = this.clock.now();
    const event = await this.repo.transaction(async (tx) => {
      await tx.insertEvent({ id: newId(), conversationId: c.id, teamId: c.teamId, kind, value, breached, occurredAt: now });
      return breached
        ? tx.appendTimeline({ customerId: c.customerId, type: 'xla_breached', occurredAt: now, channel: c.channel, conversationId: c.id, title: kind, authorName: 'Parley', data: { kind, ...data } })
        : null;
    });
    if (event) this.realtime.toAgents(AGENT_EVENTS.timelineCreated, toTimelineDto(event));
  }
}
