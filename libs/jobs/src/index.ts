export * from './worker.module';
export * from './start-worker';
// Integration tests drive a media fetch directly.
export { MediaFetchProcessor } from './media-fetch.processor';
export { InboundSourcesModule, InboundSourcesRunner } from './inbound-sources.runner';
export { CONVERSATION_LABELS_MODULE, LABELLED_BULK_MODULE, MACROS_MODULE } from './labelled-bulk';
