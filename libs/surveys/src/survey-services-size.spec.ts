import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Issue 15: a service reads in one sitting; a file growing past this is split by use case.
const MAX_LINES = 300;

describe('surveys services', () => {
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.service.ts'));

  it('are split by use case, one service a file', () => {
    expect(files).toEqual(expect.arrayContaining([
      'survey-settings.service.ts', 'survey-dispatch.service.ts', 'survey-answers.service.ts',
      'survey-links.service.ts', 'survey-recovery.service.ts', 'survey-report.service.ts',
    ]));
    expect(files).not.toContain('surveys.service.ts');
  });

  it.each(files)('%s stays under the line limit', (file) => {
    expect(readFileSync(join(__dirname, file), 'utf8').split('\n').length).toBeLessThanOrEqual(MAX_LINES);
  });
});
