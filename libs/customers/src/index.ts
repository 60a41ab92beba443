export * from './customers.module';
export * from './customers.service';
export * from './identity-resolution.service';
export * from './timeline.service';
export * from './customer.mapper';
export * from './customer-merge.service';
export * from './merge-suggestions.service';
export * from './verified-identity.service';
