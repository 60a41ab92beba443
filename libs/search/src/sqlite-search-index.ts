import type { DataSource } from 'typeorm';
import type { ConversationHitDto, MessageHitDto, SearchSort, SearchType } from '@parley/contracts';
import { highlightStems, innerTrigrams, NAME_SIMILARITY_THRESHOLD, plainSnippet, type SearchQuery, stemWord } from '@parley/domain';
import { customerHit, queryStems, type CustomerRow } from './customer-hit';
import { type HitsOf, type Ranked, RELEVANCE_WINDOW, type SearchFilters, type SearchIndex, type SearchKey } from './ports/search-index.port';
import { conversationConditions, fromSqliteTime, messageConditions, needsConversation, SqlParams, where } from './search-sql';

/** Typo candidates come from trigrams; shorter queries would match half the customers. */
const FUZZY_MIN_LENGTH = 4;
/** Messages walked newest first that cost what one match read from the word index and sorted does. */
const WALK_PER_MATCH = 4;

interface MessageRow { id: string; conversation_id: string; customer_id: string; customer_name: string | null; channel: MessageHitDto['channel']; direction: MessageHitDto['direction']; created_at: string; score: number; content: string; metadata: string | null; attachments: string | null }
interface ConversationRow { id: string; customer_id: string; customer_name: string | null; inbox_id: string; channel: ConversationHitDto['channel']; status: ConversationHitDto['status']; assignee_id: string | null; team_id: string | null; last_message_at: string; score: number; at: string }

/** An FTS5 string literal: the text in double quotes, quotes doubled; nothing in it is syntax. */
const quoted = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** The query as an FTS5 expression over stored stems: every word and phrase quoted, all required. */
export function ftsMatch(query: SearchQuery): string {
  return [...query.words.map((w) => quoted(stemWord(w))), ...query.phrases.map((p) => quoted(p.map(stemWord).join(' ')))].join(' ');
}

/** What a message's snippet shows: subject, text, file names. */
function displayText(row: Pick<MessageRow, 'content' | 'metadata' | 'attachments'>): string {
  const json = (v: string | null) => {
    try {
      return v ? JSON.parse(v) : null;
    } catch {
      return null;
    }
  };
  const subject = json(row.metadata)?.subject;
  const files = json(row.attachments);
  const names = Array.isArray(files) ? files.map((a) => a?.fileName).filter((n) => typeof n === 'string' && n) : [];
  return [typeof subject === 'string' && subject ? subject : null, row.content, names.length ? names.join(', ') : null].filter(Boolean).join(' · ');
}

/**
 * Search on the embedded SQLite: FTS5 tables of Snowball stems (messages_fts, customers_fts) and
 * of trigrams (customers_trgm), kept by triggers (migration 1765860000000). FTS5 would show stems
 * in its own snippets, so snippets are cut from the stored text by the domain's highlighter.
 */
export class SqliteSearchIndex implements SearchIndex {
  constructor(private readonly db: DataSource) {}

  async search<T extends SearchType>(query: SearchQuery, filters: SearchFilters, type: T, sort: SearchSort, after: SearchKey | null, limit: number): Promise<Ranked<HitsOf[T]>[]> {
    if (type === 'messages') return (await this.messages(query, filters, sort, after, limit)) as Ranked<HitsOf[T]>[];
    if (type === 'conversations') return (await this.conversations(query, filters, sort, after, limit)) as Ranked<HitsOf[T]>[];
    return (await this.customers(query, filters, sort, after, limit)) as Ranked<HitsOf[T]>[];
  }

  private async messages(query: SearchQuery, f: SearchFilters, sort: SearchSort, after: SearchKey | null, limit: number): Promise<Ranked<MessageHitDto>[]> {
    const p = new SqlParams('sqlite');
    const newest = sort === 'newest';
    const extra = after && newest ? [`(m.created_at, m.id) < (${p.add(after.at)}, ${p.add(after.id)})`] : [];
    const need = newest ? limit : RELEVANCE_WINDOW;
    const rows: MessageRow[] = await this.db.query(
      `WITH ${this.window(p, query, f, extra, need, !newest, await this.walks(query, f, need))},
      page AS (SELECT * FROM w ${after && !newest ? `WHERE (w.score, w.id) < (${p.add(after.rank)}, ${p.add(after.id)})` : ''}
        ORDER BY ${newest ? 'w.created_at' : 'w.score'} DESC, w.id DESC LIMIT ${p.add(limit)})
      SELECT m.id, m.conversation_id, m.customer_id, cu.name AS customer_name, m.channel, m.direction, m.created_at, m.content, m.metadata, m.attachments, page.score
      FROM page JOIN messages m ON m.id = page.id JOIN customers cu ON cu.id = m.customer_id
      ORDER BY ${newest ? 'page.created_at' : 'page.score'} DESC, page.id DESC`,
      p.values,
    );
    const stems = queryStems(query);
    return rows.map((r) => {
      const createdAt = fromSqliteTime(r.created_at);
      return {
        hit: { id: r.id, conversationId: r.conversation_id, customer: { id: r.customer_id, name: r.customer_name }, channel: r.channel, direction: r.direction, createdAt: createdAt.toISOString(), snippet: this.snippet(r, stems) },
        key: { rank: r.score, at: createdAt, id: r.id },
      };
    });
  }

  /**
   * CTEs ending in `w`: the `need` newest matching messages (id, conversation_id, created_at and,
   * when `scored`, -bm25 as score, else 0). Two plans, one result: from the word index, every match
   * joined and sorted (rare words); or walking messages newest first through ix_messages_created,
   * each checked against the set of matches, until `need` pass the filters (common words: a word in
   * a fifth of the messages had 20,000 matches sorted for 200).
   */
  private window(p: SqlParams, query: SearchQuery, f: SearchFilters, extra: string[], need: number, scored: boolean, walk: boolean): string {
    const conversation = needsConversation(f) ? 'CROSS JOIN conversations c ON c.id = m.conversation_id' : '';
    const filters = [...messageConditions(f, p, ''), ...conversationConditions(f, p, ''), ...extra];
    const match = p.add(ftsMatch(query));
    if (!walk) {
      // bm25() cannot be used outside the query that matches: the window is materialized with it.
      // CROSS JOIN keeps the full-text match as the outer loop: driven from a conversation index
      // (assignee, status), SQLite would run the whole MATCH again for every message of every conversation.
      return `w AS MATERIALIZED (SELECT m.id, m.conversation_id, m.created_at, ${scored ? '-bm25(messages_fts)' : '0'} AS score
        FROM messages_fts CROSS JOIN messages m ON m.rowid = messages_fts.rowid AND m.id = messages_fts.message_id ${conversation}
        WHERE ${[`messages_fts MATCH ${match}`, ...filters].join(' AND ')} ORDER BY m.created_at DESC, m.id DESC LIMIT ${p.add(need)})`;
    }
    return `f AS MATERIALIZED (SELECT rowid AS r, ${scored ? '-bm25(messages_fts)' : '0'} AS score FROM messages_fts WHERE messages_fts MATCH ${match}),
      n AS MATERIALIZED (SELECT m.rowid AS r, m.id, m.conversation_id, m.created_at FROM messages m INDEXED BY ix_messages_created ${conversation}
        WHERE ${['m.rowid IN (SELECT r FROM f)', ...filters].join(' AND ')} ORDER BY m.created_at DESC, m.id DESC LIMIT ${p.add(need)}),
      w AS MATERIALIZED (SELECT n.id, n.conversation_id, n.created_at, f.score FROM n JOIN f ON f.r = n.r)`;
  }

  /**
   * Whether walking messages newest first reads fewer rows than the word's matches: about
   * need / (share of messages matching × share kept by the filters), each filter taken to keep a
   * quarter; a match costs about four walked messages (measured on 100,000 messages).
   */
  private async walks(query: SearchQuery, f: SearchFilters, need: number): Promise<boolean> {
    const p = new SqlParams('sqlite');
    const [{ matches, total }]: { matches: number; total: number | null }[] = await this.db.query(
      `SELECT (SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ${p.add(ftsMatch(query))}) AS matches, (SELECT max(rowid) FROM messages) AS total`, p.values);
    if (!matches || !total) return false;
    const filters = [f.channel, f.inboxId, f.from, f.to, f.teamId, f.status, f.labelId, f.assigneeId].filter((v) => v !== undefined).length;
    return (need * total * 4 ** filters) / matches < WALK_PER_MATCH * matches;
  }

  private snippet(row: Pick<MessageRow, 'content' | 'metadata' | 'attachments'>, stems: Set<string>): string {
    const text = displayText(row);
    return highlightStems(text, stems) ?? plainSnippet(text);
  }

  /** Conversations of the RELEVANCE_WINDOW newest matching messages, by their best or their latest match. */
  private async conversations(query: SearchQuery, f: SearchFilters, sort: SearchSort, after: SearchKey | null, limit: number): Promise<Ranked<ConversationHitDto>[]> {
    const p = new SqlParams('sqlite');
    const keyset = !after ? '' : sort === 'relevance'
      ? `WHERE (h.score, h.conversation_id) < (${p.add(after.rank)}, ${p.add(after.id)})`
      : `WHERE (h.at, h.conversation_id) < (${p.add(after.at)}, ${p.add(after.id)})`;
    const order = sort === 'relevance' ? 'score' : 'at';
    const rows: ConversationRow[] = await this.db.query(
      `WITH ${this.window(p, query, f, [], RELEVANCE_WINDOW, true, await this.walks(query, f, RELEVANCE_WINDOW))},
      h AS (SELECT conversation_id, max(score) AS score, max(created_at) AS at FROM w GROUP BY conversation_id),
      page AS (SELECT * FROM h ${keyset} ORDER BY h.${order} DESC, h.conversation_id DESC LIMIT ${p.add(limit)})
      SELECT c.id, c.customer_id, cu.name AS customer_name, c.inbox_id, c.channel, c.status, c.assignee_id, c.team_id, c.last_message_at, page.score, page.at
      FROM page JOIN conversations c ON c.id = page.conversation_id JOIN customers cu ON cu.id = c.customer_id
      ORDER BY page.${order} DESC, c.id DESC`,
      p.values,
    );
    const best = await this.bestMessages(query, f, rows.map((r) => r.id));
    return rows.map((r) => ({
      hit: {
        id: r.id, customer: { id: r.customer_id, name: r.customer_name }, inboxId: r.inbox_id, channel: r.channel, status: r.status, assigneeId: r.assignee_id, teamId: r.team_id,
        lastMessageAt: fromSqliteTime(r.last_message_at).toISOString(), messageId: best.get(r.id)?.id ?? '', snippet: best.get(r.id)?.snippet ?? '',
      },
      key: { rank: r.score, at: fromSqliteTime(r.at), id: r.id },
    }));
  }

  /** The best matching message of each conversation (highest score, then newest) and its snippet. */
  private async bestMessages(query: SearchQuery, f: SearchFilters, ids: string[]): Promise<Map<string, { id: string; snippet: string }>> {
    if (!ids.length) return new Map();
    const p = new SqlParams('sqlite');
    const rows: MessageRow[] = await this.db.query(
      // The scores of all matches (no table read), then the page's conversations' messages by
      // ix_messages_conversation_created: joining every match of a common word to its message
      // to keep the few in these conversations cost ten times more.
      `WITH f AS MATERIALIZED (SELECT rowid AS r, -bm25(messages_fts) AS score FROM messages_fts WHERE messages_fts MATCH ${p.add(ftsMatch(query))}),
      r AS MATERIALIZED (SELECT m.id, m.conversation_id, m.created_at, f.score FROM messages m JOIN f ON f.r = m.rowid
        WHERE m.conversation_id IN (${ids.map((id) => p.add(id)).join(', ')}) ${where(messageConditions(f, p, ''))})
      SELECT m.id, m.conversation_id, m.content, m.metadata, m.attachments FROM (
        SELECT id, row_number() OVER (PARTITION BY conversation_id ORDER BY score DESC, created_at DESC, id DESC) AS rn FROM r) best
      JOIN messages m ON m.id = best.id WHERE best.rn = 1`,
      p.values,
    );
    const stems = queryStems(query);
    return new Map(rows.map((r) => [r.conversation_id, { id: r.id, snippet: this.snippet(r, stems) }]));
  }

  private async customers(query: SearchQuery, f: SearchFilters, sort: SearchSort, after: SearchKey | null, limit: number) {
    const p = new SqlParams('sqlite');
    const candidates = [`SELECT customer_id AS id, 1.0 AS score FROM customers_fts WHERE customers_fts MATCH ${p.add(ftsMatch(query))}`];
    if (query.folded.length >= 3) candidates.push(`SELECT customer_id, 1.0 FROM customers_trgm WHERE customers_trgm MATCH ${p.add(quoted(query.folded))}`);
    const trigrams = innerTrigrams(query.folded);
    if (query.folded.length >= FUZZY_MIN_LENGTH && !/\d/.test(query.folded) && trigrams.length) {
      const folded = p.add(query.folded);
      candidates.push(`SELECT customer_id, parley_name_similarity(${folded}, body) FROM customers_trgm
        WHERE customers_trgm MATCH ${p.add(trigrams.map(quoted).join(' OR '))} AND parley_name_similarity(${folded}, body) >= ${NAME_SIMILARITY_THRESHOLD}`);
    }
    if (query.phone) {
      const phone = p.add(query.phone);
      candidates.push(`SELECT id, 1.0 FROM customers WHERE phone = ${phone}`);
      candidates.push(`SELECT customer_id, 1.0 FROM channel_identities WHERE external_id IN (${phone}, 'whatsapp:' || ${phone})`);
    }
    if (query.digits) candidates.push(`SELECT customer_id, 1.0 FROM customers_trgm WHERE customers_trgm MATCH ${p.add(quoted(query.digits))}`);
    const conditions = ['cu.merged_into_id IS NULL'];
    const inConversation = conversationConditions(f, p, '');
    if (f.channel) inConversation.push(`c.channel = ${p.add(f.channel)}`);
    if (f.inboxId) inConversation.push(`c.inbox_id = ${p.add(f.inboxId)}`);
    if (f.from) inConversation.push(`c.last_message_at >= ${p.add(f.from)}`);
    if (f.to) inConversation.push(`c.created_at < ${p.add(f.to)}`);
    if (inConversation.length) conditions.push(`EXISTS (SELECT 1 FROM conversations c WHERE c.customer_id = cu.id AND ${inConversation.join(' AND ')})`);
    if (after) conditions.push(sort === 'relevance' ? `(b.score, cu.id) < (${p.add(after.rank)}, ${p.add(after.id)})` : `(cu.updated_at, cu.id) < (${p.add(after.at)}, ${p.add(after.id)})`);
    const rows: (CustomerRow & { updated_at: string; score: number })[] = await this.db.query(
      `WITH cand AS (${candidates.join(' UNION ALL ')}),
      b AS (SELECT id, max(score) AS score FROM cand GROUP BY id)
      SELECT cu.id, cu.name, cu.email, cu.phone, cu.attributes, cu.updated_at, b.score,
        (SELECT group_concat(i.external_id || ' ' || coalesce(i.display_name, ''), char(10)) FROM channel_identities i WHERE i.customer_id = cu.id) AS identities
      FROM b JOIN customers cu ON cu.id = b.id
      WHERE ${conditions.join(' AND ')}
      ORDER BY ${sort === 'relevance' ? 'b.score DESC' : 'cu.updated_at DESC'}, cu.id DESC LIMIT ${p.add(limit)}`,
      p.values,
    );
    return rows.map((r) => ({ hit: customerHit(r, query), key: { rank: r.score, at: fromSqliteTime(r.updated_at), id: r.id } }));
  }
}
