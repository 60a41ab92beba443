import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// The console language follows the user from browser to browser (issue 14), not just the device.
export class UserLocale1765600000000 implements MigrationInterface {
  name = 'UserLocale1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('users', new TableColumn({ name: 'locale', type: 'varchar', length: '5', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('users', 'locale');
  }
}
