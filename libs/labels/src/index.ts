export * from './labels.module';
export * from './labels.service';
export * from './conversation-labels.service';
export * from './label.mapper';
export * from './ports/conversation-view.port';
