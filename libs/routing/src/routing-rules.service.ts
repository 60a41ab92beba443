import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { analyzeSentiment, matchRule, newId } from '@parley/domain';
import type { ConversationEntity, RoutingRuleEntity } from '@parley/persistence';
import { ROUTING_REPOSITORY, type RoutingRepository } from './ports/routing.repository';

export interface RoutingRuleInput {
  teamId: string;
  inboxId?: string | null;
  language?: string | null;
  keywords?: string[];
  position?: number;
}

export const RULE_LANGUAGES = ['ru', 'en'];

const RULES_TTL_MS = 5_000;

/** Routing's configuration: which team a new conversation goes to, by inbox, language and keywords. */
@Injectable()
export class RoutingRulesService {
  private ruleCache: { at: number; rules: RoutingRuleEntity[] } | null = null;

  constructor(@Inject(ROUTING_REPOSITORY) private readonly repo: RoutingRepository) {}

  async rules(): Promise<RoutingRuleEntity[]> {
    return this.repo.rules();
  }

  /**
   * The rules, read at most every few seconds: routing runs for every inbound message and rules
   * change rarely. This process's own edits apply at once; another node's within RULES_TTL_MS.
   */
  async cachedRules(): Promise<RoutingRuleEntity[]> {
    if (this.ruleCache && Date.now() - this.ruleCache.at < RULES_TTL_MS) return this.ruleCache.rules;
    const rules = await this.rules();
    this.ruleCache = { at: Date.now(), rules };
    return rules;
  }

  /** A cached rule may name a team deleted meanwhile (on another node): read the rules again next time. */
  forgetRules(): void {
    this.ruleCache = null;
  }

  /** The first rule matching the conversation's inbox, language and first messages. */
  async teamByRules(c: ConversationEntity, language: string | null): Promise<string | null> {
    const rules = await this.cachedRules();
    if (!rules.length) return null;
    const text = (await this.repo.firstInboundTexts(c.id, 5)).join('\n');
    return matchRule(rules, { inboxId: c.inboxId, language: language ?? (text ? analyzeSentiment(text).language : null), text })?.teamId ?? null;
  }

  async addRule(input: RoutingRuleInput): Promise<RoutingRuleEntity> {
    await this.checkRule(input);
    const keywords = this.keywords(input.keywords);
    const rule: RoutingRuleEntity = {
      id: newId(),
      position: input.position ?? (await this.repo.lastRulePosition()) + 1,
      teamId: input.teamId,
      inboxId: input.inboxId ?? null,
      language: input.language ?? null,
      keywords,
      createdAt: new Date(),
    };
    await this.repo.insertRule(rule);
    this.ruleCache = null;
    return rule;
  }

  /** Changes what a rule matches or where it sends; fields left out stay. */
  async updateRule(id: string, input: Partial<RoutingRuleInput>): Promise<RoutingRuleEntity> {
    const rule = await this.repo.rule(id);
    if (!rule) throw new NotFoundException(`Rule ${id} not found`);
    await this.checkRule(input);
    const changes: Partial<RoutingRuleEntity> = {};
    if (input.teamId !== undefined) changes.teamId = input.teamId;
    if (input.inboxId !== undefined) changes.inboxId = input.inboxId;
    if (input.language !== undefined) changes.language = input.language;
    if (input.keywords !== undefined) changes.keywords = this.keywords(input.keywords);
    if (input.position !== undefined) changes.position = input.position;
    if (Object.keys(changes).length) await this.repo.updateRule(id, changes);
    this.ruleCache = null;
    return (await this.repo.rule(id))!;
  }

  async removeRule(id: string): Promise<void> {
    const removed = await this.repo.deleteRule(id);
    this.ruleCache = null;
    if (!removed) throw new NotFoundException(`Rule ${id} not found`);
  }

  private async checkRule(input: Partial<RoutingRuleInput>): Promise<void> {
    if (input.teamId !== undefined && !(await this.repo.exists('team', input.teamId))) throw new BadRequestException(`Unknown team ${input.teamId}`);
    if (input.inboxId && !(await this.repo.exists('inbox', input.inboxId))) throw new BadRequestException(`Unknown inbox ${input.inboxId}`);
    // The detector tells Russian from English only; a rule on another language would never match.
    if (input.language && !RULE_LANGUAGES.includes(input.language)) throw new BadRequestException(`language must be one of ${RULE_LANGUAGES.join(', ')} (or null for any)`);
    if (input.position !== undefined && (!Number.isInteger(input.position) || input.position < 1 || input.position > 100_000)) {
      throw new BadRequestException('position must be an integer 1…100000');
    }
  }

  private keywords(list: string[] | undefined): string[] {
    return [...new Set((list ?? []).map((k) => k.trim().toLowerCase()).filter(Boolean))];
  }
}
