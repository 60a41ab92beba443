import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions } from 'typeorm';

// Sign-in that holds (issue 13): users can be disabled, and each sign-in is a session whose refresh
// token is kept only as a hash, so it can be rotated, revoked and reuse can be detected.
export class AuthSessions1765200000000 implements MigrationInterface {
  name = 'AuthSessions1765200000000';

  async up(q: QueryRunner): Promise<void> {
    const ts = q.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: ts, isNullable: nullable });

    await q.addColumn('users', new TableColumn(time('disabled_at', true)));
    await q.createTable(new Table({
      name: 'auth_sessions',
      columns: [
        { ...str('id', 36), isPrimary: true }, str('user_id', 36), str('token_hash', 64), str('previous_token_hash', 64, true), time('rotated_at', true),
        str('user_agent', 200, true), str('ip', 64, true), time('created_at'), time('last_used_at'), time('expires_at'), time('revoked_at', true),
      ],
      indices: [{ name: 'ix_auth_sessions_user', columnNames: ['user_id'] }],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('auth_sessions');
    await q.dropColumn('users', 'disabled_at');
  }
}
