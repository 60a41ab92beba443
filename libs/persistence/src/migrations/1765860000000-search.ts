import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search (issue 16): messages by text, email subject and file names in Russian and English
 * word forms; customers by name, email, phone, identities and attribute values, with typos. Existing
 * rows are indexed here. The queries are in libs/search (PgSearchIndex, SqliteSearchIndex).
 */
export class Search1765860000000 implements MigrationInterface {
  name = 'Search1765860000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') await this.upPostgres(q);
    else await this.upSqlite(q);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') {
      for (const t of SQLITE_TRIGGERS) await q.query(`DROP TRIGGER IF EXISTS ${t}`);
      for (const t of ['messages_fts', 'customers_fts', 'customers_trgm']) await q.query(`DROP TABLE IF EXISTS ${t}`);
      return;
    }
    await q.query(`DROP INDEX IF EXISTS ix_identities_search_trgm, ix_messages_created`);
    await q.query(`ALTER TABLE customers DROP COLUMN IF EXISTS search_vector, DROP COLUMN IF EXISTS search_text`);
    await q.query(`ALTER TABLE messages DROP COLUMN IF EXISTS search_vector`);
    await q.query(`DROP FUNCTION IF EXISTS parley_message_document(text, jsonb, jsonb), parley_customer_vector(text, text, jsonb), parley_search_words(text), parley_search_fold(text)`);
  }

  private async upPostgres(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    const available = await q.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'`);
    if (available.length) await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    const [ext] = await q.query(`SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'`);
    // unaccent() is only STABLE (its dictionary could be swapped), so it cannot sit in an index or a
    // generated column by itself: the immutable wrapper promises we never swap it. Where the
    // extension is missing, accents stay (ё is folded regardless).
    const unaccented = ext ? `"${ext.schema}".unaccent('"${ext.schema}".unaccent'::regdictionary, normalize($1, NFKC))` : 'normalize($1, NFKC)';
    // The same folding as foldForSearch() in libs/domain: any case, ё = е, NFKC.
    await q.query(`CREATE FUNCTION parley_search_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT translate(lower(${unaccented}), 'ё', 'е') $$`);
    // Letters and digits become separate words as the query parser splits them ("№10482", "RU123").
    await q.query(`CREATE FUNCTION parley_search_words(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT regexp_replace(regexp_replace(parley_search_fold($1), '([[:alpha:]])([[:digit:]])', '\\1 \\2', 'g'), '([[:digit:]])([[:alpha:]])', '\\1 \\2', 'g') $$`);
    // What a message is found by: its text, the email subject (metadata.subject), attachment file names.
    await q.query(`CREATE FUNCTION parley_message_document(content text, metadata jsonb, attachments jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT parley_search_words(concat_ws(' ', content, metadata->>'subject',
        (SELECT string_agg(a->>'fileName', ' ') FROM jsonb_array_elements(CASE WHEN jsonb_typeof(attachments) = 'array' THEN attachments ELSE '[]'::jsonb END) a))) $$`);
    await q.query(`CREATE FUNCTION parley_customer_vector(name text, email text, attributes jsonb) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT setweight(to_tsvector('russian', coalesce(parley_search_words(name), '')), 'A')
        || setweight(to_tsvector('simple', coalesce(parley_search_fold(email), '')), 'B')
        || setweight(to_tsvector('russian', coalesce(parley_search_words(jsonb_path_query_array(attributes, '$.*')::text), '')), 'C') $$`);
    // Russian stems (weight A: the configuration that also stems Latin words) and English ones, so a
    // query matches with either configuration's reading of it. Adding the column rewrites the table:
    // that is the backfill.
    await q.query(`ALTER TABLE messages ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('russian', parley_message_document(content, metadata, attachments)), 'A')
      || to_tsvector('english', parley_message_document(content, metadata, attachments))) STORED`);
    await q.query(`CREATE INDEX ix_messages_search ON messages USING gin (search_vector)`);
    // Newest matches first: for words in many messages, walking this index back beats reading every match.
    await q.query(`CREATE INDEX ix_messages_created ON messages (created_at, id)`);
    await q.query(`ALTER TABLE customers
      ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (parley_customer_vector(name, email, attributes)) STORED,
      ADD COLUMN search_text text GENERATED ALWAYS AS (parley_search_fold(coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))) STORED`);
    await q.query(`CREATE INDEX ix_customers_search ON customers USING gin (search_vector)`);
    // Substrings (LIKE '%…%') and typos (word similarity) of names, emails and phones.
    await q.query(`CREATE INDEX ix_customers_search_trgm ON customers USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_identities_search_trgm ON channel_identities USING gin (parley_search_fold(external_id || ' ' || coalesce(display_name, '')) gin_trgm_ops)`);
  }

  private async upSqlite(q: QueryRunner): Promise<void> {
    // FTS5 has no Russian stemmer: the parley_* functions (libs/domain/src/search, registered on every
    // connection) store folded Snowball stems, and queries are stemmed the same way. The FTS rowid is
    // the row's rowid, so a trigger finds the entry of the row it changes without a scan.
    await q.query(`CREATE VIRTUAL TABLE messages_fts USING fts5(message_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')`);
    await q.query(`CREATE VIRTUAL TABLE customers_fts USING fts5(customer_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')`);
    // Folded name, email, phone and identities, as trigrams: substrings of any length ≥ 3 and typo candidates.
    await q.query(`CREATE VIRTUAL TABLE customers_trgm USING fts5(customer_id UNINDEXED, body, tokenize = 'trigram')`);
    const message = `parley_message_stems(new.content, new.metadata, new.attachments)`;
    await q.query(`CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
      INSERT INTO messages_fts (rowid, message_id, body) VALUES (new.rowid, new.id, ${message}); END`);
    await q.query(`CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, metadata, attachments ON messages BEGIN
      DELETE FROM messages_fts WHERE rowid = old.rowid;
      INSERT INTO messages_fts (rowid, message_id, body) VALUES (new.rowid, new.id, ${message}); END`);
    await q.query(`CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN DELETE FROM messages_fts WHERE rowid = old.rowid; END`);

    const refresh = (id: string) => `
      DELETE FROM customers_fts WHERE rowid = (SELECT rowid FROM customers WHERE id = ${id});
      DELETE FROM customers_trgm WHERE rowid = (SELECT rowid FROM customers WHERE id = ${id});
      INSERT INTO customers_fts (rowid, customer_id, body) SELECT rowid, id, parley_customer_stems(name, email, attributes) FROM customers WHERE id = ${id};
      INSERT INTO customers_trgm (rowid, customer_id, body) SELECT c.rowid, c.id, parley_search_text(c.name, c.email, c.phone,
        (SELECT group_concat(i.external_id || ' ' || coalesce(i.display_name, ''), ' ') FROM channel_identities i WHERE i.customer_id = c.id))
        FROM customers c WHERE c.id = ${id};`;
    await q.query(`CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN ${refresh('new.id')} END`);
    await q.query(`CREATE TRIGGER customers_search_update AFTER UPDATE OF name, email, phone, attributes ON customers BEGIN ${refresh('new.id')} END`);
    await q.query(`CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
      DELETE FROM customers_fts WHERE rowid = old.rowid; DELETE FROM customers_trgm WHERE rowid = old.rowid; END`);
    await q.query(`CREATE TRIGGER identities_search_insert AFTER INSERT ON channel_identities BEGIN ${refresh('new.customer_id')} END`);
    // A merge moves identities from one customer to another: both are refreshed.
    await q.query(`CREATE TRIGGER identities_search_update AFTER UPDATE OF customer_id, external_id, display_name ON channel_identities BEGIN
      ${refresh('old.customer_id')} ${refresh('new.customer_id')} END`);
    await q.query(`CREATE TRIGGER identities_search_delete AFTER DELETE ON channel_identities BEGIN ${refresh('old.customer_id')} END`);

    await q.query(`INSERT INTO messages_fts (rowid, message_id, body) SELECT rowid, id, parley_message_stems(content, metadata, attachments) FROM messages`);
    await q.query(`INSERT INTO customers_fts (rowid, customer_id, body) SELECT rowid, id, parley_customer_stems(name, email, attributes) FROM customers`);
    await q.query(`INSERT INTO customers_trgm (rowid, customer_id, body) SELECT c.rowid, c.id, parley_search_text(c.name, c.email, c.phone,
      (SELECT group_concat(i.external_id || ' ' || coalesce(i.display_name, ''), ' ') FROM channel_identities i WHERE i.customer_id = c.id)) FROM customers c`);
  }
}

const SQLITE_TRIGGERS = [
  'messages_fts_insert', 'messages_fts_update', 'messages_fts_delete', 'customers_search_insert', 'customers_search_update',
  'customers_search_delete', 'identities_search_insert', 'identities_search_update', 'identities_search_delete',
];
