#!/usr/bin/env node
// The console's first load as a browser moves it: Chromium opens the sign-in page of a spawned
// Parley with an empty cache, and the bytes received on the wire (headers + bodies, as Chromium's
// encodedDataLength counts them) are summed per response. Run twice: as browsers ask (Accept-Encoding
// with br and gzip), and with Accept-Encoding: identity, which is what every browser got before the
// precompressed files (the server sent the files as they are).
//
//   node tools/scripts/build.mjs && node tools/bench/console-first-load.mjs
import { chromium } from 'playwright-core';
import { machineInfo, ROOT } from './lib.mjs';
import { spawnParley } from './parley-server.mjs';

const cleanups = [];
const log = (...a) => console.error(...a);

async function firstLoad(base, acceptEncoding) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await (await browser.newContext()).newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (acceptEncoding) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': acceptEncoding } });
    const urls = new Map();
    const rows = [];
    cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, { url: e.response.url.startsWith('http') ? new URL(e.response.url).pathname : 'data:', encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? 'identity' }));
    cdp.on('Network.loadingFinished', (e) => {
      const r = urls.get(e.requestId);
      if (r && r.url.startsWith('/') && !r.url.startsWith('/socket.io')) rows.push({ ...r, bytes: e.encodedDataLength });
    });
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    await page.getByTestId('login-email').waitFor();
    return rows;
  } finally {
    await browser.close();
  }
}

try {
  const parley = await spawnParley({ db: 'sqlite', redis: 'none', runId: Date.now().toString(36), cleanups, log });
  const before = await firstLoad(parley.base, 'identity');
  const after = await firstLoad(parley.base, null);
  const total = (rows) => rows.reduce((s, r) => s + r.bytes, 0);
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`host: ${JSON.stringify(machineInfo())}, ${new Date().toISOString().slice(0, 10)}, ${ROOT}`);
  console.log('| response | as the files are (before) | as browsers ask (after) | encoding |');
  console.log('|---|---|---|---|');
  for (const r of after) {
    const b = before.find((x) => x.url === r.url);
    console.log(`| \`${r.url}\` | ${b ? kib(b.bytes) : '—'} | ${kib(r.bytes)} | ${r.encoding} |`);
  }
  console.log(`| **total** | **${kib(total(before))}** | **${kib(total(after))}** | |`);
} finally {
  for (const c of cleanups) await c();
}
