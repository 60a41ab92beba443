// Shared by routing-decision.mjs and sla-timer-lag.mjs: a fresh database, the real Nest providers
// from the built server (dist/), and fast bulk seeding. Loopback only; everything is removed on exit.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, scratchPgDatabase } from './lib.mjs';

const require = createRequire(import.meta.url);
export const dist = (p) => require(join(ROOT, 'dist', p));

export async function benchDatabase(kind) {
  if (kind === 'postgres') return scratchPgDatabase('bench_rsla');
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  return { url: `sqlite:${join(dir, 'bench.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** The real providers (RuntimeModule + the given capability modules) in one application context. */
export async function bootContext(url, pick, redisUrl = undefined) {
  process.env.DATABASE_URL = url;
  process.env.PARLEY_DEMO = 'false';
  process.env.SMTP_INBOUND_PORT = '0';
  require('reflect-metadata');
  const { NestFactory } = require('@nestjs/core');
  const { Module } = require('@nestjs/common');
  const runtime = dist('libs/runtime/src/index.js');
  const sla = dist('libs/sla/src/index.js');
  const config = { ...runtime.loadConfig(process.env), databaseUrl: url, redisUrl, role: 'worker' };
  class BenchModule {}
  Module({ imports: [runtime.RuntimeModule.forRoot(config), ...pick(sla)] })(BenchModule);
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
  const { DataSource } = require('typeorm');
  return { app, db: app.get(DataSource), runtime, sla, routing: dist('libs/routing/src/index.js'), persistence: dist('libs/persistence/src/index.js') };
}

/** Multi-row INSERTs in batches (one transaction per batch). */
export async function bulkInsert(db, table, columns, rows, batch = 500) {
  const pg = db.options.type === 'postgres';
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const params = [];
    const values = chunk.map((row) => `(${row.map((v) => {
      params.push(v instanceof Date ? (pg ? v : v.toISOString().replace('T', ' ').replace('Z', '')) : typeof v === 'boolean' && !pg ? (v ? 1 : 0) : v);
      return pg ? `$${params.length}` : '?';
    }).join(',')})`);
    await db.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${values.join(',')}`, params);
  }
}

/** uuid v7-like ids that sort by creation (what newId() makes). */
export function ids(n) {
  const { v7 } = require('uuid');
  return Array.from({ length: n }, () => v7());
}
