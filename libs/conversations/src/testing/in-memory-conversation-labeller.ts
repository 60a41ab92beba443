import type { Actor } from '../conversations.service';
import type { ConversationLabeller } from '../ports/conversation-labeller.port';
import type { InMemoryConversationRepository } from './in-memory-conversation.repository';

/** Labels in memory for unit specs: writes the repository's `labelRows` and records every change asked for. */
export class InMemoryConversationLabeller implements ConversationLabeller {
  labels = new Set<string>();
  changes: { type: 'add' | 'remove'; conversationId: string; labelId: string; actor: Actor }[] = [];

  constructor(private readonly repo: InMemoryConversationRepository) {}

  async labelExists(labelId: string) { return this.labels.has(labelId); }

  async add(conversationId: string, labelId: string, actor: Actor) {
    this.check(conversationId, labelId);
    this.changes.push({ type: 'add', conversationId, labelId, actor });
    if (!this.repo.labelRows.some((l) => l.conversationId === conversationId && l.id === labelId)) {
      this.repo.labelRows.push({ conversationId, id: labelId, nameEn: labelId, nameRu: labelId, colour: '#607d8b' });
    }
  }

  async remove(conversationId: string, labelId: string, actor: Actor) {
    this.check(conversationId, labelId);
    this.changes.push({ type: 'remove', conversationId, labelId, actor });
    this.repo.labelRows = this.repo.labelRows.filter((l) => !(l.conversationId === conversationId && l.id === labelId));
  }

  private check(conversationId: string, labelId: string) {
    if (!this.repo.conversations.has(conversationId)) throw new Error(`Conversation ${conversationId} not found`);
    if (!this.labels.has(labelId)) throw new Error(`Label ${labelId} not found`);
  }
}
