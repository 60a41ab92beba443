export * from './search.module';
export * from './search.service';
export * from './ports/search-index.port';
export * from './pg-search-index';
export * from './sqlite-search-index';
