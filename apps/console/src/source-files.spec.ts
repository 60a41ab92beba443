import * as fs from 'node:fs';
import * as path from 'node:path';

// Issue 15: a console file reads in one sitting; one that outgrows it is split by use case.
const MAX_LINES = 300;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

describe('console source files', () => {
  it(`stay within ${MAX_LINES} lines each`, () => {
    const files = sourceFiles(__dirname);
    const tooLong = files
      .map((file) => ({ file: path.relative(__dirname, file), lines: fs.readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(files.length).toBeGreaterThan(50);
    expect(tooLong).toEqual([]);
  });
});
