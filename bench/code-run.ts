/**
 * How much code a new visitor's inline chat runs, counted by V8 rather than timed (this machine's clock swings): the
 * functions that ran (precise coverage, function granularity) and the size of their own minified source (a function's
 * nested functions left out: each is compiled on its first call). What ran while the page loaded is left out (the
 * counts are reset once the element is defined). Next to it, deep-chat from attach through its first render of 20
 * messages, the first-render row's peer (bench/peers.ts). docs/bench.md, fourteenth pass.
 *
 *   npm run build && npx tsx bench/code-run.ts      (also a section of `npm run bench`)
 *
 * "Until the network answers" is attach + 100 ms with the emulator behind a relay that holds every byte
 * BENCH_HOLD_MS each way (default 150): the socket has not opened. "Through the first render" goes straight to the
 * emulator: `online`, then the shell in place; the bot waits 2 s before its greeting, so that is not counted. The
 * first figure is the same run after run; the second within a few functions (config.json's answer lands before the
 * count ends or just after).
 *
 * Env: BENCH_DIST (the built widget, default dist/), BENCH_HOLD_MS (default 150).
 */
import { resolve } from 'node:path';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/chromium.mjs';
import { startEmulator } from '../emulator/index.js';
import { openPage } from './peers.js';
import { startPeerSite } from './peer-site.js';
import { envInt } from './env.js';
import { kb } from './stats.js';
import { isWebSocketUpgrade, startRelay } from './relay.js';

const dist = resolve(process.env.BENCH_DIST ?? 'dist');
/** How long the relay holds every byte each way (BENCH_HOLD_MS). */
export const holdMs = envInt('BENCH_HOLD_MS', 150);

interface Range { startOffset: number; endOffset: number; count: number }
interface ScriptCoverage { url: string; functions: { ranges: Range[] }[] }
export interface CodeRun { functions: number; bytes: number; byFile: Map<string, number> }

/** The functions of `scripts` that ran (count > 0), and their own source sizes, by file (`match`: which files count). */
function codeRun(scripts: ScriptCoverage[], match: (url: string) => boolean): CodeRun {
  const run: CodeRun = { functions: 0, bytes: 0, byFile: new Map() };
  for (const script of scripts) {
    if (!match(script.url)) continue;
    const ranges = script.functions.map((f) => f.ranges[0]!).sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
    for (const fn of ranges) {
      if (fn.count === 0 || fn.startOffset === 0) continue; // not run, or the script's top level (run at load)
      // Its own size: less the functions directly nested in it.
      let own = fn.endOffset - fn.startOffset;
      let cursor = fn.startOffset + 1;
      for (const inner of ranges) {
        if (inner.startOffset < cursor || inner.startOffset <= fn.startOffset || inner.endOffset > fn.endOffset) continue;
        own -= inner.endOffset - inner.startOffset;
        cursor = inner.endOffset;
      }
      run.functions += 1;
      run.bytes += own;
      const file = new URL(script.url).pathname.replace(/^\/dist\//, '');
      run.byFile.set(file, (run.byFile.get(file) ?? 0) + own);
    }
  }
  return run;
}

/** Coverage of what `act` runs in a fresh page at `path`, once `defined` is defined. */
async function measure(browser: import('playwright-core').Browser, siteUrl: string, path: string, defined: string,
  act: (page: Page) => Promise<unknown>, match: (url: string) => boolean): Promise<CodeRun> {
  const { page, close } = await openPage(browser, siteUrl, path);
  let cdp: CDPSession | null = null;
  try {
    await page.evaluate((name) => customElements.whenDefined(name), defined);
    cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    await cdp.send('Profiler.takePreciseCoverage'); // from here on: what ran before is reset
    await act(page);
    const { result } = await cdp.send('Profiler.takePreciseCoverage') as { result: ScriptCoverage[] };
    return codeRun(result, match);
  } finally {
    await cdp?.detach().catch(() => undefined);
    await close();
  }
}

/** One phase's figures as a line: functions, KB, and KB by file. */
export function describeCodeRun(run: CodeRun): string {
  return `${run.functions} functions, ${kb(run.bytes)}`
    + ` (${[...run.byFile].sort((a, b) => b[1] - a[1]).map(([file, bytes]) => `${file} ${kb(bytes)}`).join(', ')})`;
}

export interface CodeRunFigures {
  /** Attach until the network answers (the socket has not opened). */
  waiting: CodeRun;
  /** Attach through the first render: `online`, then the shell in place. */
  rendered: CodeRun;
  /** deep-chat, attach through its first render of 20 messages. */
  deep: CodeRun;
}

/** The three phases, each in a fresh page (the first with the emulator behind the holding relay). */
export async function measureCodeRun(distDir: string): Promise<CodeRunFigures> {
  // The bot waits 2 s before its greeting, so the first render is counted without it.
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', rateLimitPerMinute: 0, botDelayMs: 2_000 });
  const port = Number(new URL(emulator.url).port);
  const relay = await startRelay(port, { delayMs: holdMs });
  // The socket straight through, the rest (config.json) held 2 s: the first render waits for `online` (at most
  // FIRST_RENDER_WAIT_MS); what would come after the render by other ways is not counted, however busy the machine.
  const socketOnly = await startRelay(port, { connectMs: (first) => (isWebSocketUpgrade(first) ? 0 : 2_000) });
  const site = await startPeerSite(distDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const ours = (url: string) => url.includes('/dist/');
    const attachAndWait = (page: Page) => page.evaluate(async (region) => {
      const element = document.createElement('genesys-chat');
      for (const [name, value] of [['mode', 'inline'], ['region', region], ['deployment-id', 'demo-deployment']]) element.setAttribute(name, value!);
      document.body.append(element);
      await new Promise((done) => setTimeout(done, 100));
    }, relay.url);
    const firstRender = (page: Page) => page.evaluate((region) => window.__bench.firstRenderOurs(region), socketOnly.url);
    return {
      waiting: await measure(browser, site.url, '/ours.html', 'genesys-chat', attachAndWait, ours),
      rendered: await measure(browser, site.url, '/ours.html', 'genesys-chat', firstRender, ours),
      deep: await measure(browser, site.url, '/deep.html', 'deep-chat',
        (page) => page.evaluate(() => window.__bench.firstRenderDeep(20)), (url) => url.endsWith('/deep-chat.js')),
    };
  } finally {
    await browser.close();
    await site.close();
    relay.close();
    socketOnly.close();
    await emulator.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.stdout.write(`Code run by a new visitor's inline chat (V8 precise coverage; until the network answers: held ${holdMs} ms each way)\n`);
  for (let round = 1; round <= 2; round += 1) {
    const figures = await measureCodeRun(dist);
    process.stdout.write(`  attach -> the network answers (${round}): ${describeCodeRun(figures.waiting)}\n`);
    process.stdout.write(`  attach -> first render (${round}):       ${describeCodeRun(figures.rendered)}\n`);
    process.stdout.write(`  deep-chat, attach -> first render of 20 (${round}): ${figures.deep.functions} functions, ${kb(figures.deep.bytes)}\n`);
  }
}
