import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// An explicit team lead (issue 6): detractor follow-ups and escalations go to this person rather
// than to whichever supervisor sorts first among the members.
export class TeamLead1764900000000 implements MigrationInterface {
  name = 'TeamLead1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('teams', new TableColumn({ name: 'lead_id', type: 'varchar', length: '36', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('teams', 'lead_id');
  }
}
