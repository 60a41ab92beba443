import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { CollaboratorReason } from '@parley/contracts';
import { ConversationCollaboratorEntity, UserEntity } from '@parley/persistence';
import type { CollaboratorRepository, CollaboratorRow } from './ports/collaborator.repository';

/** Conversation collaborators on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmCollaboratorRepository implements CollaboratorRepository {
  constructor(private readonly db: DataSource) {}

  async list(conversationId: string): Promise<CollaboratorRow[]> {
    const rows = await this.db.getRepository(ConversationCollaboratorEntity).find({ where: { conversationId }, order: { createdAt: 'ASC', userId: 'ASC' } });
    const users = rows.length ? await this.db.getRepository(UserEntity).find({ select: { id: true, name: true }, where: { id: In(rows.map((r) => r.userId)) } }) : [];
    return rows.map((r) => ({ ...r, name: users.find((u) => u.id === r.userId)?.name ?? '' }));
  }

  async followers(conversationIds: readonly string[]) {
    return conversationIds.length
      ? this.db.getRepository(ConversationCollaboratorEntity).find({ select: { conversationId: true, userId: true, createdAt: true }, where: { conversationId: In([...new Set(conversationIds)]) }, order: { createdAt: 'ASC', userId: 'ASC' } })
      : [];
  }

  async add(conversationId: string, userIds: string[], addedBy: string | null, reason: CollaboratorReason, at: Date) {
    const repo = this.db.getRepository(ConversationCollaboratorEntity);
    const following = new Set((await repo.findBy({ conversationId, userId: In(userIds) })).map((r) => r.userId));
    const added = [...new Set(userIds)].filter((id) => !following.has(id));
    if (added.length) {
      await this.db.createQueryBuilder().insert().into(ConversationCollaboratorEntity)
        .values(added.map((userId) => ({ conversationId, userId, addedBy, reason, createdAt: at }))).orIgnore().updateEntity(false).execute();
    }
    return added;
  }

  async remove(conversationId: string, userId: string) {
    return ((await this.db.getRepository(ConversationCollaboratorEntity).delete({ conversationId, userId })).affected ?? 0) > 0;
  }
}
