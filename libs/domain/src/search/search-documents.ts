import { foldForSearch } from '../customers/search-folding';
import { nameSimilarity } from './name-similarity';
import { stemText } from './search-stemming';

const parsed = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
};

/** The words a message is found by: its text, its email subject (metadata.subject) and its attachments' file names. */
export function messageDocument(content: unknown, metadata: unknown, attachments: unknown): string {
  const meta = parsed(metadata) as { subject?: unknown } | null;
  const files = parsed(attachments);
  const names = Array.isArray(files) ? files.map((a) => (a && typeof a.fileName === 'string' ? a.fileName : '')) : [];
  return [typeof content === 'string' ? content : '', typeof meta?.subject === 'string' ? meta.subject : '', ...names].filter(Boolean).join(' ');
}

/** The words a customer is found by beyond name, email and phone: the values of their attributes. */
export function attributeValues(attributes: unknown): string[] {
  const value = parsed(attributes);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.values(value).flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? [String(v)] : []));
}

/**
 * SQL functions the embedded database's search index is kept and queried with (registered on
 * every SQLite connection, used by the triggers of migration 1765850000000): the same rules as the
 * rest of search, so what the triggers store and what a query looks for agree.
 */
export const SQLITE_SEARCH_FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  parley_message_stems: (content, metadata, attachments) => stemText(messageDocument(content, metadata, attachments)),
  parley_customer_stems: (name, email, attributes) =>
    stemText([typeof name === 'string' ? name : '', typeof email === 'string' ? email : '', ...attributeValues(attributes)].join(' ')),
  parley_search_text: (...parts) => foldForSearch(parts.filter((p) => typeof p === 'string' && p).join(' ')),
  parley_name_similarity: (query, text) => (typeof query === 'string' && typeof text === 'string' ? nameSimilarity(query, text) : 0),
};
