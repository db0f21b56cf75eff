/**
 * Where an append's time goes (not part of `npm run bench`): runs the peers bench's `appendOurs` in one page, with a
 * Chromium trace over the last `PROFILE_TRACED` appends, and prints the time by trace event (main thread, top-level
 * slices only) and the slowest appends. `npx tsx bench/profile-appends.ts` after `npm run build`.
 * Env: PROFILE_APPENDS (default 3000), PROFILE_TRACED (default 1000), BENCH_DIST.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/chromium.mjs';
import { startPeerSite } from './peer-site.js';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  samples: number[]; timeDeltas: number[];
}
const total = Number(process.env.PROFILE_APPENDS ?? 3000);
const traced = Number(process.env.PROFILE_TRACED ?? 1000);
const dist = resolve(process.env.BENCH_DIST ?? join(import.meta.dirname, '..', 'dist'));
const site = await startPeerSite(dist);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(`${site.url}/ours.html`);
  await page.evaluate(await readFile(resolve(import.meta.dirname, 'peer-page.js'), 'utf8'));
  await page.evaluate(`(async () => {
    const element = window.__bench.benchElement();
    document.body.append(element);
    while (element.status !== 'online') await new Promise((r) => setTimeout(r, 5));
    await element.updateComplete;
    window.__profile = { element, next: 0 };
  })()`);
  const run = (n: number) => page.evaluate(`(async () => {
    const { element } = window.__profile;
    const samples = [];
    for (let i = 0; i < ${n}; i += 1) {
      const t0 = performance.now();
      element.emit(window.__bench.agentMessage(window.__profile.next++));
      await element.updateComplete;
      samples.push(performance.now() - t0);
    }
    return samples;
  })()`) as Promise<number[]>;
  await run(total - traced);
  const cdp = await page.context().newCDPSession(page);
  const events: Record<string, unknown>[] = [];
  cdp.on('Tracing.dataCollected', (e: { value: Record<string, unknown>[] }) => events.push(...e.value));
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,v8.execute,disabled-by-default-devtools.timeline,disabled-by-default-v8.gc,blink.user_timing', transferMode: 'ReportEvents' });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const samples = await run(traced);
  const { profile } = await cdp.send('Profiler.stop') as { profile: CpuProfile };
  await cdp.send('Tracing.end');
  await done;
  await writeFile('/tmp/rprof/trace.json', JSON.stringify({ traceEvents: events }));
  // Main renderer thread: the thread with the most RunTask time.
  const byThread = new Map<string, number>();
  for (const e of events) if (e.ph === 'X' && e.name === 'RunTask') byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + Number(e.dur ?? 0));
  const main = [...byThread.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const sums = new Map<string, { dur: number; n: number }>();
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X' || !e.dur) continue;
    const s = sums.get(String(e.name)) ?? { dur: 0, n: 0 };
    s.dur += Number(e.dur); s.n += 1;
    sums.set(String(e.name), s);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  console.log(`appends ${total - traced}..${total}: sum ${samples.reduce((a, b) => a + b, 0).toFixed(0)} ms, median ${q(0.5).toFixed(2)}, p95 ${q(0.95).toFixed(2)}, max ${q(1).toFixed(2)}`);
  console.log('trace event totals on the main thread (inclusive ms, nested events overlap):');
  for (const [name, s] of [...sums.entries()].sort((a, b) => b[1].dur - a[1].dur).slice(0, 30)) {
    console.log(`  ${name.padEnd(40)} ${(s.dur / 1000).toFixed(1).padStart(9)} ms  ×${s.n}`);
  }
  // JS self time by function (the CPU profile; layout forced from JS counts under the function that forced it).
  const self = new Map<number, number>();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i + 1] ?? 0)));
  const byFn = new Map<string, number>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (self.get(node.id) ?? 0));
  }
  console.log('CPU profile, self time:');
  for (const [k, us] of [...byFn.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  await writeFile('/tmp/rprof/profile.cpuprofile', JSON.stringify(profile));
  const slow = samples.map((ms, i) => ({ i: total - traced + i, ms })).sort((a, b) => b.ms - a.ms).slice(0, 15);
  console.log('slowest appends:', slow.map((s) => `#${s.i} ${s.ms.toFixed(1)}`).join(', '));
} finally {
  await browser.close();
  await site.close();
}
