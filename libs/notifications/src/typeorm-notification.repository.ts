import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, LessThanOrEqual } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { keysetCondition, NotificationEntity, NotificationSettingsEntity } from '@parley/persistence';
import type { NotificationCursor, NotificationRepository } from './ports/notification.repository';

/** Notifications and their settings on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmNotificationRepository implements NotificationRepository {
  constructor(private readonly db: DataSource) {}

  async insertNew(rows: NotificationEntity[]) {
    if (!rows.length) return [];
    const repo = this.db.getRepository(NotificationEntity);
    const existing = new Set((await repo.find({ select: { id: true }, where: { id: In(rows.map((r) => r.id)) } })).map((r) => r.id));
    const fresh = rows.filter((r) => !existing.has(r.id));
    if (fresh.length) await this.db.createQueryBuilder().insert().into(NotificationEntity).values(fresh as QueryDeepPartialEntity<NotificationEntity>[]).orIgnore().updateEntity(false).execute();
    return fresh;
  }

  list(userId: string, cursor: NotificationCursor | null, limit: number) {
    const qb = this.db.getRepository(NotificationEntity).createQueryBuilder('n').where('n.userId = :userId', { userId });
    if (cursor) {
      const before = keysetCondition(['n.createdAt', 'n.id'], cursor, 'DESC');
      qb.andWhere(before.where, before.parameters);
    }
    return qb.orderBy('n.createdAt', 'DESC').addOrderBy('n.id', 'DESC').limit(limit).getMany();
  }

  unreadCount(userId: string) {
    return this.db.getRepository(NotificationEntity).countBy({ userId, readAt: IsNull() });
  }

  find(userId: string, id: string) {
    return this.db.getRepository(NotificationEntity).findOneBy({ userId, id });
  }

  async markRead(userId: string, ids: string[], at: Date) {
    const repo = this.db.getRepository(NotificationEntity);
    const unread = (await repo.find({ select: { id: true }, where: { userId, id: In(ids), readAt: IsNull() } })).map((r) => r.id);
    if (unread.length) await repo.update({ userId, id: In(unread), readAt: IsNull() }, { readAt: at });
    return unread;
  }

  async markAllRead(userId: string, upTo: Date, at: Date) {
    await this.db.getRepository(NotificationEntity).update({ userId, readAt: IsNull(), createdAt: LessThanOrEqual(upTo) }, { readAt: at });
  }

  async prune(keep: number) {
    // One statement on both databases (SQLite has window functions since 3.25): each user's rows ranked newest first.
    const ranked = `SELECT id, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY created_at DESC, id DESC) AS n FROM notifications`;
    const result = await this.db.createQueryBuilder().delete().from(NotificationEntity)
      .where(`id IN (SELECT ranked.id FROM (${ranked}) ranked WHERE ranked.n > :keep)`, { keep }).execute();
    return result.affected ?? 0;
  }

  settings(userIds: string[]) {
    return userIds.length ? this.db.getRepository(NotificationSettingsEntity).findBy({ userId: In(userIds) }) : Promise.resolve([]);
  }

  async saveSettings(row: NotificationSettingsEntity) {
    await this.db.getRepository(NotificationSettingsEntity).save(row);
  }
}
