export * from './business-calendar';
export * from './sla-clock';
