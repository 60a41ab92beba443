import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { IdentityResolutionService } from '@parley/customers';
import { CustomerEntity, MessageEntity, SurveyEntity, withTransaction } from '@parley/persistence';
import type { VisitorScope, WidgetVisitorRepository } from './ports/widget-visitor.repository';

/** Replies a read receipt may still move forward (read and failed ones stay as they are). */
const UNREAD = ['pending', 'queued', 'sent', 'delivered'];

/** The widget's visitor storage on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmWidgetVisitorRepository implements WidgetVisitorRepository {
  constructor(private readonly db: DataSource, private readonly identities: IdentityResolutionService) {}

  async knownCustomerId(visitorId: string) {
    return (await this.identities.find(this.db.manager, 'webchat', visitorId))?.customer.id ?? null;
  }

  async createVisitorCustomer(visitorId: string, customerId: string) {
    const { customer } = await withTransaction(this.db, (em) => this.identities.resolve(em, 'webchat', { externalId: visitorId, customerId }));
    return customer.id;
  }

  customer(id: string) { return this.db.getRepository(CustomerEntity).findOneBy({ id }); }

  history(visitor: VisitorScope, limit: number) {
    return this.db.getRepository(MessageEntity).find({
      where: { customerId: visitor.customerId, inboxId: visitor.inboxId, private: false },
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }

  async lastConversationId(visitor: VisitorScope) {
    const last = await this.db.getRepository(MessageEntity).findOne({
      select: { conversationId: true },
      where: { customerId: visitor.customerId, inboxId: visitor.inboxId },
      order: { createdAt: 'DESC' },
    });
    return last?.conversationId ?? null;
  }

  async openSurveyIds(ids: string[]) {
    return (await this.db.getRepository(SurveyEntity).find({ select: { id: true }, where: { id: In(ids), state: 'sent' } })).map((s) => s.id);
  }

  reply(visitor: VisitorScope, messageId: string) {
    return this.db.getRepository(MessageEntity).findOneBy({ id: messageId, customerId: visitor.customerId, inboxId: visitor.inboxId, direction: 'outbound', private: false });
  }

  unreadRepliesUpTo(seen: MessageEntity, inboxId: string, limit: number) {
    return this.db.getRepository(MessageEntity).find({
      select: { id: true, providerMessageId: true, createdAt: true },
      where: {
        conversationId: seen.conversationId,
        inboxId,
        direction: 'outbound',
        private: false,
        deliveryStatus: In(UNREAD),
        createdAt: LessThanOrEqual(seen.createdAt),
      },
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }
}
