import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CollaboratorDto, CollaboratorReason } from '@parley/contracts';
import { COLLABORATOR_REPOSITORY, type CollaboratorRepository, type CollaboratorRow } from './ports/collaborator.repository';
import { NOTIFICATION_FACTS_REPOSITORY, type NotificationFactsRepository } from './ports/notification-facts.repository';

const toDto = (c: CollaboratorRow): CollaboratorDto => ({ userId: c.userId, name: c.name, reason: c.reason, addedBy: c.addedBy, createdAt: c.createdAt.toISOString() });

/** Who follows a conversation besides its assignee: mentioned agents, and those who chose to. */
@Injectable()
export class CollaboratorsService {
  constructor(
    @Inject(COLLABORATOR_REPOSITORY) private readonly repo: CollaboratorRepository,
    @Inject(NOTIFICATION_FACTS_REPOSITORY) private readonly facts: NotificationFactsRepository,
  ) {}

  async list(conversationId: string): Promise<CollaboratorDto[]> {
    await this.conversation(conversationId);
    return (await this.repo.list(conversationId)).map(toDto);
  }

  /** Following twice changes nothing (the first reason stays). */
  async add(conversationId: string, userId: string, addedBy: string | null, reason: CollaboratorReason = 'manual', now = new Date()): Promise<CollaboratorDto[]> {
    await this.conversation(conversationId);
    if (!(await this.facts.names([userId])).length) throw new NotFoundException(`User ${userId} not found`);
    await this.repo.add(conversationId, [userId], addedBy, reason, now);
    return (await this.repo.list(conversationId)).map(toDto);
  }

  async remove(conversationId: string, userId: string): Promise<void> {
    await this.conversation(conversationId);
    if (!(await this.repo.remove(conversationId, userId))) throw new NotFoundException(`User ${userId} does not follow conversation ${conversationId}`);
  }

  /** The listener's path: no checks beyond what the note already passed. */
  addMentioned(conversationId: string, userIds: string[], authorId: string, now = new Date()): Promise<string[]> {
    return userIds.length ? this.repo.add(conversationId, userIds, authorId, 'mention', now) : Promise.resolve([]);
  }

  /** Each conversation's followers, in one read (the listener's path for a group of events). */
  async followersOf(conversationIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const { conversationId, userId } of await this.repo.followers(conversationIds)) out.set(conversationId, [...(out.get(conversationId) ?? []), userId]);
    return out;
  }

  private async conversation(id: string) {
    const c = await this.facts.conversation(id);
    if (!c) throw new NotFoundException(`Conversation ${id} not found`);
    return c;
  }
}
