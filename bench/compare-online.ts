/**
 * Two or more builds of the widget, interleaved in one run: a new visitor's attach -> `online` (the first row of
 * bench/peers.ts) and attach -> the bot's greeting (the demo deployment starts the conversation: Presence Join, then
 * the bot speaks), over a link with latency and on a slower CPU if asked. On this machine's loopback the socket's
 * handshake takes less time than the page's own start, so work moved off that path barely shows; a real network and
 * a phone's CPU are what the visitor has. Each round gives every build one page, in a rotating order; the figures are
 * medians, and the paired medians of each build minus the first.
 *
 *   npm run build && cp -r dist /tmp/before   # on the commit before, then build the change
 *   BENCH_DISTS=/tmp/before,dist BENCH_DELAY_MS=20 BENCH_CONNECT_MS=80 BENCH_CPU_THROTTLE=4 npx tsx bench/compare-online.ts
 *
 * With BENCH_MODE=gateway the page uses `token-endpoint` instead: our server (emulator mode) behind the relay, the
 * gateway chunk loaded on first connect; attach -> `online` only (Open Messaging has no greeting on connect).
 * BENCH_LATENCY_MS adds CDP latency to every HTTP request of the page (the site's chunks too, which the relay does
 * not carry; not the WebSocket, which CDP does not reach).
 *
 * Env: BENCH_DISTS (comma list of built dist/ directories, default dist), BENCH_ROUNDS (default 16, after one warm-up),
 * BENCH_DELAY_MS (added by a TCP relay in front of the emulator to everything sent each way: the socket, config.json,
 * the history; default 20, a 40 ms round trip), BENCH_CONNECT_MS (how long a new connection's first bytes wait on
 * top of that: the TCP and TLS handshakes a real `wss://` or `https://` connection makes first; default 0),
 * BENCH_CPU_THROTTLE (Chromium's CPU slowdown factor, default 1; 4 is DevTools' "mid-tier mobile"), BENCH_MODE
 * (direct, the default, or gateway), BENCH_LATENCY_MS (default 0).
 */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/chromium.mjs';
import { startEmulator } from '../emulator/index.js';
import { loadConfig } from '../server/config.js';
import { startServer } from '../server/index.js';
import { GATEWAY_SESSION_PATH } from '../src/protocol/gateway.js';
import { openPage } from './peers.js';
import { startPeerSite } from './peer-site.js';
import { envInt } from './env.js';
import { pairedLines } from './stats.js';
import { startRelay } from './relay.js';

const dists = (process.env.BENCH_DISTS ?? 'dist').split(',').map((d) => d.trim()).filter(Boolean).map((d) => resolve(d));
const rounds = envInt('BENCH_ROUNDS', 16);
const delayMs = envInt('BENCH_DELAY_MS', 20, 0);
const connectMs = envInt('BENCH_CONNECT_MS', 0, 0);
const throttle = envInt('BENCH_CPU_THROTTLE', 1);
const gateway = process.env.BENCH_MODE === 'gateway';
const latencyMs = envInt('BENCH_LATENCY_MS', 0, 0);

/** ms after attach. */
interface Times { online: number; greeting: number }

/**
 * In the page: an inline chat is attached (the demo deployment, or a gateway's token endpoint); ms until `online` and
 * until the bot's first message (gateway: `online` only, and `greeting` stays 0).
 */
async function greeted(target: { region: string } | { tokenEndpoint: string }): Promise<Times> {
  await customElements.whenDefined('genesys-chat');
  const element = document.createElement('genesys-chat');
  element.setAttribute('mode', 'inline');
  if ('region' in target) {
    element.setAttribute('region', target.region);
    element.setAttribute('deployment-id', 'demo-deployment');
  } else {
    element.setAttribute('token-endpoint', target.tokenEndpoint);
  }
  const times = { online: 0, greeting: 0 };
  const start = performance.now();
  await new Promise<void>((resolveTimes, reject) => {
    const timer = setTimeout(() => reject(new Error('no greeting within 20 s')), 20_000);
    element.addEventListener('genesys-chat:status', (event) => {
      if (event.detail.status !== 'online' || times.online) return;
      times.online = performance.now() - start;
      if ('region' in target) return;
      clearTimeout(timer);
      resolveTimes();
    });
    element.addEventListener('genesys-chat:message', (event) => {
      if (event.detail.message.role !== 'bot' || times.greeting) return;
      times.greeting = performance.now() - start;
      clearTimeout(timer);
      resolveTimes();
    });
    document.body.append(element);
  });
  return times;
}

const emulator = await startEmulator({ port: 0, host: '127.0.0.1', rateLimitPerMinute: 0 });
const server = gateway ? await startServer({
  ...loadConfig({ GENESYS_EMULATOR_URL: emulator.url, LOG_LEVEL: 'silent', SESSION_RATE_LIMIT: '0' }, []).options,
  logger: false, port: 0, host: '127.0.0.1', registerWebhook: true,
}) : null;
const relay = await startRelay(Number(new URL(server?.url ?? emulator.url).port), { delayMs, connectMs });
const target = server ? { tokenEndpoint: `${relay.url}${GATEWAY_SESSION_PATH}` } : { region: relay.url };
const sites = await Promise.all(dists.map((dist) => startPeerSite(dist)));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const results: Times[][] = dists.map(() => []);
try {
  process.stdout.write(`A new visitor${gateway ? ' (gateway mode)' : ''}, ${rounds} rounds after a warm-up, ${delayMs} ms added each way`
    + `${connectMs ? `, ${connectMs} ms more for each new connection` : ''}${latencyMs ? `, ${latencyMs} ms CDP latency per HTTP request` : ''}`
    + `${throttle > 1 ? `, CPU ${throttle}x slower` : ''}\n`);
  for (let round = 0; round <= rounds; round += 1) {
    for (let k = 0; k < dists.length; k += 1) {
      const which = (round + k) % dists.length;
      const site = sites[which];
      if (!site) continue;
      const { page, close } = await openPage(browser, site.url, '/ours.html');
      try {
        await page.evaluate(() => customElements.whenDefined('genesys-chat'));
        const cdp = await page.context().newCDPSession(page);
        if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
        if (latencyMs) {
          await cdp.send('Network.enable');
          await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: latencyMs, downloadThroughput: -1, uploadThroughput: -1 });
        }
        const times = await page.evaluate(greeted, target);
        if (round > 0) results[which]?.push(times);
      } finally {
        await close();
      }
    }
  }
  const measures = [{ key: 'online', label: 'attach -> online' }, { key: 'greeting', label: 'attach -> greeting' }] as const;
  process.stdout.write(`${pairedLines(dists, results, gateway ? measures.slice(0, 1) : measures).join('\n')}\n`);
} finally {
  await browser.close();
  for (const site of sites) await site.close();
  relay.close();
  await server?.close();
  await emulator.close();
}
