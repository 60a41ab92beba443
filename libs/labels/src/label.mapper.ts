import type { ConversationLabelDto, LabelDto, LabelTimelineData } from '@parley/contracts';
import { labelSlug } from '@parley/domain';
import type { LabelEntity } from '@parley/persistence';

export function toLabelDto(l: LabelEntity): LabelDto {
  return {
    id: l.id, nameEn: l.nameEn, nameRu: l.nameRu, colour: l.colour, slug: labelSlug(l),
    createdAt: l.createdAt.toISOString(), updatedAt: l.updatedAt.toISOString(),
  };
}

export function toConversationLabel(l: LabelEntity): ConversationLabelDto {
  return { id: l.id, nameEn: l.nameEn, nameRu: l.nameRu, colour: l.colour };
}

/** What a timeline event keeps of the label: its names as they were, so a renamed or deleted label still reads. */
export function labelTimelineData(l: LabelEntity): LabelTimelineData {
  return { labelId: l.id, nameEn: l.nameEn, nameRu: l.nameRu, colour: l.colour };
}

/** The event's title, searchable in either language: «Возврат», or «Refund / Возврат». */
export function labelTitle(l: LabelEntity): string {
  return l.nameEn === l.nameRu ? l.nameRu : `${l.nameEn} / ${l.nameRu}`;
}
