/**
 * Two or more builds of the widget, interleaved in one run: a returning visitor's reload with a history (the reload
 * row of bench/peers.ts), so a change to that path is measured against the build before it on the same machine state.
 * Each round gives every build one reload, in a rotating order; the figures are medians, and the paired medians of
 * each build minus the first.
 *
 *   npm run build && cp -r dist /tmp/before   # on the commit before, then build the change
 *   BENCH_DISTS=/tmp/before,dist npx tsx bench/compare-reload.ts
 *
 * Env: BENCH_DISTS (comma list of built dist/ directories, default dist), BENCH_ROUNDS (default 16, after one warm-up),
 * BENCH_HISTORY (agent messages in the history, default 1,000), BENCH_LATENCY_MS (added to each HTTP request of the
 * reloaded page, default 0), BENCH_HINT=1 (a reload in between, so the stored history length is current: a visitor
 * moving between a site's pages; without it the history grew while the visitor was away).
 */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/chromium.mjs';
import { startEmulator } from '../emulator/index.js';
import { startPeerSite } from './peer-site.js';
import { reloadWithHistory, returningVisitor, type ReloadTimes } from './peers.js';
import { envInt } from './env.js';
import { pairedLines } from './stats.js';

const dists = (process.env.BENCH_DISTS ?? 'dist').split(',').map((d) => d.trim()).filter(Boolean).map((d) => resolve(d));
const rounds = envInt('BENCH_ROUNDS', 16);
const count = envInt('BENCH_HISTORY', 1_000);
const latencyMs = envInt('BENCH_LATENCY_MS', 0, 0);
const hint = process.env.BENCH_HINT === '1';

type Row = ReloadTimes & { attachToOnline: number };
const measures: { key: keyof Row; label: string }[] = [
  { key: 'fromOnline', label: 'online -> all' },
  { key: 'fromAttach', label: 'attach -> all' },
  { key: 'attachToOnline', label: 'attach -> online' },
  { key: 'shown', label: 'attach -> shown' },
];

const emulator = await startEmulator({ port: 0, host: '127.0.0.1', rateLimitPerMinute: 0 });
const sites = await Promise.all(dists.map((dist) => startPeerSite(dist)));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const results: Row[][] = dists.map(() => []);
try {
  process.stdout.write(`Reload with ${count.toLocaleString('en')} in history, ${rounds} rounds after a warm-up`
    + `${latencyMs ? `, ${latencyMs} ms latency per HTTP request` : ''}${hint ? ', history length hint current' : ''}\n`);
  for (let round = 0; round <= rounds; round += 1) {
    for (let k = 0; k < dists.length; k += 1) {
      const which = (round + k) % dists.length;
      const site = sites[which];
      if (!site) continue;
      const visitor = await returningVisitor(browser, site.url, emulator.url, count);
      try {
        if (hint) await reloadWithHistory(visitor, site.url, emulator.url, count);
        const times = await reloadWithHistory(visitor, site.url, emulator.url, count, latencyMs);
        if (round > 0) results[which]?.push({ ...times, attachToOnline: times.fromAttach - times.fromOnline });
      } finally {
        await visitor.context.close();
      }
    }
  }
  process.stdout.write(`${pairedLines(dists, results, measures).join('\n')}\n`);
} finally {
  await browser.close();
  for (const site of sites) await site.close();
  await emulator.close();
}
