export * from './meta.adapter';
export * from './meta-config';
export * from './meta-signature';
export * from './meta-webhook';
