import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PgSearchIndex } from './pg-search-index';
import { SEARCH_INDEX, type SearchIndex } from './ports/search-index.port';
import { SearchService } from './search.service';
import { SqliteSearchIndex } from './sqlite-search-index';

/** Full-text search on the database in use: PostgreSQL (tsvector, pg_trgm) or the embedded SQLite (FTS5). */
@Module({
  providers: [
    {
      provide: SEARCH_INDEX,
      inject: [DataSource],
      useFactory: (db: DataSource): SearchIndex => (db.options.type === 'postgres' ? new PgSearchIndex(db) : new SqliteSearchIndex(db)),
    },
    SearchService,
  ],
  exports: [SearchService],
})
export class SearchModule {}
