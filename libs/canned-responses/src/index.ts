export * from './canned-responses.module';
export * from './canned-responses.service';
export * from './canned-render.service';
export * from './canned-csv.service';
export * from './canned-scope';
