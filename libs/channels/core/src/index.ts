export * from './channel-adapter.port';
export * from './realtime.port';
export * from './inbound-media.port';
export * from './inbound-message.rules';
export * from './inbox-directory.port';
export * from './inbound-sink.port';
export * from './inbound-source.port';
export * from './media-download';
