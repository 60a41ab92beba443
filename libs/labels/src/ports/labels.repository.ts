import type { LabelNames } from '@parley/domain';
import type { Channel } from '@parley/contracts';
import type { NewTimelineEvent } from '@parley/customers';
import type { ConversationLabelEntity, LabelEntity, TimelineEventEntity } from '@parley/persistence';

/** What a label change needs to know of the conversation it is on. */
export interface LabelledConversation {
  id: string;
  customerId: string;
  channel: Channel;
}

/** Writes of one use case, committed together. */
export interface LabelsUnitOfWork {
  label(id: string): Promise<LabelEntity | null>;
  /** Labels other than `exceptId` whose English or Russian name folds (labelNameKey) as one of these. */
  namesakes(names: LabelNames, exceptId: string | null): Promise<LabelEntity[]>;
  /** False when a namesake got there first (the database's unique index refused the name). */
  insertLabel(label: LabelEntity): Promise<boolean>;
  /** False as insertLabel. */
  updateLabel(id: string, changes: Partial<LabelEntity>): Promise<boolean>;
  /** The label and every conversation's row of it (SQLite has no cascading keys). */
  deleteLabel(id: string): Promise<void>;
  conversation(id: string): Promise<LabelledConversation | null>;
  /** False when the conversation already carries the label. */
  attach(row: ConversationLabelEntity): Promise<boolean>;
  /** False when the conversation did not carry the label. */
  detach(conversationId: string, labelId: string): Promise<boolean>;
  /** A label change is a change of the conversation: consoles order its versions by updated_at. */
  touchConversation(id: string, at: Date): Promise<void>;
  appendTimeline(event: NewTimelineEvent): Promise<TimelineEventEntity>;
}

/** Labels and their rows on conversations. */
export interface LabelsRepository {
  /** Every label, by English name. */
  list(): Promise<LabelEntity[]>;
  transaction<T>(work: (tx: LabelsUnitOfWork) => Promise<T>): Promise<T>;
}

export const LABELS_REPOSITORY = Symbol('LABELS_REPOSITORY');
