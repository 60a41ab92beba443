import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { MessageEntity } from './entities/message.entity';

/** channels/core's StoredMessageLookup port. */
@Injectable()
export class StoredMessageLookupRepository {
  constructor(private readonly db: DataSource) {}

  hasProviderMessage(inboxId: string, providerMessageId: string): Promise<boolean> {
    return this.db.getRepository(MessageEntity).existsBy({ inboxId, providerMessageId });
  }

  async anyPending(inboxId: string, messageIds: string[]): Promise<boolean> {
    return messageIds.length > 0 && this.db.getRepository(MessageEntity).existsBy({ id: In(messageIds), inboxId, deliveryStatus: 'pending' });
  }
}
