import { labelNameKey } from '@parley/domain';
import { timelineRow } from '@parley/customers';
import type { ConversationLabelEntity, LabelEntity, TimelineEventEntity } from '@parley/persistence';
import type { LabelledConversation, LabelsRepository, LabelsUnitOfWork } from '../ports/labels.repository';

/** Labels, their rows on conversations and the timeline in memory, for unit specs. A failed unit of work leaves nothing behind. */
export class InMemoryLabelsRepository implements LabelsRepository {
  labels = new Map<string, LabelEntity>();
  conversations = new Map<string, LabelledConversation & { updatedAt?: Date }>();
  rows: ConversationLabelEntity[] = [];
  timeline: TimelineEventEntity[] = [];

  async list() {
    return [...this.labels.values()].map((l) => ({ ...l })).sort((a, b) => a.nameEn.localeCompare(b.nameEn) || a.id.localeCompare(b.id));
  }

  async transaction<T>(work: (tx: LabelsUnitOfWork) => Promise<T>): Promise<T> {
    const saved = { labels: new Map([...this.labels].map(([k, v]) => [k, { ...v }])), rows: [...this.rows], timeline: [...this.timeline] };
    try {
      return await work(this.unitOfWork());
    } catch (err) {
      Object.assign(this, saved);
      throw err;
    }
  }

  private unitOfWork(): LabelsUnitOfWork {
    return {
      label: async (id) => (this.labels.has(id) ? { ...this.labels.get(id)! } : null),
      namesakes: async (names, exceptId) =>
        [...this.labels.values()].filter((l) => l.id !== exceptId
          && (labelNameKey(l.nameEn) === labelNameKey(names.nameEn) || labelNameKey(l.nameRu) === labelNameKey(names.nameRu))),
      insertLabel: async (label) => (this.labels.set(label.id, { ...label }), true),
      updateLabel: async (id, changes) => (Object.assign(this.labels.get(id)!, changes), true),
      deleteLabel: async (id) => {
        this.labels.delete(id);
        this.rows = this.rows.filter((r) => r.labelId !== id);
      },
      conversation: async (id) => (this.conversations.has(id) ? { ...this.conversations.get(id)! } : null),
      attach: async (row) => {
        if (this.rows.some((r) => r.conversationId === row.conversationId && r.labelId === row.labelId)) return false;
        this.rows.push({ ...row });
        return true;
      },
      detach: async (conversationId, labelId) => {
        const before = this.rows.length;
        this.rows = this.rows.filter((r) => !(r.conversationId === conversationId && r.labelId === labelId));
        return this.rows.length < before;
      },
      touchConversation: async (id, at) => void Object.assign(this.conversations.get(id) ?? {}, { updatedAt: at }),
      appendTimeline: async (event) => {
        const row = timelineRow(event);
        this.timeline.push(row);
        return row;
      },
    };
  }
}
