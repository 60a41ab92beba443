import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Identity linking (issue 14). A customer's email and phone now say where they came from
 * (agent | verified | channel | prechat): only the first three let a new sender join the customer
 * at once. Merge suggestions and a record of each merge (for undo) get tables of their own.
 */
export class IdentityLinking1765500000000 implements MigrationInterface {
  name = 'IdentityLinking1765500000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.driver.options.type === 'postgres';
    const ts = postgres ? 'timestamptz' : 'datetime';
    const p = (n: number) => (postgres ? `$${n}` : '?');
    await q.addColumn('customers', new TableColumn({ name: 'email_source', type: 'varchar', length: '16', isNullable: true }));
    await q.addColumn('customers', new TableColumn({ name: 'phone_source', type: 'varchar', length: '16', isNullable: true }));
    await q.createTable(new Table({
      name: 'merge_suggestions',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'customer_a_id', type: 'varchar', length: '36' },
        { name: 'customer_b_id', type: 'varchar', length: '36' },
        { name: 'evidence', type: 'text' },
        { name: 'status', type: 'varchar', length: '16' },
        { name: 'created_at', type: ts },
      ],
      indices: [
        { name: 'ux_merge_suggestions_pair', columnNames: ['customer_a_id', 'customer_b_id'], isUnique: true },
        { name: 'ix_merge_suggestions_status', columnNames: ['status', 'created_at'] },
      ],
    }));
    await q.createTable(new Table({
      name: 'customer_merges',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'target_customer_id', type: 'varchar', length: '36' },
        { name: 'source_customer_id', type: 'varchar', length: '36' },
        { name: 'actor_name', type: 'varchar', length: '200' },
        { name: 'moved', type: 'text' },
        { name: 'target_before', type: 'text' },
        { name: 'merged_at', type: ts },
        { name: 'undone_at', type: ts, isNullable: true },
      ],
      indices: [
        { name: 'ix_customer_merges_target', columnNames: ['target_customer_id', 'merged_at'] },
        { name: 'ix_customer_merges_source', columnNames: ['source_customer_id'] },
      ],
    }));
    // A new sender is matched to the customers holding their address on every first message: by
    // equality on an index, so emails are kept lower-cased (as every writer now stores them).
    await q.query(`UPDATE customers SET email = LOWER(email) WHERE email IS NOT NULL AND email != LOWER(email)`);
    await q.query(`CREATE INDEX ix_customers_email ON customers (email)`);
    await q.query(`CREATE INDEX ix_customers_phone ON customers (phone)`);
    // Every new customer looks for namesakes by folded name (searchFold): on PostgreSQL that is an
    // index lookup. SQLite's fold is an application function an index there would depend on.
    if (postgres) await q.query(`CREATE INDEX ix_customers_name_fold ON customers ((translate(lower(normalize(name, NFKC)), 'ё', 'е')))`);
    // Addresses a channel vouched for (the email sender, the SMS number) are provably the customer's;
    // any other stored address may have been typed by a visitor, so it stays unproven (null).
    await q.query(`UPDATE customers SET email_source = 'channel' WHERE email IS NOT NULL AND EXISTS (
      SELECT 1 FROM channel_identities i WHERE i.customer_id = customers.id AND i.channel = 'email' AND LOWER(i.external_id) = LOWER(customers.email))`);
    // Phones are compared in E.164 from now on: the stored ones are rewritten once (read as Russian
    // numbers when national, the default region), those that do not parse are left as written.
    const phones: { id: string; phone: string }[] = await q.query(`SELECT id, phone FROM customers WHERE phone IS NOT NULL`);
    for (const row of phones) {
      const e164 = parsePhoneNumberFromString(row.phone.replace(/^whatsapp:/i, ''), 'RU');
      if (e164?.isValid() && e164.number !== row.phone) await q.query(`UPDATE customers SET phone = ${p(1)} WHERE id = ${p(2)}`, [e164.number, row.id]);
    }
    await q.query(`UPDATE customers SET phone_source = 'channel' WHERE phone IS NOT NULL AND EXISTS (
      SELECT 1 FROM channel_identities i WHERE i.customer_id = customers.id AND i.channel IN ('sms', 'whatsapp') AND i.external_id = customers.phone)`);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') await q.query(`DROP INDEX ix_customers_name_fold`);
    await q.query(`DROP INDEX ix_customers_phone`);
    await q.query(`DROP INDEX ix_customers_email`);
    await q.dropTable('customer_merges');
    await q.dropTable('merge_suggestions');
    await q.dropColumn('customers', 'phone_source');
    await q.dropColumn('customers', 'email_source');
  }
}
