import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { bulkInsert, MessageEntity, MessageSentimentEntity, runPrepared } from '@parley/persistence';
import type { MessageSentimentRepository } from './ports/message-sentiment.repository';

/** Message sentiments on TypeORM: one read and one write per group commit, on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmMessageSentimentRepository implements MessageSentimentRepository {
  constructor(private readonly db: DataSource) {}

  messages(ids: string[]) {
    return this.db.getRepository(MessageEntity).find({
      select: { id: true, conversationId: true, direction: true, content: true },
      where: { id: In(ids) },
    });
  }

  async insertNew(rows: MessageSentimentEntity[]) {
    if (this.db.options.type === 'postgres') {
      // One statement whose text does not depend on the batch size.
      await runPrepared(this.db, 'parley_message_sentiments', bulkInsert(this.db, MessageSentimentEntity, rows, 'ON CONFLICT DO NOTHING'));
    } else {
      await this.db.createQueryBuilder().insert().into(MessageSentimentEntity).values(rows).orIgnore().updateEntity(false).execute();
    }
  }
}
