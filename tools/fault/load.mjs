// The traffic the fault suite keeps up while it breaks things: signed Twilio webhooks (a share
// re-sent, as Twilio does after a timeout), web chat messages over socket.io through nginx, and
// agent replies over REST. Each driver records what Parley *acknowledged*, which is what must end
// up stored (or sent) exactly once.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { io } from 'socket.io-client';
import { sleep } from '../bench/lib.mjs';

/**
 * Clients come from many addresses in production, and nginx's ip_hash (first three octets) spreads
 * them over the api nodes; from one 127.0.0.1 every request would land on one node. Any 127.x.y.z
 * is this host's loopback, so each simulated client takes its own 127.0.N.1.
 */
export const sourceAddress = (n) => `127.0.${(n % 32) + 1}.1`;

export function twilioSignature(authToken, url, params) {
  const data = Object.keys(params).sort().reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** Calls `tick(n)` `rate` times a second (open loop) until `stop()`; returns {stop, done}. */
export function every(rate, tick) {
  let stopped = false;
  const inflight = new Set();
  const done = (async () => {
    const start = performance.now();
    let n = 0;
    while (!stopped) {
      const due = Math.floor(((performance.now() - start) * rate) / 1000);
      while (n < due && !stopped) {
        const p = Promise.resolve(tick(n++)).catch(() => undefined);
        inflight.add(p);
        p.finally(() => inflight.delete(p));
      }
      await sleep(5);
    }
    await Promise.all(inflight);
  })();
  return { stop: () => ((stopped = true), done), done };
}

/** Signed inbound SMS to `/webhooks/twilio/:inboxId` through the proxy; `resendShare` of them re-sent. */
/** `runId`: 8 hex characters (a MessageSid is SM + 32 hex). */
export function twilioWebhooks({ url, inboxId, account, runId, rate, resendShare = 0.1, customers = 200 }) {
  const path = `/webhooks/twilio/${inboxId}`;
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const stats = { sent: 0, resent: 0, statuses: {}, acked: new Set() };
  const history = [];
  const post = (params) =>
    new Promise((resolve) => {
      const body = new URLSearchParams(params).toString();
      const req = http.request({
        host: target.hostname, port: target.port, path, method: 'POST', agent, timeout: 20_000, localAddress: sourceAddress(Number.parseInt(params.MessageSid.slice(-4), 16)),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-twilio-signature': twilioSignature(account.authToken, url + path, params) },
      }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (err) => resolve(err.code ?? err.message));
      req.end(body);
    });
  const record = (status, sid) => {
    stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
    if (status === 200) stats.acked.add(sid);
  };
  const loop = every(rate, async (n) => {
    // Twilio re-sends a webhook it got no answer to, byte for byte: same MessageSid, same signature.
    if (history.length && Math.random() < resendShare) {
      const params = history[Math.floor(Math.random() * history.length)];
      stats.resent++;
      record(await post(params), params.MessageSid);
      return;
    }
    const sid = `SM${runId}${n.toString(16).padStart(24, '0')}`.slice(0, 34);
    const params = {
      ToCountry: 'RU', SmsMessageSid: sid, NumMedia: '0', SmsSid: sid, SmsStatus: 'received', Body: `Где мой заказ №${n}? ${runId}`,
      To: '+15005550006', NumSegments: '1', MessageSid: sid, AccountSid: account.accountSid, From: `+7916${String(10_000_000 + (n % customers)).slice(1)}`, ApiVersion: '2010-04-01',
    };
    history.push(params);
    stats.sent++;
    record(await post(params), sid);
  });
  return { stats, stop: async () => (await loop.stop(), agent.destroy()) };
}

/** A widget visitor: reconnects with its visitorToken (same customer) and re-sends unacknowledged messages. */
let visitors = 0;
export async function visitor(url, websiteToken) {
  const auth = { websiteToken };
  const socket = io(`${url}/widget`, { auth, transports: ['websocket'], reconnectionDelay: 200, reconnectionDelayMax: 1000, localAddress: sourceAddress(visitors++) });
  socket.on('session', (s) => (auth.visitorToken = s.visitorToken));
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('widget session timed out')), 20_000);
    socket.once('session', () => (clearTimeout(t), resolve()));
  });
  return {
    socket,
    /** Resolves with the ack ({ok, error?}) or {ok:false, error:'timeout'}. */
    send: (content, clientMessageId, timeoutMs = 10_000) =>
      socket.timeout(timeoutMs).emitWithAck('message:send', { content, clientMessageId }).catch(() => ({ ok: false, error: 'timeout' })),
    close: () => socket.disconnect(),
  };
}

/** `count` visitors sending `rate` messages a second in total; an unacknowledged message is retried with the same id. */
export async function webChat({ url, websiteToken, runId, rate, count = 20, retries = 5 }) {
  const visitors = await Promise.all(Array.from({ length: count }, () => visitor(url, websiteToken)));
  const stats = { sent: 0, refused: 0, lastErrors: {}, acked: new Set() };
  const loop = every(rate, async (n) => {
    const v = visitors[n % visitors.length];
    const id = `fault-${runId}-${n}`;
    stats.sent++;
    for (let attempt = 0; attempt <= retries; attempt++) {
      const ack = await v.send(`Сообщение в чат №${n} ${runId}`, id);
      if (ack?.ok) return void stats.acked.add(id);
      stats.lastErrors[ack?.error ?? 'unknown'] = (stats.lastErrors[ack?.error ?? 'unknown'] ?? 0) + 1;
      await sleep(500);
    }
    stats.refused++;
  });
  return { stats, stop: async () => (await loop.stop(), visitors.forEach((v) => v.close())) };
}

/** Agent replies on SMS conversations over REST: a 201 is a reply accepted, which must be sent once. */
export function replies({ url, token, conversationIds, runId, rate }) {
  const stats = { sent: 0, statuses: {}, accepted: new Map() };
  const loop = every(rate, async (n) => {
    const content = `Ответ оператора №${n} ${runId}`;
    stats.sent++;
    const { status, body } = await postJson(`${url}/api/conversations/${conversationIds[n % conversationIds.length]}/messages`, { content }, token(), sourceAddress(n));
    if (status === 201) stats.accepted.set(content, { id: body.id, at: Date.now() });
    stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
  });
  return { stats, stop: () => loop.stop() };
}

/** POST JSON from a given source address; resolves with {status, body}, status being the error code when there is no answer. */
function postJson(url, payload, token, localAddress) {
  const u = new URL(url);
  const data = JSON.stringify(payload);
  return new Promise((resolve) => {
    const req = http.request({
      host: u.hostname, port: u.port, path: u.pathname, method: 'POST', localAddress, timeout: 20_000,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), authorization: `Bearer ${token}` },
    }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let body = {};
        try {
          body = JSON.parse(text);
        } catch {
          /* not JSON: keep the status */
        }
        resolve({ status: res.statusCode, body });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: err.code ?? err.message, body: {} }));
    req.end(data);
  });
}
