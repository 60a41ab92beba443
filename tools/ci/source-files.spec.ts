import * as fs from 'node:fs';
import * as path from 'node:path';

// Issue 15: a console or widget file reads in one sitting; one that outgrows it is split by use case.
const MAX_LINES = 300;
const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

describe.each([
  ['console', 'apps/console/src', 50],
  ['widget', 'apps/widget/src', 10],
])('%s source files', (_name, folder, atLeast) => {
  it(`stay within ${MAX_LINES} lines each`, () => {
    const dir = path.join(root, folder);
    const files = sourceFiles(dir);
    const tooLong = files
      .map((file) => ({ file: path.relative(dir, file), lines: fs.readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(files.length).toBeGreaterThan(atLeast);
    expect(tooLong).toEqual([]);
  });
});
