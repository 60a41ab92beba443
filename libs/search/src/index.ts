export * from './search.module';
export * from './search.service';
export * from './ports/search-index.port';
