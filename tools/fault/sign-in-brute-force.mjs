// Sign-in brute force through X-Forwarded-For (issue 13): N wrong passwords, each claiming a fresh
// client address, spread over the api nodes, then the right password. Prints how many guesses reached
// the password check and how many were refused with 429, and whether (and after how long) the right
// password got in. Bounded (at most 200 guesses) and loopback-only.
//
//   node tools/fault/sign-in-brute-force.mjs                 # builds, spawns 2 api nodes on PostgreSQL + a private Redis
//   node tools/fault/sign-in-brute-force.mjs --url http://127.0.0.1:3000,http://127.0.0.1:3001 --email … --password …
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { BENCH_ADMIN, spawnParley } from '../bench/parley-server.mjs';
import { assertLoopback, hex, parseFlags, ROOT, sleep } from '../bench/lib.mjs';

const flags = parseFlags(process.argv.slice(2), {
  url: '',
  email: BENCH_ADMIN.email,
  password: BENCH_ADMIN.password,
  guesses: 30,
  nodes: 2,
  db: 'postgres',
  redis: 'private',
  maxWaitSeconds: 120,
  build: true,
  json: false,
});
const guesses = Math.min(Math.max(1, flags.guesses), 200);
const log = (...a) => console.error(...a);
const cleanups = [];

async function cleanup() {
  for (const c of cleanups.splice(0)) await Promise.resolve(c()).catch((err) => log('cleanup:', err.message));
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

async function nodes() {
  if (flags.url) {
    const urls = flags.url.split(',').map((u) => u.trim().replace(/\/$/, ''));
    urls.forEach(assertLoopback);
    return urls;
  }
  if (flags.build) execFileSync(process.execPath, [join(ROOT, 'tools/scripts/build.mjs'), 'server'], { cwd: ROOT, stdio: 'inherit' });
  const server = await spawnParley({ db: flags.db, redis: flags.redis, runId: `brute_${hex(3)}`, cleanups, log, role: 'api', apiNodes: flags.nodes });
  return server.ports.map((p) => `http://127.0.0.1:${p}`);
}

const spoofedAddress = (i) => `198.51.100.${(i % 250) + 1}, 203.0.113.${(i * 7) % 250 + 1}`;

async function signIn(base, password, forwardedFor) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ email: flags.email, password }),
  });
  await res.text();
  return { status: res.status, retryAfter: Number(res.headers.get('retry-after') ?? 0) };
}

async function main() {
  const urls = await nodes();
  const perNode = urls.map((url) => ({ url, reachedCheck: 0, refused429: 0, other: 0 }));
  const retryAfters = [];
  for (let i = 0; i < guesses; i++) {
    const node = perNode[i % urls.length];
    const { status, retryAfter } = await signIn(node.url, `wrong-guess-${i}-${hex(2)}`, spoofedAddress(i));
    if (status === 401) node.reachedCheck++;
    else if (status === 429) {
      node.refused429++;
      retryAfters.push(retryAfter);
    } else node.other++;
  }

  // The owner, from yet another claimed address: waits as told by Retry-After, within a bound.
  const started = Date.now();
  let right = { status: 0, retryAfter: 0 };
  let attempts = 0;
  while (Date.now() - started < flags.maxWaitSeconds * 1000) {
    right = await signIn(urls[attempts % urls.length], flags.password, spoofedAddress(guesses + attempts));
    attempts++;
    if (right.status !== 429) break;
    await sleep(right.retryAfter * 1000);
  }

  const total = perNode.reduce((acc, n) => ({ reached: acc.reached + n.reachedCheck, refused: acc.refused + n.refused429, other: acc.other + n.other }), { reached: 0, refused: 0, other: 0 });
  const result = {
    nodes: urls.length,
    guesses,
    reachedCheck: total.reached,
    refused429: total.refused,
    other: total.other,
    perNode,
    retryAfterSeconds: retryAfters.length ? { min: Math.min(...retryAfters), max: Math.max(...retryAfters) } : null,
    rightPassword: { status: right.status, attempts, waitedSeconds: Math.round((Date.now() - started) / 100) / 10 },
  };
  if (flags.json) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(`sign-in brute force: ${guesses} wrong passwords with spoofed X-Forwarded-For over ${urls.length} api node(s)`);
    for (const n of perNode) console.log(`  ${n.url}: reached the check ${n.reachedCheck}, refused 429 ${n.refused429}, other ${n.other}`);
    console.log(`  total: reached the check ${total.reached} / ${guesses}, refused 429 ${total.refused}` + (result.retryAfterSeconds ? ` (Retry-After ${result.retryAfterSeconds.min}-${result.retryAfterSeconds.max} s)` : ''));
    console.log(`  right password: HTTP ${right.status} after ${attempts} attempt(s), ${result.rightPassword.waitedSeconds} s`);
  }
  return total.reached < guesses && right.status === 200 ? 0 : 1;
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (err) => {
    log(err);
    await cleanup();
    process.exit(1);
  });
