#!/usr/bin/env node
// Signed Viber callbacks against a Parley server: how many are acknowledged per second and how
// fast, beside a bare node:http server measured in the same run (bare-http.mjs).
//
//   node tools/scripts/build.mjs server
//   node tools/bench/viber-webhooks.mjs --db postgres --redis private --role api --worker after   # what BENCHMARKS.md reports
//   node tools/bench/viber-webhooks.mjs --db sqlite
//
// Set-up: spawns Parley (dist/apps/api/src/main.js, LOG_LEVEL=warn, PUBLIC_URL = its own address, so the
// emulator's set_webhook check reaches it), runs the Viber emulator in this process and creates a
// Viber inbox through the API pointed at it (get_account_info and set_webhook run as in production).
// Every request is a distinct `message` callback (own 64-bit message_token, one of `--customers`
// senders, Cyrillic text), JSON signed with X-Viber-Content-Signature (HMAC-SHA256 of the body with
// the bot token) as Viber signs it. Parley verifies it, parses it and queues it durably before
// answering 200. Viber sends callbacks concurrently, without per-chat ordering: the max phase is a
// closed loop on `--connections` keep-alive connections. Phases as in twilio-webhooks.mjs (webhook-load.mjs): warm-up,
// fixed (open loop at `--rate`/s, latency from each request's scheduled time), max; then the bare
// reference, then the inbound queue drains and the database must hold one row per acknowledged token.
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { hex, ROOT } from './lib.mjs';
import { apiCall } from './parley-server.mjs';
import { parseWebhookFlags, runWebhookBench } from './webhook-load.mjs';

const flags = parseWebhookFlags();
const require = createRequire(import.meta.url);

const signature = (authToken, body) => createHmac('sha256', authToken).update(body).digest('hex');

await runWebhookBench({
  tool: 'viber-webhooks', flags, idsName: 'tokens', publicUrl: undefined,
  async setup({ base, runId, cleanups, accessToken }) {
    const { startViberEmulator } = require(join(ROOT, 'dist/tools/emulators/src/viber/viber.emulator.js'));
    const emulator = await startViberEmulator({ host: '127.0.0.1', port: 0, parleyUrl: base });
    cleanups.unshift(() => emulator.close());
    const authToken = [0, 1, 2].map(() => hex(8)).join('-');
    const inbox = await apiCall(base, 'POST', '/api/inboxes', { name: 'Bench Viber', channel: 'viber', config: { authToken, senderName: 'Bench', apiBaseUrl: emulator.url } }, accessToken);
    const path = `/webhooks/viber/${inbox.id}`;
    // Viber's message tokens are 64-bit: above what a double holds exactly, as in production.
    const tokenBase = 5_100_000_000_000_000_000n + BigInt(Date.now()) * 1_000_000n;
    /** One distinct message callback, signed as Viber signs it. */
    const request = (n) => {
      const sid = (tokenBase + BigInt(n)).toString();
      const user = `bench${runId}${n % flags.customers}==`;
      const body = `{"event":"message","timestamp":${Date.now()},"chat_hostname":"SN-BENCH_","message_token":${sid},"sender":{"id":"${user}","name":"Покупатель ${n % flags.customers}","language":"ru","country":"RU","api_version":10},"message":{"type":"text","text":"Где мой заказ №${n}? Bench ${runId}"},"silent":false}`;
      return { id: sid, body, headers: { 'content-type': 'application/json', 'x-viber-content-signature': signature(authToken, body) } };
    };
    return { inboxId: inbox.id, path, request };
  },
});
