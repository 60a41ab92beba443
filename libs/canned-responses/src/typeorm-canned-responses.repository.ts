import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  AttachmentStore, CannedResponseEntity, ConversationEntity, CustomerEntity, InboxEntity, isUniqueViolation, MessageEntity, TeamEntity, TeamMemberEntity,
} from '@parley/persistence';
import type { CannedRenderContext, CannedResponsesRepository } from './ports/canned-responses.repository';

/** Canned responses on TypeORM, the same statements on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmCannedResponsesRepository implements CannedResponsesRepository {
  private readonly files: AttachmentStore;

  constructor(private readonly db: DataSource) {
    this.files = new AttachmentStore(db);
  }

  private get rows() {
    return this.db.getRepository(CannedResponseEntity);
  }

  list(scopeKeys: string[], allTeams: boolean) {
    const qb = this.rows.createQueryBuilder('c').where('c.scope_key IN (:...keys)', { keys: scopeKeys });
    if (allTeams) qb.orWhere(`c.scope = 'team'`);
    return qb.orderBy('c.shortcode', 'ASC').addOrderBy('c.id', 'ASC').getMany();
  }

  get(id: string) {
    return this.rows.findOneBy({ id });
  }

  byShortcode(scopeKey: string, shortcode: string) {
    return this.rows.findOneBy({ scopeKey, shortcode });
  }

  insert(row: CannedResponseEntity) {
    return unlessDuplicate(() => this.rows.insert(row));
  }

  update(id: string, changes: Partial<CannedResponseEntity>) {
    return unlessDuplicate(() => this.rows.update({ id }, changes));
  }

  async delete(id: string) {
    await this.rows.delete({ id });
  }

  async teamIdsOf(userId: string) {
    return (await this.db.getRepository(TeamMemberEntity).find({ select: { teamId: true }, where: { agentId: userId } })).map((m) => m.teamId);
  }

  async teams() {
    return this.db.getRepository(TeamEntity).find({ select: { id: true, name: true }, order: { name: 'ASC' } });
  }

  attachments(ids: string[]) {
    return this.files.describe(ids);
  }

  async renderContext(conversationId: string): Promise<CannedRenderContext | null> {
    const conversation = await this.db.getRepository(ConversationEntity).findOne({
      select: { id: true, customerId: true, inboxId: true, channel: true, lastInboundAt: true }, where: { id: conversationId },
    });
    if (!conversation) return null;
    const [customer, last, inbox] = await Promise.all([
      this.db.getRepository(CustomerEntity).findOne({ select: { name: true, email: true, phone: true, attributes: true }, where: { id: conversation.customerId } }),
      this.db.getRepository(MessageEntity).findOne({
        select: { content: true }, where: { conversationId, direction: 'inbound' }, order: { createdAt: 'DESC', id: 'DESC' },
      }),
      conversation.channel === 'whatsapp' ? this.db.getRepository(InboxEntity).findOne({ select: { id: true, config: true }, where: { id: conversation.inboxId } }) : null,
    ]);
    return {
      conversation: { id: conversation.id, channel: conversation.channel, lastInboundAt: conversation.lastInboundAt },
      customer: { name: customer?.name ?? null, email: customer?.email ?? null, phone: customer?.phone ?? null, attributes: customer?.attributes ?? {} },
      lastCustomerWords: last?.content ?? null,
      templates: templatesOf(inbox?.config),
    };
  }
}

/** The inbox's `config.templates` (Twilio Content API items) as far as a response can name them. */
function templatesOf(config: Record<string, unknown> | undefined): CannedRenderContext['templates'] {
  const raw = Array.isArray(config?.templates) ? (config.templates as { id?: unknown; name?: unknown }[]) : [];
  return raw.flatMap((t) => (typeof t?.id === 'string' ? [{ id: t.id, name: typeof t.name === 'string' ? t.name : t.id }] : []));
}

async function unlessDuplicate(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}
