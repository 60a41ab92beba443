import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { labelNameKey, type LabelNames } from '@parley/domain';
import { TimelineService } from '@parley/customers';
import { ConversationEntity, ConversationLabelEntity, isUniqueViolation, LabelEntity, searchFold, withTransaction } from '@parley/persistence';
import type { LabelledConversation, LabelsRepository, LabelsUnitOfWork } from './ports/labels.repository';

/** Labels on TypeORM, the same statements on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmLabelsRepository implements LabelsRepository {
  constructor(private readonly db: DataSource, private readonly timeline: TimelineService) {}

  list() {
    return this.db.getRepository(LabelEntity).find({ order: { nameEn: 'ASC', id: 'ASC' } });
  }

  transaction<T>(work: (tx: LabelsUnitOfWork) => Promise<T>): Promise<T> {
    return withTransaction(this.db, (em) => work(this.unitOfWork(em)));
  }

  private unitOfWork(em: EntityManager): LabelsUnitOfWork {
    const fold = (column: string) => searchFold(this.db.options.type === 'postgres' ? 'postgres' : 'sqlite', column);
    // A row a unique key refused (a namesake label, a label added twice at once). A refused statement
    // ends a PostgreSQL transaction: the savepoint keeps it usable to report the conflict.
    const unlessDuplicate = async (write: () => Promise<unknown>): Promise<boolean> => {
      await em.query('SAVEPOINT label_write');
      try {
        await write();
        await em.query('RELEASE SAVEPOINT label_write');
        return true;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        await em.query('ROLLBACK TO SAVEPOINT label_write');
        return false;
      }
    };
    return {
      label: (id) => em.findOneBy(LabelEntity, { id }),
      namesakes: (names: LabelNames, exceptId) => {
        const qb = em.createQueryBuilder(LabelEntity, 'l')
          .where(`(${fold('l.name_en')} = :en OR ${fold('l.name_ru')} = :ru)`, { en: labelNameKey(names.nameEn), ru: labelNameKey(names.nameRu) });
        if (exceptId) qb.andWhere('l.id != :exceptId', { exceptId });
        return qb.getMany();
      },
      insertLabel: (label) => unlessDuplicate(() => em.insert(LabelEntity, label)),
      updateLabel: (id, changes) => unlessDuplicate(() => em.update(LabelEntity, { id }, changes)),
      deleteLabel: async (id) => {
        await em.delete(ConversationLabelEntity, { labelId: id });
        await em.delete(LabelEntity, { id });
      },
      conversation: (id) =>
        em.findOne(ConversationEntity, { select: { id: true, customerId: true, channel: true }, where: { id } }) as Promise<LabelledConversation | null>,
      // Two agents adding the same label at once: the second finds the row, or (PostgreSQL) hits the key.
      attach: async (row) =>
        !(await em.existsBy(ConversationLabelEntity, { conversationId: row.conversationId, labelId: row.labelId }))
        && unlessDuplicate(() => em.insert(ConversationLabelEntity, row)),
      detach: async (conversationId, labelId) => ((await em.delete(ConversationLabelEntity, { conversationId, labelId })).affected ?? 0) > 0,
      touchConversation: async (id, at) => void (await em.update(ConversationEntity, { id }, { updatedAt: at })),
      appendTimeline: (event) => this.timeline.append(em, event),
    };
  }
}

