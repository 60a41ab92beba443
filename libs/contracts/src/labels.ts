// Labels on conversations (issue 16, item 3): admin-defined, coloured, named in English and Russian.

/** GET /api/labels, and the answer to every admin change. */
export interface LabelDto {
  id: string;
  nameEn: string;
  nameRu: string;
  /** `#rrggbb`, lower case. */
  colour: string;
  /** Latin, URL-safe, derived from the English name; not unique. */
  slug: string;
  createdAt: string;
  updatedAt: string;
}

/** A label as a conversation carries it (ConversationDto.labels). */
export interface ConversationLabelDto {
  id: string;
  nameEn: string;
  nameRu: string;
  colour: string;
}

/** POST /api/labels; PATCH takes any part of it. A blank name takes the other language's. */
export interface LabelInputDto {
  nameEn?: string;
  nameRu?: string;
  colour: string;
}

/** POST /api/conversations/:id/labels */
export interface AddConversationLabelDto {
  labelId: string;
}

/** Timeline event data of `label_added` and `label_removed`. */
export interface LabelTimelineData {
  labelId: string;
  nameEn: string;
  nameRu: string;
  colour: string;
}

/** Events on `/agents` when an admin changes the label list: LabelDto, and `{ id }` for a deletion. */
export const LABEL_EVENTS = {
  saved: 'label.saved',
  deleted: 'label.deleted',
} as const;
