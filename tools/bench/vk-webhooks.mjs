#!/usr/bin/env node
// VK Callback API events against a Parley server: how many are acknowledged per second and how
// fast, beside a bare node:http server measured in the same run (bare-http.mjs).
//
//   node tools/scripts/build.mjs server
//   node tools/bench/vk-webhooks.mjs --db postgres --redis private --role api --worker after   # what BENCHMARKS.md reports
//   node tools/bench/vk-webhooks.mjs --db sqlite
//
// Set-up: spawns Parley (dist/apps/api/src/main.js, LOG_LEVEL=warn), runs the VK emulator in this
// process and creates a VK inbox (Callback API mode) through the API pointed at it, so the adapter's
// configure hook (groups.getById, the confirmation code, addCallbackServer with a generated secret)
// runs as in production; the secret is read back from the emulator's Callback API server. Every
// request is a distinct `message_new` event (own message id and event_id, one of `--customers`
// senders, Cyrillic text) with the secret, as VK posts them. Parley checks the secret, parses the
// event, looks the sender's name up with users.get (only for a sender not named in the last ten minutes,
// batched: the emulator answers) and queues the message durably before answering "ok".
// Phases as in twilio-webhooks.mjs (webhook-load.mjs): warm-up, fixed (open loop at `--rate`/s, latency
// from each request's scheduled time), max (closed loop on `--connections` keep-alive connections), the
// bare reference, then the drain and a check that every acknowledged event is stored exactly once. An
// answer counts as acknowledged only when it is "ok"; the VK API calls the server made are reported last.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { hex, ROOT } from './lib.mjs';
import { apiCall } from './parley-server.mjs';
import { parseWebhookFlags, runWebhookBench } from './webhook-load.mjs';

const flags = parseWebhookFlags({
  publicUrl: 'https://parley.bench.example', // PUBLIC_URL (the Callback API server registered; the requests go to the server's own port), or 'own'
});
const require = createRequire(import.meta.url);

await runWebhookBench({
  tool: 'vk-webhooks', flags, idsName: 'events', ackBody: 'ok', publicUrl: flags.publicUrl === 'own' ? undefined : flags.publicUrl,
  async setup({ base, runId, cleanups, log, accessToken }) {
    const { startVkEmulator } = require(join(ROOT, 'dist/tools/emulators/src/vk/vk.emulator.js'));
    const emulator = await startVkEmulator({ host: '127.0.0.1', port: 0, parleyUrl: base });
    cleanups.unshift(() => emulator.close());
    const token = `vk1.a.bench_${runId}_${hex(12)}`;
    const inbox = await apiCall(base, 'POST', '/api/inboxes', {
      name: 'Bench VK', channel: 'vk', config: { accessToken: token, mode: 'callback', apiBaseUrl: `${emulator.url}/method` },
    }, accessToken);
    const community = emulator.community(token);
    const secret = community.servers[0].secretKey;
    for (let c = 0; c < flags.customers; c++) community.user(100_000 + c, { first_name: 'Ольга', last_name: `Покупатель ${c}` });
    /** One distinct message_new event with the secret, as VK posts it. */
    const request = (n) => {
      const id = `e${runId}${n.toString(16).padStart(20, '0')}`;
      const user = 100_000 + (n % flags.customers);
      const body = JSON.stringify({
        type: 'message_new', event_id: id, v: '5.199', group_id: community.id, secret,
        object: {
          message: { id: n + 1, date: Math.floor(Date.now() / 1000), peer_id: user, from_id: user, text: `Где мой заказ №${n}? Bench ${runId}`, out: 0, attachments: [], conversation_message_id: n + 1, fwd_messages: [], important: false, is_hidden: false },
          client_info: { button_actions: ['text', 'callback'], keyboard: true, inline_keyboard: true, lang_id: 0 },
        },
      });
      return { id, body, headers: { 'content-type': 'application/json' } };
    };
    const report = (result) => {
      const calls = {};
      for (const c of community.calls) calls[c.method] = (calls[c.method] ?? 0) + 1;
      result.vkApiCalls = calls;
      log(`[${runId}] VK API calls the server made: ${JSON.stringify(calls)}`);
    };
    return { inboxId: inbox.id, path: `/webhooks/vk/${inbox.id}`, request, report };
  },
});
