#!/usr/bin/env node
// Signed Meta (Messenger, and Instagram on the same path) webhooks against a Parley server: how many
// are acknowledged per second and how fast, beside a bare node:http server measured in the same run
// (bare-http.mjs).
//
//   node tools/scripts/build.mjs server
//   node tools/bench/meta-webhooks.mjs --db postgres --redis private --role api --worker after   # BENCHMARKS.md
//   node tools/bench/meta-webhooks.mjs --channel instagram
//
// Set-up: spawns Parley (dist/apps/api/src/main.js, LOG_LEVEL=warn), runs the Meta emulator in this
// process, creates a Messenger (or Instagram) inbox through the API pointed at it (the adapter's
// configure hook checks the Page token and subscribes the Page there) and points the emulated app's
// webhook at it (hub.challenge). Every request is one customer message as Meta sends it: JSON
// `{object, entry:[{id, time, messaging:[{sender, recipient, timestamp, message:{mid, text}}]}]}`
// with its own mid, from one of `--customers` senders, signed with X-Hub-Signature-256 (HMAC-SHA256
// of the body with the app secret). Parley checks the signature, parses it (the first message of each
// sender also asks the emulated Graph API for the sender's name) and queues it durably before
// answering 200. Meta delivers webhooks concurrently and retries what is not answered 200: the max
// phase plays that with `--connections` keep-alive connections.
// Phases as twilio-webhooks.mjs (webhook-load.mjs): warm-up, fixed rate (open loop, latency from the scheduled send time),
// max (closed loop), the bare reference, then the drain: every acknowledged mid stored exactly once.
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';
import { apiCall } from './parley-server.mjs';
import { parseWebhookFlags, runWebhookBench } from './webhook-load.mjs';

const flags = parseWebhookFlags({
  publicUrl: 'https://parley.bench.example', // PUBLIC_URL (the callback URL Meta is given), or 'own'
  channel: 'messenger', // messenger | instagram
});
const require = createRequire(import.meta.url);

await runWebhookBench({
  tool: 'meta-webhooks', flags, idsName: 'mids',
  publicUrl: flags.publicUrl === 'own' ? undefined : flags.publicUrl,
  async setup({ base, runId, cleanups, accessToken }) {
    const { startMetaEmulator } = require(join(ROOT, 'dist/tools/emulators/src/meta/meta-emulator.js'));
    const emulator = await startMetaEmulator({ host: '127.0.0.1', port: 0, parleyUrl: base, statusStepMs: 300 });
    cleanups.unshift(() => emulator.close());
    const app = emulator.addApp();
    const page = emulator.addPage({ appId: app.appId, name: 'Bench Page' });
    const verifyToken = `bench-${runId}`;
    const inbox = await apiCall(base, 'POST', '/api/inboxes', {
      name: `Bench ${flags.channel}`, channel: flags.channel, config: { ...page, appSecret: app.appSecret, verifyToken, apiBaseUrl: emulator.url },
    }, accessToken);
    const path = `/webhooks/meta/${inbox.id}`;
    await emulator.subscribe(app.appId, flags.channel === 'instagram' ? 'instagram' : 'page', (flags.publicUrl === 'own' ? base : flags.publicUrl) + path, verifyToken);
    const object = flags.channel === 'instagram' ? 'instagram' : 'page';
    const businessId = flags.channel === 'instagram' ? page.instagramAccountId : page.pageId;
    /** One distinct customer message, signed as Meta signs it. */
    const request = (n) => {
      const mid = `m_${runId}${n.toString(36).padStart(10, '0')}`;
      const now = Date.now();
      const body = JSON.stringify({
        object,
        entry: [{ id: businessId, time: now, messaging: [{
          sender: { id: String(7_000_000_000_000_000 + (n % flags.customers)) }, recipient: { id: businessId }, timestamp: now,
          message: { mid, text: `Где мой заказ №${n}? Bench ${runId}` },
        }] }],
      });
      return {
        id: mid, body,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', app.appSecret).update(body).digest('hex')}` },
      };
    };
    return { inboxId: inbox.id, path, request };
  },
});
