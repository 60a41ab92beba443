import type { DataSource } from 'typeorm';
import type { ConversationHitDto, MessageHitDto, SearchSort, SearchType } from '@parley/contracts';
import { MARK_END, MARK_START, markedToHtml, NAME_SIMILARITY_THRESHOLD, type SearchQuery, stemWord } from '@parley/domain';
import { customerHit, type CustomerRow } from './customer-hit';
import { type HitsOf, type Ranked, RELEVANCE_WINDOW, type SearchFilters, type SearchIndex, type SearchKey } from './ports/search-index.port';
import { type Plan, PgSearchPlanner } from './pg-search-plan';
import { conversationConditions, messageConditions, needsConversation, SqlParams, where } from './search-sql';

const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/** A message's text as shown in a snippet: subject, text, file names (sentinel characters removed). */
const DOCUMENT = `translate(concat_ws(' · ', nullif(m.metadata->>'subject', ''), m.content,
  (SELECT string_agg(a->>'fileName', ', ') FROM jsonb_array_elements(CASE WHEN jsonb_typeof(m.attachments) = 'array' THEN m.attachments ELSE '[]'::jsonb END) a)),
  chr(57344) || chr(57345), '')`;

/** Words a typo-tolerant name match starts from: shorter queries would match half the customers. */
const FUZZY_MIN_LENGTH = 4;

/**
 * Up to this many conversations, a conversation filter (assignee, team, status, label) is searched
 * from the conversations' own messages: reading ten messages each beats reading every message that
 * has the words.
 */
const FEW_CONVERSATIONS = 100;
/** work_mem for a search's bitmaps: a window over 1M messages fits exactly (not lossy) in this. */
const BITMAP_MEMORY = '32MB';

interface MessageRow { id: string; conversation_id: string; customer_id: string; customer_name: string | null; channel: MessageHitDto['channel']; direction: MessageHitDto['direction']; created_at: Date; rank: number; headline: string; matched: number }
interface ConversationRow { id: string; customer_id: string; customer_name: string | null; inbox_id: string; channel: ConversationHitDto['channel']; status: ConversationHitDto['status']; assignee_id: string | null; team_id: string | null; last_message_at: Date; rank: number; at: Date; matched: number }

/**
 * Search on PostgreSQL: messages.search_vector (Russian and English stems, GIN) matched by the
 * union of both configurations' readings of the query, ranked by ts_rank_cd, snippets from
 * ts_headline; customers by their own tsvector, pg_trgm substrings and word similarity for typos.
 * See migration 1765860000000 for the columns and indexes.
 */
export class PgSearchIndex implements SearchIndex {
  private readonly planner: PgSearchPlanner;

  constructor(private readonly db: DataSource) {
    this.planner = new PgSearchPlanner(db);
  }

  async search<T extends SearchType>(query: SearchQuery, filters: SearchFilters, type: T, sort: SearchSort, after: SearchKey | null, limit: number): Promise<Ranked<HitsOf[T]>[]> {
    if (type === 'messages') return (await this.messages(query, filters, sort, after, limit)) as Ranked<HitsOf[T]>[];
    if (type === 'conversations') return (await this.conversations(query, filters, sort, after, limit)) as Ranked<HitsOf[T]>[];
    return (await this.customers(query, filters, sort, after, limit)) as Ranked<HitsOf[T]>[];
  }

  /**
   * The query under both configurations (Russian stems, and English stems of Latin words, under the
   * first; English under the second), built from the parsed words and phrases with plainto_tsquery
   * and phraseto_tsquery, which read no operators: a typed "or" is not OR.
   */
  private tsquery(p: SqlParams, query: SearchQuery, second = 'english'): string {
    const parts = [
      ...(query.words.length ? [['plainto_tsquery', p.add(query.words.join(' '))]] : []),
      ...query.phrases.map((phrase) => ['phraseto_tsquery', p.add(phrase.join(' '))]),
    ];
    const under = (config: string) => `(${parts.map(([fn, param]) => `${fn}('${config}', parley_search_fold(${param}))`).join(' && ')})`;
    return `(${under('russian')} || ${under(second)})`;
  }

  /**
   * The matching messages (alias m). Off the few-conversations path, the conversation filter is a
   * per-message check (OFFSET 0 keeps EXISTS a subplan, not a join): with a stale or skewed estimate
   * of a filter, a join once started from thousands of conversations' messages, or rescanned the
   * word matches for each conversation.
   */
  private matching(p: SqlParams, tsq: string, f: SearchFilters, plan: Plan, extra: string[] = []): string {
    const own = [`m.search_vector @@ ${tsq}`, ...messageConditions(f, p, '::uuid'), ...(plan.since ? [`m.created_at >= ${p.add(plan.since)}`] : []), ...extra];
    if (plan.conversations) return `FROM messages m WHERE m.conversation_id = ANY(${p.add(plan.conversations)}::uuid[]) AND ${own.join(' AND ')}`;
    if (needsConversation(f)) own.push(`EXISTS (SELECT 1 FROM conversations c WHERE c.id = m.conversation_id AND ${conversationConditions(f, p, '::uuid').join(' AND ')} OFFSET 0)`);
    return `FROM messages m WHERE ${own.join(' AND ')}`;
  }

  /**
   * How to read the `need` newest matches (after `after` in the newest order): from the filtered
   * conversations when they are few; else from the word index, bounded to the recency window the
   * planner's estimates say holds them (the caller reads again without the bound when it did not).
   * Without the bound, a pair of common words reads every message that has both, newest or not.
   */
  private async plan(query: SearchQuery, f: SearchFilters, need: number, after: SearchKey | null): Promise<Plan> {
    if (needsConversation(f)) {
      // Counted only when the planner expects few: with thousands, LIMIT 101 made it scan the
      // table for the first hundred instead of using an index.
      const p = new SqlParams('postgres');
      const from = `FROM conversations c WHERE ${conversationConditions(f, p, '::uuid').join(' AND ')}`;
      if ((await this.planner.estimate(`SELECT 1 ${from}`, p.values)).filtered <= 4 * FEW_CONVERSATIONS) {
        const few: { id: string }[] = await this.db.query(`SELECT c.id ${from} LIMIT ${FEW_CONVERSATIONS + 1}`, p.values);
        if (few.length <= FEW_CONVERSATIONS) return { conversations: few.map((r) => r.id), since: null };
      }
    }
    // Estimated as a join, so the planner weighs the conversation filter too; forms of one word
    // ("заказы заказом") count once, as they match once.
    const p = new SqlParams('postgres');
    const stems = new Set<string>();
    const words = query.words.filter((w) => !stems.has(stemWord(w)) && stems.add(stemWord(w)));
    const tsq = this.tsquery(p, { ...query, words });
    const conditions = [`m.search_vector @@ ${tsq}`, ...messageConditions(f, p, '::uuid'), ...conversationConditions(f, p, '::uuid')];
    const estimate = await this.planner.estimate(
      `SELECT 1 FROM messages m ${needsConversation(f) ? 'JOIN conversations c ON c.id = m.conversation_id' : ''} WHERE ${conditions.join(' AND ')}`, p.values);
    const top = Math.min(Date.now(), f.to?.getTime() ?? Infinity, after?.at.getTime() ?? Infinity);
    return { conversations: null, since: await this.planner.since(estimate, need, top, f.from?.getTime() ?? null, f.to?.getTime() ?? null) };
  }

  private async messages(query: SearchQuery, f: SearchFilters, sort: SearchSort, after: SearchKey | null, limit: number): Promise<Ranked<MessageHitDto>[]> {
    const need = sort === 'newest' ? limit : RELEVANCE_WINDOW;
    const plan = await this.plan(query, f, need, sort === 'newest' ? after : null);
    // One query reads the window of newest matches and the page; a recency bound that held fewer
    // matches than needed may have missed newer-than-all-but-the-bound ones: read again without it.
    let rows = await this.messagePage(query, f, sort, after, limit, plan);
    if (plan.since && (rows[0]?.matched ?? 0) < need) rows = await this.messagePage(query, f, sort, after, limit, { ...plan, since: null });
    return rows.map((r) => ({
      hit: { id: r.id, conversationId: r.conversation_id, customer: { id: r.customer_id, name: r.customer_name }, channel: r.channel, direction: r.direction, createdAt: r.created_at.toISOString(), snippet: markedToHtml(r.headline) },
      key: { rank: Number(r.rank), at: r.created_at, id: r.id },
    }));
  }

  /** A page of messages, each row with the number of matches in the window read (`matched`). */
  private messagePage(query: SearchQuery, f: SearchFilters, sort: SearchSort, after: SearchKey | null, limit: number, plan: Plan): Promise<MessageRow[]> {
    const p = new SqlParams('postgres');
    const tsq = this.tsquery(p, query);
    const window = sort === 'newest'
      ? `SELECT m.id, m.created_at, m.search_vector ${this.matching(p, tsq, f, plan, after ? [`(m.created_at, m.id) < (${p.add(after.at)}, ${p.add(after.id)}::uuid)`] : [])}
          ORDER BY m.created_at DESC, m.id DESC LIMIT ${p.add(limit)}`
      : `SELECT m.id, m.created_at, m.search_vector ${this.matching(p, tsq, f, plan)} ORDER BY m.created_at DESC, m.id DESC LIMIT ${RELEVANCE_WINDOW}`;
    const page = sort === 'newest'
      ? 'SELECT w.id, w.created_at, ts_rank_cd(w.search_vector, q.tsq) AS rank FROM w, q'
      : `SELECT r.id, r.created_at, r.rank FROM (SELECT w.id, w.created_at, ts_rank_cd(w.search_vector, q.tsq) AS rank FROM w, q) r
        ${after ? `WHERE (r.rank, r.id) < (${p.add(after.rank)}::real, ${p.add(after.id)}::uuid)` : ''}
        ORDER BY r.rank DESC, r.id DESC LIMIT ${p.add(limit)}`;
    return this.withBitmapMemory(
      `WITH q AS (SELECT ${tsq} AS tsq), w AS (${window}), page AS (${page})
      SELECT m.id, m.conversation_id, m.customer_id, cu.name AS customer_name, m.channel, m.direction, m.created_at, page.rank,
        ts_headline('russian', ${DOCUMENT}, q.tsq, ${p.add(HEADLINE)}) AS headline, (SELECT count(*) FROM w)::int AS matched
      FROM page JOIN messages m ON m.id = page.id JOIN customers cu ON cu.id = m.customer_id CROSS JOIN q
      ORDER BY ${sort === 'relevance' ? 'page.rank DESC' : 'm.created_at DESC'}, m.id DESC`,
      p.values,
    );
  }

  /** Conversations of the RELEVANCE_WINDOW newest matching messages, by their best or their latest match. */
  private async conversations(query: SearchQuery, f: SearchFilters, sort: SearchSort, after: SearchKey | null, limit: number): Promise<Ranked<ConversationHitDto>[]> {
    const plan = await this.plan(query, f, RELEVANCE_WINDOW, null);
    let rows = await this.conversationPage(query, f, sort, after, limit, plan);
    if (plan.since && (rows[0]?.matched ?? 0) < RELEVANCE_WINDOW) rows = await this.conversationPage(query, f, sort, after, limit, { ...plan, since: null });
    const best = await this.bestMessages(query, f, rows.map((r) => r.id));
    return rows.map((r) => ({
      hit: {
        id: r.id, customer: { id: r.customer_id, name: r.customer_name }, inboxId: r.inbox_id, channel: r.channel, status: r.status, assigneeId: r.assignee_id, teamId: r.team_id,
        lastMessageAt: r.last_message_at.toISOString(), messageId: best.get(r.id)?.id ?? '', snippet: best.get(r.id)?.snippet ?? '',
      },
      key: { rank: Number(r.rank), at: r.at, id: r.id },
    }));
  }

  /** A page of conversations, each row with the number of matches in the window read (`matched`). */
  private conversationPage(query: SearchQuery, f: SearchFilters, sort: SearchSort, after: SearchKey | null, limit: number, plan: Plan): Promise<ConversationRow[]> {
    const p = new SqlParams('postgres');
    const tsq = this.tsquery(p, query);
    const keyset = !after ? '' : sort === 'relevance'
      ? `WHERE (h.rank, h.conversation_id) < (${p.add(after.rank)}::real, ${p.add(after.id)}::uuid)`
      : `WHERE (h.at, h.conversation_id) < (${p.add(after.at)}, ${p.add(after.id)}::uuid)`;
    return this.withBitmapMemory(
      `WITH q AS (SELECT ${tsq} AS tsq),
      w AS (SELECT m.conversation_id, m.created_at, m.search_vector ${this.matching(p, tsq, f, plan)} ORDER BY m.created_at DESC, m.id DESC LIMIT ${RELEVANCE_WINDOW}),
      h AS (SELECT w.conversation_id, max(ts_rank_cd(w.search_vector, q.tsq)) AS rank, max(w.created_at) AS at FROM w, q GROUP BY w.conversation_id),
      page AS (SELECT * FROM h ${keyset} ORDER BY ${sort === 'relevance' ? 'h.rank' : 'h.at'} DESC, h.conversation_id DESC LIMIT ${p.add(limit)})
      SELECT c.id, c.customer_id, cu.name AS customer_name, c.inbox_id, c.channel, c.status, c.assignee_id, c.team_id, c.last_message_at, page.rank, page.at,
        (SELECT count(*) FROM w)::int AS matched
      FROM page JOIN conversations c ON c.id = page.conversation_id JOIN customers cu ON cu.id = c.customer_id
      ORDER BY ${sort === 'relevance' ? 'page.rank' : 'page.at'} DESC, c.id DESC`,
      p.values,
    );
  }

  /**
   * A query that ANDs the word index with the recency window: with the default work_mem (4 MB) a
   * window of 100,000+ messages became a lossy bitmap of pages, and every match on those pages was
   * read and rechecked (3 of 4 heap visits in EXPLAIN ANALYZE); this transaction's setting only.
   */
  private withBitmapMemory<T>(sql: string, params: unknown[]): Promise<T> {
    return this.db.transaction(async (em) => {
      await em.query(`SELECT set_config('work_mem', '${BITMAP_MEMORY}', true)`);
      return em.query(sql, params);
    });
  }

  /** The best matching message of each conversation and its snippet. */
  private async bestMessages(query: SearchQuery, f: SearchFilters, ids: string[]): Promise<Map<string, { id: string; snippet: string }>> {
    if (!ids.length) return new Map();
    const p = new SqlParams('postgres');
    const tsq = this.tsquery(p, query);
    const rows: { conversation_id: string; id: string; headline: string }[] = await this.db.query(
      `WITH q AS (SELECT ${tsq} AS tsq),
      best AS (SELECT DISTINCT ON (m.conversation_id) m.conversation_id, m.id FROM q, messages m
        WHERE m.conversation_id = ANY(${p.add(ids)}::uuid[]) AND m.search_vector @@ q.tsq ${where(messageConditions(f, p, '::uuid'))}
        ORDER BY m.conversation_id, ts_rank_cd(m.search_vector, q.tsq) DESC, m.created_at DESC, m.id DESC)
      SELECT best.conversation_id, m.id, ts_headline('russian', ${DOCUMENT}, q.tsq, ${p.add(HEADLINE)}) AS headline
      FROM best JOIN messages m ON m.id = best.id CROSS JOIN q`,
      p.values,
    );
    return new Map(rows.map((r) => [r.conversation_id, { id: r.id, snippet: markedToHtml(r.headline) }]));
  }

  private async customers(query: SearchQuery, f: SearchFilters, sort: SearchSort, after: SearchKey | null, limit: number) {
    const p = new SqlParams('postgres');
    const tsq = this.tsquery(p, query, 'simple');
    const folded = p.add(query.folded);
    const like = `'%' || replace(replace(replace(parley_search_fold(${folded}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
    const fuzzy = query.folded.length >= FUZZY_MIN_LENGTH && !/\d/.test(query.folded);
    const candidates = [`SELECT cu.id, 1::real AS score FROM customers cu WHERE cu.search_vector @@ ${tsq}`];
    if (query.folded.length >= 3) {
      candidates.push(`SELECT cu.id, 1 FROM customers cu WHERE cu.search_text LIKE ${like}`);
      candidates.push(`SELECT i.customer_id, 1 FROM channel_identities i WHERE parley_search_fold(i.external_id || ' ' || coalesce(i.display_name, '')) LIKE ${like}`);
    }
    if (fuzzy) candidates.push(`SELECT cu.id, word_similarity(parley_search_fold(${folded}), cu.search_text) FROM customers cu WHERE cu.search_text %> parley_search_fold(${folded})`);
    if (query.phone) {
      const phone = p.add(query.phone);
      candidates.push(`SELECT cu.id, 1 FROM customers cu WHERE cu.phone = ${phone}`);
      candidates.push(`SELECT i.customer_id, 1 FROM channel_identities i WHERE i.external_id IN (${phone}, 'whatsapp:' || ${phone})`);
    }
    if (query.digits) candidates.push(`SELECT cu.id, 1 FROM customers cu WHERE cu.search_text LIKE ${p.add(`%${query.digits}%`)}`);
    const conditions = ['cu.merged_into_id IS NULL'];
    const inConversation = [...conversationConditions(f, p, '::uuid')];
    if (f.channel) inConversation.push(`c.channel = ${p.add(f.channel)}`);
    if (f.inboxId) inConversation.push(`c.inbox_id = ${p.add(f.inboxId)}::uuid`);
    if (f.from) inConversation.push(`c.last_message_at >= ${p.add(f.from)}`);
    if (f.to) inConversation.push(`c.created_at < ${p.add(f.to)}`);
    if (inConversation.length) conditions.push(`EXISTS (SELECT 1 FROM conversations c WHERE c.customer_id = cu.id AND ${inConversation.join(' AND ')})`);
    if (after) conditions.push(sort === 'relevance' ? `(b.score, cu.id) < (${p.add(after.rank)}::real, ${p.add(after.id)}::uuid)` : `(cu.updated_at, cu.id) < (${p.add(after.at)}, ${p.add(after.id)}::uuid)`);
    const key = sort === 'relevance' ? 'score' : 'updated_at';
    const sql = `WITH cand AS (${candidates.join(' UNION ALL ')}),
      b AS (SELECT id, max(score)::real AS score FROM cand GROUP BY id),
      page AS (SELECT cu.id, cu.name, cu.email, cu.phone, cu.attributes, cu.updated_at, b.score FROM b JOIN customers cu ON cu.id = b.id
        WHERE ${conditions.join(' AND ')} ORDER BY ${key === 'score' ? 'b' : 'cu'}.${key} DESC, cu.id DESC LIMIT ${p.add(limit)})
      SELECT page.*, (SELECT string_agg(i.external_id || ' ' || coalesce(i.display_name, ''), E'\\n') FROM channel_identities i WHERE i.customer_id = page.id) AS identities
      FROM page ORDER BY ${key} DESC, id DESC`;
    const rows: (CustomerRow & { updated_at: Date; score: number })[] = fuzzy
      ? await this.db.transaction(async (em) => {
          // The operator %> reads its threshold from a setting; this transaction's only.
          await em.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(NAME_SIMILARITY_THRESHOLD)]);
          return em.query(sql, p.values);
        })
      : await this.db.query(sql, p.values);
    return rows.map((r) => ({ hit: customerHit(r, query), key: { rank: Number(r.score), at: r.updated_at, id: r.id } }));
  }
}
