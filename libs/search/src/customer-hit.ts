import type { CustomerHitDto, CustomerMatchField } from '@parley/contracts';
import { attributeValues, foldForSearch, highlightField, highlightStems, NAME_SIMILARITY_THRESHOLD, nameSimilarity, plainSnippet, type SearchQuery, stemWord } from '@parley/domain';

/** A customer row as both indexes read it for a hit. */
export interface CustomerRow {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  attributes: unknown;
  /** Identities, one "externalId displayName" per line. */
  identities: string | null;
}

export const queryStems = (q: SearchQuery): Set<string> => new Set([...q.words, ...q.phrases.flat()].map(stemWord));

/**
 * Which field of a found customer matched and its snippet. The engines say that a customer
 * matched; this names the field, the same way on both databases, from the few rows of a page.
 */
export function customerHit(row: CustomerRow, q: SearchQuery): CustomerHitDto {
  const base = { id: row.id, name: row.name, email: row.email, phone: row.phone };
  const hit = (matchedField: CustomerMatchField, snippet: string): CustomerHitDto => ({ ...base, matchedField, snippet });
  const stems = queryStems(q);
  const contains = (value: string | null) => !!value && q.folded.length > 0 && foldForSearch(value).includes(q.folded);
  if (row.phone && (row.phone === q.phone || (q.digits && row.phone.includes(q.digits)))) {
    return hit('phone', highlightField(row.phone, q.digits && row.phone.includes(q.digits) ? q.digits : ''));
  }
  if (row.name) {
    if (contains(row.name)) return hit('name', highlightField(row.name, q.folded));
    const stemmed = highlightStems(row.name, stems);
    if (stemmed) return hit('name', stemmed);
  }
  if (contains(row.email)) return hit('email', highlightField(row.email!, q.folded));
  const identity = (row.identities ?? '').split('\n').find((line) => contains(line) || (!!q.phone && line.split(' ')[0].replace(/^whatsapp:/, '') === q.phone));
  if (identity) return hit('identity', highlightField(identity.trim(), contains(identity) ? q.folded : ''));
  const attributes = highlightStems(attributeValues(row.attributes).join(' · '), stems);
  if (attributes) return hit('attributes', attributes);
  if (row.name && nameSimilarity(q.folded, row.name) >= NAME_SIMILARITY_THRESHOLD) return hit('name', highlightField(row.name, ''));
  if (row.email && stems.size && highlightStems(row.email, stems)) return hit('email', highlightStems(row.email, stems)!);
  return hit('name', plainSnippet(row.name ?? row.email ?? row.phone ?? ''));
}
