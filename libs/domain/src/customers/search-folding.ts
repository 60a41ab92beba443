/**
 * The one rule by which customer names, emails and queries are compared: NFKC (so a ligature or a
 * full-width letter equals its plain form), lower case in every script (SQLite's LOWER() only knows
 * ASCII), and ё written as е, since Russian writers drop the dots at will ("Пётр" = "Петр").
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/ё/g, 'е');
}

/** The same rule for a whole name: folded and with runs of spaces collapsed, for "same name" matching. */
export function nameKey(name: string | null | undefined): string | null {
  const key = foldForSearch(name ?? '').trim().split(/\s+/).filter(Boolean);
  // One word ("Мария") names too many people to suggest a merge on.
  return key.length >= 2 ? key.join(' ') : null;
}
