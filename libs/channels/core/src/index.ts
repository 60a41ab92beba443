export * from './channel-adapter.port';
export * from './realtime.port';
