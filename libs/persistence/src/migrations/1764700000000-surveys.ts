import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

// Surveys after resolution: settings per inbox/team, surveys sent, responses, opt-outs (issue 7).
export class Surveys1764700000000 implements MigrationInterface {
  name = 'Surveys1764700000000';

  async up(q: QueryRunner): Promise<void> {
    const ts = q.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const ref = (name: string, nullable = false, primary = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable, isPrimary: primary });
    const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: ts, isNullable: nullable });
    const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });

    await q.createTable(new Table({
      name: 'survey_settings',
      columns: [ref('id', false, true), str('scope', 10), ref('scope_id'), { name: 'enabled', type: 'boolean' }, str('type', 10), int('delay_minutes'),
        int('throttle_days'), { name: 'texts', type: 'text' }, time('updated_at')],
      indices: [{ name: 'uq_survey_settings_scope', columnNames: ['scope', 'scope_id'], isUnique: true }],
    }));
    await q.createTable(new Table({
      name: 'surveys',
      columns: [ref('id', false, true), ref('conversation_id'), ref('customer_id'), ref('inbox_id'), ref('team_id', true), ref('agent_id', true),
        str('channel', 20), str('type', 10), str('state', 20), str('skip_reason', 40, true), str('language', 5), int('reasks'), time('resolved_at'),
        time('sent_at', true), time('updated_at')],
      indices: [
        { name: 'ix_surveys_customer_sent', columnNames: ['customer_id', 'sent_at'] },
        { name: 'ix_surveys_conversation', columnNames: ['conversation_id'] },
      ],
    }));
    await q.createTable(new Table({
      name: 'survey_responses',
      columns: [ref('survey_id', false, true), ref('conversation_id'), ref('customer_id'), ref('team_id', true), ref('agent_id', true), str('channel', 20),
        str('type', 10), int('score'), { name: 'comment', type: 'text', isNullable: true }, str('comment_sentiment', 10, true), int('comment_sentiment_score', true),
        time('answered_at'), time('commented_at', true)],
      indices: [{ name: 'ix_survey_responses_answered', columnNames: ['answered_at'] }],
    }));
    await q.createTable(new Table({ name: 'survey_opt_outs', columns: [ref('customer_id', false, true), time('created_at')] }));
    await q.createTable(new Table({
      name: 'survey_recoveries',
      columns: [ref('survey_id', false, true), ref('conversation_id'), ref('customer_id'), ref('team_id', true), ref('assignee_id', true), str('type', 10),
        int('score'), str('status', 10), { name: 'outcome', type: 'text', isNullable: true }, str('done_by', 200, true), time('created_at'), time('done_at', true)],
      indices: [{ name: 'ix_survey_recoveries_status', columnNames: ['status', 'created_at'] }],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['survey_recoveries', 'survey_opt_outs', 'survey_responses', 'surveys', 'survey_settings']) await q.dropTable(t);
  }
}
