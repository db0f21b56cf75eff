/**
 * Issue 11's table, measured side by side in ONE run: one headless Chromium, one emulator, one static site. Every
 * row is a ratio against its floor or peer measured in the same run (run-by-run pairs, alternating who goes first),
 * so the machine's load cancels out as far as it can. The in-page halves are in bench/peer-page.js.
 *
 * Rows (env BENCH_PEER_RUNS runs for the timed pairs, default 11; BENCH_PEER_APPENDS appends, default 5,000):
 * - attach -> online vs the floor (a bare WebSocket + one configureSession from the same page, same emulator);
 * - attach -> first render vs deep-chat with a static history;
 * - N live appends (total, p95 per append), messages and nodes in the DOM, JS heap vs deep-chat's addMessage;
 * - reload with 1,000 in history: online -> all in the transcript, vs the floor (the same history requests from a
 *   bare page: page 1, then the others at once, each with its CORS preflight);
 * - JS (gzip) a direct-mode one-script page fetches until online, vs deep-chat's bundle;
 * - no goal: navigation -> element defined with 40 ms of latency per request (the script load the attach rows leave
 *   out: work moved from attach to load shows here), vs deep-chat's one bundle.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/chromium.mjs';
import { startEmulator } from '../emulator/index.js';
import { DEEP_CHAT_BUNDLE, startPeerSite } from './peer-site.js';
import { quantile } from './stats.js';

const PAGE_HELPERS = readFile(resolve(import.meta.dirname, 'peer-page.js'), 'utf8');

/** `met` is null for a row with no goal (shown for what the others leave out). */
export interface PeerRow { measure: string; ours: string; peer: string; ratio: string; goal: string; met: boolean | null }

interface AppendResult { samples: number[]; inDom: number; nodes: number }
interface Bench {
  floor(url: string): Promise<number>;
  online(region: string): Promise<{ elapsed: number; scripts: string[] }>;
  firstRenderOurs(region: string): Promise<number>;
  firstRenderDeep(history: number): Promise<number>;
  appendOurs(count: number): Promise<AppendResult>;
  appendDeep(count: number): Promise<AppendResult>;
  history(region: string, expected: number): Promise<ReloadTimes>;
  historyFloor(base: string, jwt: string, expected: number): Promise<number>;
}
declare global { interface Window { __bench: Bench } }

const median = (values: number[]) => quantile(values, 0.5);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const fmtMs = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const fmtX = (value: number) => `${value.toFixed(2)}×`;

/** A fresh context's page at `path` of the bench site, with the in-page helpers (`window.__bench`). */
export async function openPage(browser: Browser, siteUrl: string, path: string): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stderr.write(`bench page error: ${error.message}\n`));
  await page.goto(`${siteUrl}${path}`);
  await page.evaluate(await PAGE_HELPERS);
  return { page, close: () => context.close() };
}

/**
 * One warm-up pair, then `runs` pairs, each on two fresh pages (ours, the floor's or peer's) that take turns at going
 * first, so the machine's load falls on both alike.
 */
async function alternatingPairs<O, P>(browser: Browser, siteUrl: string, runs: number, paths: [string, string],
  measure: (ours: Page, other: Page) => [() => Promise<O>, () => Promise<P>]): Promise<{ ours: O; other: P }[]> {
  const pairs: { ours: O; other: P }[] = [];
  for (let i = 0; i <= runs; i += 1) {
    const a = await openPage(browser, siteUrl, paths[0]);
    const b = await openPage(browser, siteUrl, paths[1]);
    const [measureOurs, measureOther] = measure(a.page, b.page);
    let ours: O;
    let other: P;
    if (i % 2) { other = await measureOther(); ours = await measureOurs(); } else { ours = await measureOurs(); other = await measureOther(); }
    await a.close();
    await b.close();
    if (i > 0) pairs.push({ ours, other });
  }
  return pairs;
}

/** V8 heap in use after a full GC (bytes). */
async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

async function gzipOf(file: string): Promise<number> {
  return gzipSync(await readFile(file), { level: 9 }).length;
}

export async function measurePeers(distDir: string, runs: number, appends: number,
  log: (line: string) => void): Promise<PeerRow[]> {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', rateLimitPerMinute: 0 });
  const site = await startPeerSite(distDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const region = emulator.url;
  const socketUrl = `${emulator.url.replace(/^http/, 'ws')}/v1?deploymentId=demo-deployment&application=bench`;
  const rows: PeerRow[] = [];
  try {
    // 1. attach -> online vs the floor; the scripts fetched until online are kept for the bundle row.
    const onlinePairs = await alternatingPairs(browser, site.url, runs, ['/ours.html', '/floor.html'], (a, b) => [
      () => a.evaluate((r) => window.__bench.online(r), region),
      () => b.evaluate((u) => window.__bench.floor(u), socketUrl),
    ]);
    const scripts = onlinePairs.at(-1)?.ours.scripts ?? [];
    const onlineRatio = median(onlinePairs.map((p) => p.ours.elapsed / p.other));
    rows.push({ measure: 'attach → `online`', ours: fmtMs(median(onlinePairs.map((p) => p.ours.elapsed))),
      peer: `floor ${fmtMs(median(onlinePairs.map((p) => p.other)))}`,
      ratio: fmtX(onlineRatio), goal: '≤ 1.5× the floor', met: onlineRatio <= 1.5 });
    log(`  online: ${rows.at(-1)?.ratio}`);

    // 2. attach -> first render vs deep-chat with a static history of 20.
    const renderPairs = await alternatingPairs(browser, site.url, runs, ['/ours.html', '/deep.html'], (a, b) => [
      () => a.evaluate((r) => window.__bench.firstRenderOurs(r), region),
      () => b.evaluate(() => window.__bench.firstRenderDeep(20)),
    ]);
    const renderRatio = median(renderPairs.map((p) => p.ours / p.other));
    rows.push({ measure: 'attach → first render', ours: fmtMs(median(renderPairs.map((p) => p.ours))),
      peer: `deep-chat ${fmtMs(median(renderPairs.map((p) => p.other)))} (20 in history)`, ratio: fmtX(renderRatio), goal: '≤ 1.0×',
      met: renderRatio <= 1.0 });
    log(`  first render: ${rows.at(-1)?.ratio}`);

    // 3-6. live appends, DOM and heap: one page each, the same count.
    const a = await openPage(browser, site.url, '/ours.html');
    const heapBeforeOurs = await heapUsed(a.page);
    const oursAppend = await a.page.evaluate((n) => window.__bench.appendOurs(n), appends);
    const heapOurs = (await heapUsed(a.page)) - heapBeforeOurs;
    await a.close();
    log(`  appends (ours) done`);
    const b = await openPage(browser, site.url, '/deep.html');
    const heapBeforeDeep = await heapUsed(b.page);
    const deepAppend = await b.page.evaluate((n) => window.__bench.appendDeep(n), appends);
    const heapDeep = (await heapUsed(b.page)) - heapBeforeDeep;
    await b.close();
    const totalRatio = sum(oursAppend.samples) / sum(deepAppend.samples);
    rows.push({ measure: `${appends.toLocaleString('en')} live appends, total`, ours: fmtMs(sum(oursAppend.samples)),
      peer: `deep-chat ${fmtMs(sum(deepAppend.samples))}`, ratio: fmtX(totalRatio), goal: '≤ 0.5×', met: totalRatio <= 0.5 });
    const p95 = quantile(oursAppend.samples, 0.95);
    rows.push({ measure: `per-append p95 at ${appends.toLocaleString('en')}`, ours: fmtMs(p95),
      peer: `deep-chat ${fmtMs(quantile(deepAppend.samples, 0.95))}`,
      ratio: fmtX(p95 / quantile(deepAppend.samples, 0.95)), goal: '≤ 4 ms', met: p95 <= 4 });
    const perMessage = oursAppend.nodes / Math.max(1, oursAppend.inDom);
    rows.push({ measure: `messages in the DOM at ${appends.toLocaleString('en')}`,
      ours: `${oursAppend.inDom} (${perMessage.toFixed(1)} nodes each, ${oursAppend.nodes.toLocaleString('en')} nodes)`,
      peer: `deep-chat ${deepAppend.inDom} (${(deepAppend.nodes / Math.max(1, deepAppend.inDom)).toFixed(1)} nodes each)`,
      ratio: fmtX(oursAppend.inDom / Math.max(1, deepAppend.inDom)), goal: '≤ 300 at the bottom; ≤ 20 nodes a message',
      met: oursAppend.inDom <= 300 && perMessage <= 20 });
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    rows.push({ measure: `JS heap at ${appends.toLocaleString('en')} (growth after GC)`, ours: mb(heapOurs),
      peer: `deep-chat ${mb(heapDeep)}`, ratio: fmtX(heapOurs / heapDeep), goal: '≤ 6 MB', met: heapOurs <= 6 * 1024 * 1024 });
    log(`  appends: ${rows.at(-4)?.ratio}, p95 ${rows.at(-3)?.ours}`);

    // 7. reload with 1,000 in history, and its floor: the same history requests from a bare page, in the same round.
    const historyRuns: HistoryRound[] = [];
    // Fifteen reloads (after a warm-up): with five, one slow round moved the median by 50 ms; with nine, two runs of one
    // build gave 181.7 and 205.2 ms.
    for (let i = 0; i <= Math.max(runs, 15); i += 1) {
      historyRuns.push(await measureHistory(browser, site.url, emulator.url, 1_000, i % 2 === 1));
    }
    historyRuns.shift(); // warm-up
    const historyMs = median(historyRuns.map((run) => run.fromOnline));
    const historyRatio = median(historyRuns.map((run) => run.fromOnline / run.floor));
    rows.push({ measure: 'reload with 1,000 in history: online → all in the transcript',
      ours: `${fmtMs(historyMs)} (attach → all ${fmtMs(median(historyRuns.map((run) => run.fromAttach)))}, attach → shown ${fmtMs(median(historyRuns.map((run) => run.shown)))})`,
      peer: `floor ${fmtMs(median(historyRuns.map((run) => run.floor)))}`, ratio: fmtX(historyRatio),
      goal: '≤ 150 ms', met: historyMs <= 150 });
    log(`  history: ${rows.at(-1)?.ours}, ${rows.at(-1)?.ratio} the floor`);

    // 8. JS a direct-mode one-script page fetched until online (gzip -9 of each file), vs deep-chat's bundle: the
    // loader (genesys-chat.iife.js) and the dist/cdn/ and shared dist/ chunks it imported.
    const deepBytes = await gzipOf(DEEP_CHAT_BUNDLE);
    let bytes = 0;
    const files: string[] = [];
    for (const url of scripts) {
      const path = new URL(url).pathname;
      if (!path.startsWith('/dist/')) continue;
      bytes += await gzipOf(join(resolve(distDir), path.slice('/dist/'.length)));
      files.push(path.slice('/dist/'.length));
    }
    const label = `${files.length} files: ${files.join(', ')}`;
    rows.push({ measure: 'JS a direct-mode one-script page fetches until online (gzip)',
      ours: `${(bytes / 1024).toFixed(1)} KB (${label})`, peer: `deep-chat ${(deepBytes / 1024).toFixed(1)} KB`,
      ratio: fmtX(bytes / deepBytes), goal: '≤ 30 KB', met: bytes <= 30 * 1024 });

    // 9. No goal: navigation -> defined, 40 ms latency per request, alternating who goes first.
    const loads: { ours: number; deep: number }[] = [];
    for (let i = 0; i <= runs; i += 1) {
      const order = i % 2 ? ['deep', 'ours'] as const : ['ours', 'deep'] as const;
      const pair = { ours: 0, deep: 0 };
      for (const who of order) pair[who] = await loadTime(browser, `${site.url}/${who}.html`, who === 'ours' ? 'genesys-chat' : 'deep-chat');
      if (i > 0) loads.push(pair);
    }
    const loadRatio = median(loads.map((p) => p.ours / p.deep));
    rows.push({ measure: `navigation → element defined (${LOAD_LATENCY_MS} ms latency per request)`,
      ours: fmtMs(median(loads.map((p) => p.ours))), peer: `deep-chat ${fmtMs(median(loads.map((p) => p.deep)))}`,
      ratio: fmtX(loadRatio), goal: '— (what the attach rows leave out)', met: null });
    log(`  load: ${rows.at(-1)?.ratio}`);
  } finally {
    await browser.close();
    await site.close();
    await emulator.close();
  }
  return rows;
}

/** Emulated network latency of the load row: a CDN some way off, where each round trip counts. */
const LOAD_LATENCY_MS = 40;

/** A fresh page with LOAD_LATENCY_MS per request: navigation start -> `tag` defined (ms). */
async function loadTime(browser: Browser, url: string, tag: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LOAD_LATENCY_MS, downloadThroughput: -1, uploadThroughput: -1 });
    await page.goto(url);
    return await page.evaluate((name) => customElements.whenDefined(name).then(() => performance.now()), tag);
  } finally {
    await context.close();
  }
}

interface HistoryRound extends ReloadTimes { floor: number }

/**
 * One reload of a returning visitor, ms: `online` -> every message in the transcript, attach -> the same, and attach
 * -> the first render with a message in it (the visitor sees the conversation).
 */
export interface ReloadTimes { fromOnline: number; fromAttach: number; shown: number }

/** A context whose first visit left a session (and the history JWT it kept) holding `count` agent messages. */
export interface ReturningVisitor { context: BrowserContext; jwt: string }

/**
 * A first visit goes online and leaves; the emulator's control API then adds `count` agent messages to that
 * conversation (the history grew while the visitor was away). Close `context` when done.
 */
export async function returningVisitor(browser: Browser, siteUrl: string, emulatorUrl: string, count: number): Promise<ReturningVisitor> {
  const context = await browser.newContext();
  try {
    const first = await context.newPage();
    await first.goto(`${siteUrl}/ours.html`);
    await first.evaluate(await PAGE_HELPERS);
    await first.evaluate((r) => window.__bench.online(r), emulatorUrl);
    // The visitor stays a moment before leaving (the chat settles: the greeting, what it keeps for the next page).
    await first.waitForTimeout(300);
    const token = await first.evaluate(() => localStorage.getItem('genesys-chat:demo-deployment:token'));
    const kept = await first.evaluate(() => localStorage.getItem('genesys-chat:demo-deployment:token:jwt'));
    const jwt = (JSON.parse(kept ?? '{}') as { jwt?: unknown }).jwt;
    if (typeof jwt !== 'string') throw new Error('bench: the first visit kept no history JWT');
    await first.close();
    const list = await (await fetch(`${emulatorUrl}/emulator/conversations`)).json() as
      { id: string; sessionToken?: string }[] | { conversations: { id: string; sessionToken?: string }[] };
    const conversations = Array.isArray(list) ? list : list.conversations;
    const conversation = conversations.find((c) => c.sessionToken === token);
    if (!conversation) throw new Error('bench: the history conversation was not found');
    for (let i = 0; i < count; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => fetch(
        `${emulatorUrl}/emulator/conversations/${encodeURIComponent(conversation.id)}/agent/messages`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `history ${i + j}` }) },
      ).then((r) => { if (!r.ok) throw new Error(`seeding history: ${r.status}`); })));
    }
    return { context, jwt };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/**
 * The visitor comes back: a new page in the visitor's context (stored token: a quiet resume, inline), timed until
 * all `count` messages are in the transcript. `latencyMs` is added to each HTTP request of that page (CDP's network
 * emulation; it does not reach the WebSocket).
 */
export async function reloadWithHistory(visitor: ReturningVisitor, siteUrl: string, emulatorUrl: string, count: number,
  latencyMs = 0): Promise<ReloadTimes> {
  const page = await visitor.context.newPage();
  try {
    if (latencyMs > 0) {
      const cdp = await visitor.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: latencyMs, downloadThroughput: -1, uploadThroughput: -1 });
    }
    await page.goto(`${siteUrl}/ours.html`);
    await page.evaluate(await PAGE_HELPERS);
    return await page.evaluate(([r, n]) => window.__bench.history(r as string, n as number), [emulatorUrl, count] as const);
  } finally {
    await page.close();
  }
}

/**
 * A returning visitor whose conversation holds `count` agent messages: online -> all of them in the transcript; and
 * the floor: the same history requests from a bare page in a context of its own (no preflight cached), with the JWT
 * the first visit kept, before or after the reload (`floorFirst`, alternated by the caller).
 */
async function measureHistory(browser: Browser, siteUrl: string, emulatorUrl: string, count: number, floorFirst: boolean):
  Promise<HistoryRound> {
  const visitor = await returningVisitor(browser, siteUrl, emulatorUrl, count);
  try {
    const reload = () => reloadWithHistory(visitor, siteUrl, emulatorUrl, count);
    const floor = () => historyFloor(browser, siteUrl, emulatorUrl, visitor.jwt, count);
    if (floorFirst) {
      const floorMs = await floor();
      return { ...await reload(), floor: floorMs };
    }
    const ours = await reload();
    return { ...ours, floor: await floor() };
  } finally {
    await visitor.context.close();
  }
}

/** The bare page's history requests (see `historyFloor` in peer-page.js), in a fresh context: ms. */
async function historyFloor(browser: Browser, siteUrl: string, emulatorUrl: string, jwt: string, count: number): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${siteUrl}/floor.html`);
    await page.evaluate(await PAGE_HELPERS);
    return await page.evaluate(([base, token, n]) => window.__bench.historyFloor(base as string, token as string, n as number),
      [emulatorUrl, jwt, count] as const);
  } finally {
    await context.close();
  }
}
