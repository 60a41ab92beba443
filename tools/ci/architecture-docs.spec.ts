import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The README's "## Layout" section, up to the next heading. */
function layoutSection(): string {
  const readme = read('README.md');
  const start = readme.indexOf('\n## Layout\n');
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** Repository paths a text names (apps/…, libs/…), leaving out patterns such as `libs/channels/*`. */
function namedPaths(text: string): string[] {
  const found = text.match(/\b(?:apps|libs|tools|docs|deploy)\/[\w./-]*\w/g) ?? [];
  return [...new Set(found)].filter((p) => !/[*<>{|]/.test(text.charAt(text.indexOf(p) + p.length)));
}

const folders = (dir: string) =>
  fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'node_modules').map((e) => e.name);

describe('the architecture as written down', () => {
  it('names, in the README, at most six existing files from the Twilio webhook to the timeline row', () => {
    const layout = layoutSection();
    const start = layout.indexOf('**Where an SMS becomes a timeline event**');
    expect(start).toBeGreaterThan(-1);
    const hop = layout.slice(start, layout.indexOf('\n\n', start));
    const files = [...hop.matchAll(/`((?:apps|libs)\/[^`]+\.ts)`/g)].map((m) => m[1]);

    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(6);
    expect(files[0]).toMatch(/^apps\/api\/src\/webhooks\//);
    expect(files).toContain('libs/channels/twilio/src/twilio.adapter.ts');
    expect(files).toContain('libs/conversations/src/ingest.service.ts');
    for (const file of files) expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
    // The webhook route the first file serves is the one the list starts from.
    expect(read(files[0])).toContain('/webhooks/');
  });

  it('lists every app, lib, channel adapter and tool folder in the README layout', () => {
    const layout = layoutSection();
    const missing = [
      ...folders('apps').map((name) => `apps/${name}`),
      ...folders('libs').map((name) => `libs/${name}`),
      ...folders('libs/channels').map((name) => `libs/channels/${name}`),
      ...folders('tools').map((name) => `tools/${name}`),
    ].filter((folder) => !new RegExp(`(^|[\\s/])${path.basename(folder)}/`, 'm').test(layout));

    expect(missing).toEqual([]);
    expect(layout).toContain('[ARCHITECTURE.md](ARCHITECTURE.md)');
  });

  it('points only at files that exist, in ARCHITECTURE.md and the README layout', () => {
    const named = [...namedPaths(read('ARCHITECTURE.md')), ...namedPaths(layoutSection())];
    const gone = named.filter((p) => !fs.existsSync(path.join(ROOT, p)));

    expect(named.length).toBeGreaterThan(20);
    expect(gone).toEqual([]);
  });
});
