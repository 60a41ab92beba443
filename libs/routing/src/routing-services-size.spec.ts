import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Issue 15: a service reads in one sitting; a file growing past this is split by use case.
const MAX_LINES = 300;

describe('routing services', () => {
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.service.ts'));

  it('are split by use case: the decision, its rules, its candidates, transfers and inbound analysis', () => {
    expect(files).toEqual(expect.arrayContaining([
      'routing-decision.service.ts', 'routing-rules.service.ts', 'routing-candidates.service.ts',
      'conversation-transfer.service.ts', 'inbound-analysis.service.ts',
    ]));
    expect(files).not.toContain('routing.service.ts');
  });

  it.each(files)('%s stays under the line limit', (file) => {
    expect(readFileSync(join(__dirname, file), 'utf8').split('\n').length).toBeLessThanOrEqual(MAX_LINES);
  });
});
