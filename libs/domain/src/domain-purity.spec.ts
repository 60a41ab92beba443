import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// The domain is the innermost layer: plain rules on plain data, unit-tested without a database,
// a queue or a network. Specs may read files (this one does), so only shipped code is checked.
const FORBIDDEN = /^(@nestjs\/|typeorm|pg|ioredis|bullmq|(node:)?(fs|net|http|https)(\/|$))/;
const IMPORT = /(?:^|\n)\s*(?:import|export)[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function importsOf(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
}

describe('libs/domain', () => {
  const files = sources(__dirname);

  it('holds the pure rules of every capability', () => {
    const folders = new Set(files.map((f) => relative(__dirname, f).split('/')[0]));
    expect([...folders]).toEqual(expect.arrayContaining(['sla', 'routing', 'surveys', 'inbound', 'customers', 'tokens']));
  });

  it('imports no framework, database, queue, file system or network', () => {
    const offending = files.flatMap((f) => importsOf(readFileSync(f, 'utf8')).filter((m) => FORBIDDEN.test(m)).map((m) => `${relative(__dirname, f)} → ${m}`));
    expect(offending).toEqual([]);
  });

  it('recognises the imports it forbids', () => {
    const sample = "import { Injectable } from '@nestjs/common';\nimport { DataSource } from 'typeorm';\nimport { readFileSync } from 'node:fs';\nconst net = require('net');\nimport { createHmac } from 'node:crypto';";
    expect(importsOf(sample).filter((m) => FORBIDDEN.test(m))).toEqual(['@nestjs/common', 'typeorm', 'node:fs', 'net']);
  });
});
