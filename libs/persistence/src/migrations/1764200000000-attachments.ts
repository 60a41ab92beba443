import { MigrationInterface, QueryRunner, Table } from 'typeorm';

export class Attachments1764200000000 implements MigrationInterface {
  name = 'Attachments1764200000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.driver.options.type === 'postgres';
    await q.createTable(new Table({
      name: 'attachments',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'content_type', type: 'varchar', length: '200' },
        { name: 'file_name', type: 'varchar', length: '300', isNullable: true },
        { name: 'size', type: 'integer' },
        { name: 'data', type: postgres ? 'bytea' : 'blob' },
        { name: 'created_at', type: postgres ? 'timestamptz' : 'datetime' },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('attachments');
  }
}
