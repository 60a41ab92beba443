export interface MergeableFields {
  name: string | null;
  email: string | null;
  phone: string | null;
  tags: string[];
  attributes: Record<string, any>;
}

/** The surviving record after a merge: the target's values win, the source fills blanks, tags and attributes combine. */
export function mergedFields(target: MergeableFields, source: MergeableFields): MergeableFields {
  return {
    name: target.name ?? source.name,
    email: target.email ?? source.email,
    phone: target.phone ?? source.phone,
    tags: [...new Set([...(target.tags ?? []), ...(source.tags ?? [])])],
    attributes: { ...(source.attributes ?? {}), ...(target.attributes ?? {}) },
  };
}

export const DEFAULT_MERGE_UNDO_MINUTES = 60;

/** MERGE_UNDO_MINUTES, when a positive number; else an hour. */
export function mergeUndoMinutes(env: string | undefined = process.env.MERGE_UNDO_MINUTES): number {
  const n = Number(env);
  return env !== undefined && env !== '' && Number.isFinite(n) && n >= 0 ? n : DEFAULT_MERGE_UNDO_MINUTES;
}

/** Until when a merge can be undone; null once undone or past the grace period. */
export function undoableUntil(mergedAt: Date, undoneAt: Date | null, minutes: number, now = new Date()): Date | null {
  if (undoneAt) return null;
  const until = new Date(mergedAt.getTime() + minutes * 60_000);
  return until > now ? until : null;
}
