export * from './view-filters';
export * from './view-filter-validator';
export * from './bulk-action';
