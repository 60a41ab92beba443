export * from './search-stemming';
export * from './search-query';
export * from './search-snippet';
export * from './name-similarity';
export * from './search-documents';
