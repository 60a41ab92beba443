#!/usr/bin/env node
// Signed Twilio inbound webhooks against a Parley server: how many are acknowledged per second and
// how fast, beside a bare node:http server measured in the same run (bare-http.mjs).
//
//   node tools/scripts/build.mjs server
//   node tools/bench/twilio-webhooks.mjs --db postgres --redis private        # what BENCHMARKS.md reports
//   node tools/bench/twilio-webhooks.mjs --db sqlite
//
// Set-up: spawns Parley (dist/apps/api/src/main.js, LOG_LEVEL=warn, PUBLIC_URL = `--public-url`), runs
// the Twilio emulator in this process, and creates an SMS inbox through the API pointed at it (so
// the adapter's configure hook and the real SDK run as in production). Every request is a
// distinct inbound SMS (own MessageSid, one of `--customers` senders), form-encoded and signed
// with X-Twilio-Signature exactly as Twilio signs it: over PUBLIC_URL + path, the address Twilio
// is given, while the requests go to the server's own port, as they would through a TLS proxy or a
// load balancer (`--public-url own` signs the server's own address, port included, which costs the
// SDK a second HMAC: it tries the URL without the port first). Parley verifies it with the twilio SDK,
// parses it and queues it durably before answering 200 with empty TwiML.
// Phases and checks (webhook-load.mjs): warm-up (`--warmup-seconds` at `--rate`, not measured); fixed:
// open loop at `--rate`/s for `--fixed-seconds`, latency counted from each request's scheduled send
// time; max: closed loop on `--connections` keep-alive connections for `--max-seconds`. Then the bare
// node:http reference (same connection count), then it waits for the inbound queue to store every
// acknowledged message and checks the database holds exactly one row per MessageSid.
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';
import { apiCall } from './parley-server.mjs';
import { parseWebhookFlags, runWebhookBench } from './webhook-load.mjs';

const flags = parseWebhookFlags({
  publicUrl: 'https://parley.bench.example', // PUBLIC_URL, or 'own' for the server's http://127.0.0.1:port
});
const require = createRequire(import.meta.url);

function signature(authToken, url, params) {
  const data = Object.keys(params).sort().reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

await runWebhookBench({
  tool: 'twilio-webhooks', flags, idsName: 'MessageSids',
  publicUrl: flags.publicUrl === 'own' ? undefined : flags.publicUrl,
  async setup({ base, runId, cleanups, accessToken }) {
    const { startTwilioEmulator } = require(join(ROOT, 'dist/tools/emulators/src/twilio/twilio-emulator.js'));
    const emulator = await startTwilioEmulator({ host: '127.0.0.1', port: 0, parleyUrl: base, statusStepMs: 300 });
    cleanups.unshift(() => emulator.close());
    const account = emulator.addAccount();
    const inbox = await apiCall(base, 'POST', '/api/inboxes', {
      name: 'Bench SMS', channel: 'sms', config: { ...account, from: '+15005550006', apiBaseUrl: emulator.url },
    }, accessToken);
    const path = `/webhooks/twilio/${inbox.id}`;
    const signedUrl = (flags.publicUrl === 'own' ? base : flags.publicUrl) + path;
    /** One distinct inbound SMS, form-encoded and signed as Twilio signs it. */
    const request = (n) => {
      const sid = `SM${runId}${n.toString(16).padStart(23, '0')}`;
      const params = {
        ToCountry: 'US', SmsMessageSid: sid, NumMedia: '0', SmsSid: sid, SmsStatus: 'received',
        Body: `Где мой заказ №${n}? Bench ${runId}`, To: '+15005550006', NumSegments: '1', MessageSid: sid,
        AccountSid: account.accountSid, From: `+7999${String(1_000_000 + (n % flags.customers)).slice(1)}`, ApiVersion: '2010-04-01',
      };
      return {
        id: sid, body: new URLSearchParams(params).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature(account.authToken, signedUrl, params) },
      };
    };
    return { inboxId: inbox.id, path, request };
  },
});
