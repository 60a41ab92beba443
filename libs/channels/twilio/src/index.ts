export * from './twilio.adapter';
export * from './phone-number';
export * from './opt-out-keywords';
export * from './twilio-errors';
export * from './twilio-inbox-config';
