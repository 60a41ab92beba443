import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import type { AgentPresence } from '@parley/domain';
import { AgentProfileEntity, ConversationEntity, CustomerEntity, MessageEntity, SurveyEntity, TeamEntity, TeamMemberEntity, UserEntity } from '@parley/persistence';
import type { ConversationFacts, NotificationFactsRepository } from './ports/notification-facts.repository';

/** What notifications reads of conversations, messages, users, presence, teams and surveys, on TypeORM. */
@Injectable()
export class TypeOrmNotificationFactsRepository implements NotificationFactsRepository {
  constructor(private readonly db: DataSource) {}

  async conversation(id: string) {
    return (await this.conversationsOf([id]))[0] ?? null;
  }

  async conversationsOf(ids: readonly string[]): Promise<ConversationFacts[]> {
    if (!ids.length) return [];
    const rows: ConversationFacts[] = await this.db.getRepository(ConversationEntity).createQueryBuilder('c')
      .leftJoin(CustomerEntity, 'cu', 'cu.id = c.customerId')
      .select('c.id', 'id').addSelect('c.customerId', 'customerId').addSelect('cu.name', 'customerName')
      .addSelect('c.assigneeId', 'assigneeId').addSelect('c.teamId', 'teamId')
      .where('c.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getRawMany();
    return rows.map((r) => ({ id: r.id, customerId: r.customerId, customerName: r.customerName ?? null, assigneeId: r.assigneeId ?? null, teamId: r.teamId ?? null }));
  }

  async message(id: string) {
    return (await this.messagesOf([id]))[0] ?? null;
  }

  messagesOf(ids: readonly string[]) {
    return ids.length
      ? this.db.getRepository(MessageEntity).find({ select: { id: true, conversationId: true, content: true, private: true }, where: { id: In([...new Set(ids)]) } })
      : Promise.resolve([]);
  }

  agents() {
    return this.db.getRepository(UserEntity).find({ select: { id: true, name: true }, where: { disabledAt: IsNull() } });
  }

  names(userIds: string[]) {
    return userIds.length ? this.db.getRepository(UserEntity).find({ select: { id: true, name: true }, where: { id: In(userIds) } }) : Promise.resolve([]);
  }

  async presence(userIds: string[]) {
    const rows = userIds.length ? await this.db.getRepository(AgentProfileEntity).find({ select: { userId: true, status: true }, where: { userId: In(userIds) } }) : [];
    return new Map(rows.map((r) => [r.userId, r.status as AgentPresence]));
  }

  async teamLeads(teamId: string) {
    const team = await this.db.getRepository(TeamEntity).findOne({ select: { id: true, leadId: true }, where: { id: teamId } });
    const members = await this.db.getRepository(TeamMemberEntity).find({ select: { agentId: true }, where: { teamId } });
    const supervisors = members.length
      ? await this.db.getRepository(UserEntity).find({ select: { id: true }, where: { id: In(members.map((m) => m.agentId)), role: In(['supervisor', 'admin']), disabledAt: IsNull() } })
      : [];
    return [...new Set([...(team?.leadId ? [team.leadId] : []), ...supervisors.map((u) => u.id)])];
  }

  async surveyType(surveyId: string) {
    return (await this.db.getRepository(SurveyEntity).findOne({ select: { id: true, type: true }, where: { id: surveyId } }))?.type ?? null;
  }
}
