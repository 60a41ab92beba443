import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// Surveys (issue 7): how long after the score a free-text reply still counts as the "why?" comment.
export class SurveySettingsExtras1764800000000 implements MigrationInterface {
  name = 'SurveySettingsExtras1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('survey_settings', new TableColumn({ name: 'comment_window_hours', type: 'integer', isNullable: false, default: 24 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('survey_settings', 'comment_window_hours');
  }
}
