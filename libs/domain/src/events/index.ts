export * from './domain-events';
export * from './domain-event-listener';
export * from './dispatch-facts';
