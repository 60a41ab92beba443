import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

// Shops embed the widget on every page: it has a budget of 30 KB gzip (the foundation issue).
describe('the embeddable widget bundle', () => {
  const file = path.resolve(__dirname, '../../../dist/apps/widget/widget.js');

  it('stays under 30 KB gzip', () => {
    const gzipped = gzipSync(fs.readFileSync(file), { level: 9 }).length;
    expect(gzipped).toBeLessThan(30 * 1024);
  });

  it('is one self-contained script that leaks no globals but Parley', () => {
    const source = fs.readFileSync(file, 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/^(var|let|const) (?!ParleyWidget\b)\w+\s*=/m);
  });
});
