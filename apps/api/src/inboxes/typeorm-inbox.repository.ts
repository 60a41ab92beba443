import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InboxEntity } from '@parley/persistence';
import type { InboxChanges, InboxRepository } from './ports/inbox.repository';

/** `inboxes` on TypeORM, the same queries on SQLite and PostgreSQL; the entity's transformer seals and opens the secrets. */
@Injectable()
export class TypeOrmInboxRepository implements InboxRepository {
  constructor(private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(InboxEntity);
  }

  list() { return this.repo.find({ order: { createdAt: 'ASC' } }); }
  byId(id: string) { return this.repo.findOneBy({ id }); }
  exists(id: string) { return this.repo.existsBy({ id }); }
  webchatByWebsiteToken(token: string) { return this.repo.findOneBy({ websiteToken: token, channel: 'webchat' }); }

  async insertIfAbsent(inbox: InboxEntity) {
    await this.db.createQueryBuilder().insert().into(InboxEntity).values(this.repo.create(inbox)).orIgnore().execute();
  }

  async update(id: string, changes: InboxChanges) {
    await this.repo.update({ id }, changes);
  }
}
