/**
 * `npm run bench`: prints the widget's figures (see docs/bench.md). Needs a built dist/ (`npm run build`).
 *
 * Env: BENCH_DIST (the built widget, default dist/), BENCH_ONLINE_RUNS (default 15), BENCH_APPENDS (default 2000),
 * BENCH_SESSIONS (default 10000), BENCH_GUESTS (default 100), BENCH_BURST (default 19), BENCH_PEER_RUNS (default 11),
 * BENCH_PEER_APPENDS (default 5000), BENCH_SKIP (comma list of `peers,coderun,bundle,transcript,online,gateway` to leave
 * out).
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { measureFiles, upFrontFiles } from './bundle-size.js';
import { measureTimeToOnline } from './time-to-online.js';
import { measureTranscriptAppend } from './transcript-append.js';
import { measureGateway } from './gateway.js';
import { measurePeers } from './peers.js';
import { describeCodeRun, holdMs, measureCodeRun } from './code-run.js';
import { kb, ms, summarize } from './stats.js';
import { envInt } from './env.js';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(process.env.BENCH_DIST ?? join(ROOT, 'dist'));

const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').map((s) => s.trim()).filter(Boolean));

function line(label: string, value: string): void {
  process.stdout.write(`  ${label.padEnd(42)} ${value}\n`);
}

async function bundle(): Promise<void> {
  process.stdout.write('Bundle size, what a page fetches up front (ES module: Lit external; one script: the loader and\n'
    + 'dist/cdn/, Lit inside; lazy chunks not counted; min = esbuild --minify; gzip -9 / brotli 11 of min, per file)\n');
  for (const [label, entry, loader] of [['genesys-chat.js', 'genesys-chat.js', []],
    ['genesys-chat.iife.js', 'cdn/genesys-chat.js', ['genesys-chat.iife.js']]] as const) {
    if (!existsSync(join(DIST, entry))) throw new Error(`${join(DIST, entry)} is missing: run \`npm run build\` first`);
    const files = [...loader, ...await upFrontFiles(DIST, entry)];
    const size = await measureFiles(DIST, files, 'esm');
    line(`${label} (${files.length} files)`, `raw ${kb(size.raw)} · min ${kb(size.min)} · min+gzip ${kb(size.gzip)} · min+brotli ${kb(size.brotli)}`);
  }
}

async function online(): Promise<void> {
  const runs = envInt('BENCH_ONLINE_RUNS', 15);
  process.stdout.write(`Attach -> status online, headless Chromium vs the emulator (${runs} runs after 1 warm-up)\n`);
  const result = await measureTimeToOnline(runs, DIST);
  for (const [label, samples] of [['first visit (new session)', result.firstVisit],
    ['returning visit (resume + history)', result.returningVisit]] as const) {
    const s = summarize(samples);
    line(label, `median ${ms(s.median)} · p95 ${ms(s.p95)} · min ${ms(s.min)} · max ${ms(s.max)}`);
  }
}

async function transcript(): Promise<void> {
  const appends = envInt('BENCH_APPENDS', 2000);
  process.stdout.write(`Append one message to a 5,000-message transcript (src/transcript.ts, ${appends} appends)\n`);
  const result = await measureTranscriptAppend(5_000, appends);
  for (const [label, samples] of Object.entries(result)) {
    const s = summarize(samples);
    line(label, `median ${ms(s.median)} · p95 ${ms(s.p95)} · max ${ms(s.max)}`);
  }
}

async function gateway(): Promise<void> {
  const sessions = envInt('BENCH_SESSIONS', 10_000);
  const guests = envInt('BENCH_GUESTS', 100);
  // A socket may send 20 frames at once (10/s after that): its auth frame and 19 messages.
  const burst = envInt('BENCH_BURST', 19);
  process.stdout.write(`Gateway (server + emulator in-process, Platform API pacing lifted)\n`);
  const figures = await measureGateway(sessions, guests, burst);
  line(`OAuth token requests / ${sessions} sessions`, `${figures.tokenRequests} during the sessions, `
    + `${figures.tokenRequestsTotal} since start-up (each session sent one message; `
    + `${Math.round(sessions / figures.sessionsSeconds)} sessions/s)`);
  const reasons = Object.entries(figures.failures).map(([reason, n]) => `${n} ${reason}`).join(', ');
  line('guest messages per second', `${Math.round(figures.messages / figures.messagesSeconds)} `
    + `(${guests} guests × ${burst}-message bursts; ${figures.messages} sent, ${figures.failed} failed${reasons ? `: ${reasons}` : ''})`);
}

/** Issue 11's table: each row against its floor or peer measured in this same run (bench/peers.ts). */
async function peers(): Promise<void> {
  const runs = envInt('BENCH_PEER_RUNS', 11);
  const appends = envInt('BENCH_PEER_APPENDS', 5_000);
  process.stdout.write(`Side by side in one Chromium, one emulator (${runs} run pairs after 1 warm-up; ratios are medians of `
    + `run-by-run pairs)\n`);
  const rows = await measurePeers(DIST, runs, appends, (text) => process.stderr.write(`${text}\n`));
  process.stdout.write('| measure | genesys-chat | floor / peer, same run | ratio | goal | met |\n|---|---|---|---|---|---|\n');
  for (const row of rows) {
    process.stdout.write(`| ${row.measure} | ${row.ours} | ${row.peer} | ${row.ratio} | ${row.goal} | ${row.met === null ? '—' : row.met ? 'yes' : 'NO'} |\n`);
  }
  process.stdout.write('\n');
}

/** What a new visitor's chat runs, counted by V8 (bench/code-run.ts): the same build, the same figures (within a few functions). */
async function codeRun(): Promise<void> {
  process.stdout.write('Code run by a new visitor\'s inline chat (V8 precise coverage: functions run, their own minified '
    + `source; until the network answers: the network held ${holdMs} ms each way)\n`);
  const figures = await measureCodeRun(DIST);
  line('attach -> the network answers', describeCodeRun(figures.waiting));
  line('attach -> first render', describeCodeRun(figures.rendered));
  line('deep-chat, attach -> first render of 20', `${figures.deep.functions} functions, ${kb(figures.deep.bytes)}`);
}

async function main(): Promise<void> {
  // Figures depend on the machine and on what else runs: say both.
  process.stdout.write(`genesys-chat bench · node ${process.version} · ${process.platform}/${process.arch} · `
    + `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · load average ${loadavg()[0].toFixed(1)}\n\n`);
  if (!skip.has('peers')) await peers();
  if (!skip.has('coderun')) await codeRun();
  if (!skip.has('bundle')) await bundle();
  if (!skip.has('transcript')) await transcript();
  if (!skip.has('online')) await online();
  if (!skip.has('gateway')) await gateway();
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
