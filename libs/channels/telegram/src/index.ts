export * from './telegram.adapter';
export * from './telegram-config';
export * from './telegram-html';
export * from './telegram-update';
export * from './telegram-polling';
export * from './send-limiter';
