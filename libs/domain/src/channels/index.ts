export * from './whatsapp-window';
export * from './meta-window';
