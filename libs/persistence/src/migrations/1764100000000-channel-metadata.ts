import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// Per-channel details (email headers, Telegram chat ids, Twilio segments, deep-link payloads) live
// in JSON metadata rather than a column per provider; `unreachable` marks an identity we can no
// longer send to (a blocked bot, a hard bounce).
export class ChannelMetadata1764100000000 implements MigrationInterface {
  name = 'ChannelMetadata1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('messages', new TableColumn({ name: 'metadata', type: 'text', isNullable: true }));
    await q.addColumn('conversations', new TableColumn({ name: 'metadata', type: 'text', isNullable: true }));
    await q.addColumn('channel_identities', new TableColumn({ name: 'metadata', type: 'text', isNullable: true }));
    await q.addColumn('channel_identities', new TableColumn({ name: 'unreachable', type: 'boolean', default: false }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('channel_identities', 'unreachable');
    await q.dropColumn('channel_identities', 'metadata');
    await q.dropColumn('conversations', 'metadata');
    await q.dropColumn('messages', 'metadata');
  }
}
