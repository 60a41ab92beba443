import { foldForSearch } from '../customers/search-folding';

/** Long enough for "Возврат денег по гарантии", short enough to fit a chip in the list. */
export const LABEL_NAME_MAX = 50;

const COLOUR = /^#[0-9a-f]{6}$/;

export interface LabelNames {
  nameEn: string;
  nameRu: string;
}

export type LabelProblem = 'name_required' | 'name_too_long' | 'colour_invalid';

export type LabelCheck<T> = { ok: true; value: T } | { ok: false; problem: LabelProblem };

/** Spaces trimmed and collapsed, NFC: what the admin meant, stored as they wrote it otherwise. */
export function cleanLabelName(name: string | null | undefined): string {
  return (name ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** `#RRGGBB` in any case → `#rrggbb`; anything else (names, `#abc`, rgb()) is refused, as null. */
export function labelColour(colour: string | null | undefined): string | null {
  const value = (colour ?? '').trim().toLowerCase();
  return COLOUR.test(value) ? value : null;
}

/**
 * Both names of a label. One may be left blank: it takes the other, so a label named only in
 * Russian still reads in an English console (and the other way round).
 */
export function labelNames(input: { nameEn?: string | null; nameRu?: string | null }): LabelCheck<LabelNames> {
  const en = cleanLabelName(input.nameEn);
  const ru = cleanLabelName(input.nameRu);
  if (!en && !ru) return { ok: false, problem: 'name_required' };
  const names = { nameEn: en || ru, nameRu: ru || en };
  if ([...names.nameEn].length > LABEL_NAME_MAX || [...names.nameRu].length > LABEL_NAME_MAX) return { ok: false, problem: 'name_too_long' };
  return { ok: true, value: names };
}

/**
 * The key two names must not share: folded as customer search folds (any case, any script, ё = е),
 * so «Возврат», «ВОЗВРАТ» and «возврат» are one label. The database's unique index folds the same way.
 */
export function labelNameKey(name: string): string {
  return foldForSearch(cleanLabelName(name));
}

/** Whether two labels' names collide, in either language. */
export function labelNamesCollide(a: LabelNames, b: LabelNames): boolean {
  return labelNameKey(a.nameEn) === labelNameKey(b.nameEn) || labelNameKey(a.nameRu) === labelNameKey(b.nameRu);
}

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/**
 * A URL- and attribute-safe name (`vozvrat`, `vip-client`): from the English name, Cyrillic
 * transliterated, for links and test ids; never an identity (two labels may share one).
 */
export function labelSlug(names: LabelNames): string {
  const source = foldForSearch(names.nameEn || names.nameRu);
  const latin = [...source].map((ch) => TRANSLIT[ch] ?? ch).join('');
  const slug = latin.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || 'label';
}
