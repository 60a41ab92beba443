import { Inject, Injectable } from '@nestjs/common';
import type { ConversationStatus, Priority } from '@parley/contracts';
import { CannedRenderService, CannedResponsesService } from '@parley/canned-responses';
import { ConversationsService, OutboundService } from '@parley/conversations';
import { ConversationLabelsService, LabelsService } from '@parley/labels';
import { SurveyDispatchService } from '@parley/surveys';
import type { ConversationEntity } from '@parley/persistence';
import { MACROS_REPOSITORY, type MacrosRepository } from './ports/macros.repository';
import type { LiveReferences, MacroActor, MacroChangeActor, MacroConversation, MacroTargets, RenderedReply } from './ports/macro-targets.port';

/** The other capabilities as a macro uses them: every change through the call an agent's own change makes. */
@Injectable()
export class NestMacroTargets implements MacroTargets {
  constructor(
    @Inject(MACROS_REPOSITORY) private readonly repo: MacrosRepository,
    private readonly conversationService: ConversationsService,
    private readonly outbound: OutboundService,
    private readonly labels: LabelsService,
    private readonly conversationLabels: ConversationLabelsService,
    private readonly canned: CannedResponsesService,
    private readonly renderer: CannedRenderService,
    private readonly surveys: SurveyDispatchService,
  ) {}

  async conversation(id: string): Promise<MacroConversation | null> {
    const c = await this.conversationService.entity(id).catch((err) => (err?.status === 404 ? null : Promise.reject(err)));
    return c ? (await this.describe([c]))[0] : null;
  }

  async conversations(rows: ConversationEntity[]): Promise<MacroConversation[]> {
    return rows.length ? this.describe(rows) : [];
  }

  private async describe(rows: ConversationEntity[]): Promise<MacroConversation[]> {
    return (await this.conversationService.withDetails(rows)).map(({ conversation: c, customer, labels }) => ({
      id: c.id, customerName: customer?.name ?? null, status: c.status, snoozedUntil: c.snoozedUntil?.toISOString() ?? null, assigneeId: c.assigneeId,
      teamId: c.teamId, priority: c.priority, labelIds: labels.map((l) => l.id),
      customer: { name: customer?.name ?? null, email: customer?.email ?? null, phone: customer?.phone ?? null, attributes: customer?.attributes ?? {} },
    }));
  }

  async references(ids: { labels: string[]; teams: string[]; agents: string[] }): Promise<LiveReferences> {
    const labels = new Map((ids.labels.length ? await this.labels.list() : []).map((l) => [l.id, l.nameRu === l.nameEn ? l.nameEn : `${l.nameEn} / ${l.nameRu}`]));
    const [teams, agents] = await Promise.all([this.repo.teamNames(ids.teams), this.repo.agentNames(ids.agents)]);
    return { labels, teams, agents };
  }

  async cannedTitle(actor: MacroActor, id: string): Promise<string | null> {
    return (await this.canned.usable(actor, id).catch(() => null))?.title ?? null;
  }

  async renderReply(actor: MacroActor, cannedResponseId: string, conversationId: string): Promise<RenderedReply | null> {
    const r = await this.renderer.render(actor, cannedResponseId, conversationId).catch((err) => (err?.status === 404 ? null : Promise.reject(err)));
    if (!r) return null;
    const length = [...r.text].length;
    return {
      text: r.text, language: r.language, missing: r.missing, attachmentIds: r.attachments.flatMap((a) => (a.id ? [a.id] : [])),
      tooLong: r.fitness.tooLong && r.fitness.maxLength ? { length, max: r.fitness.maxLength } : null,
    };
  }

  sendRefusal(conversationId: string) { return this.outbound.sendRefusal(conversationId); }
  surveyRefusal(conversationId: string) { return this.surveys.refusalNow(conversationId); }

  async setStatus(conversationId: string, status: ConversationStatus, snoozeUntil: string | undefined, actor: MacroChangeActor) {
    await this.conversationService.setStatus(conversationId, status, snoozeUntil, actor);
  }

  async assign(conversationId: string, change: { agentId?: string | null; teamId?: string | null }, actor: MacroChangeActor) {
    await this.conversationService.assign(conversationId, change.agentId, change.teamId, actor);
  }

  async setPriority(conversationId: string, priority: Priority, actor: MacroChangeActor) {
    await this.conversationService.setPriority(conversationId, priority, actor);
  }

  async addLabel(conversationId: string, labelId: string, actor: MacroChangeActor) { await this.conversationLabels.add(conversationId, labelId, actor); }
  async removeLabel(conversationId: string, labelId: string, actor: MacroChangeActor) { await this.conversationLabels.remove(conversationId, labelId, actor); }

  async send(conversationId: string, text: string, isPrivate: boolean, attachmentIds: string[], actor: MacroChangeActor) {
    await this.outbound.reply(conversationId, actor, text, isPrivate, { macro: actor.macro }, attachmentIds);
  }

  async sendSurvey(conversationId: string, actor: MacroChangeActor) {
    await this.surveys.sendNow(conversationId, { ...actor.macro });
  }
}
