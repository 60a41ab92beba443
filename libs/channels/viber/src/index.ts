export * from './viber.adapter';
export * from './viber-api';
export * from './viber-callback';
export * from './viber-config';
export * from './viber-keyboard';
export * from './viber-media';
