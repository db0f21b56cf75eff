/**
 * `npm run bench:cluster`: the gateway as a cluster (issue 9), real parts: redis-server, two server instances in
 * their own processes (server/cluster.ts), the emulator in this process, guests over real sockets.
 *
 * - Memory: resident memory of one instance before and after M guests connect to it -> bytes per guest, and how
 *   many guests fit in 1 GiB at that rate.
 * - Fan-out: signed agent-message webhooks at R messages/s for S seconds, each posted to the instance that does NOT
 *   hold the guest's socket half the time (so half cross instances through Redis); latency = webhook POST start ->
 *   frame received by the guest; p50/p99.
 * - One message at a time (no load): latency to the instance holding the socket and across instances.
 * - CPU per agent message: user+system CPU of both instances during the fan-out (/proc/<pid>/stat) / messages,
 *   next to a bare `ws` echo server (bench/ws-echo.ts) doing R messages/s for S seconds in the same run.
 * - Guest -> Genesys throughput with the pacing lifted (OUTBOUND_RATE_PER_SECOND=1000): acks `sent` per second.
 * The fan-out runs with the production pacing (4 Genesys calls/s for the cluster), so receipts coalesce in their lane.
 *
 * Env: BENCH_MEM_GUESTS (default 1000), BENCH_FANOUT_GUESTS (100), BENCH_RATE (1000), BENCH_SECONDS (5),
 * BENCH_BURST_GUESTS (50), BENCH_BURST (10).
 */
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import { startEmulator } from '../emulator/index.js';
import { startCluster } from '../server/cluster.js';
import { EMULATOR_DEFAULTS } from '../server/config.js';
import type { GatewayServerFrame, GatewaySessionResponse } from '../src/protocol/gateway.js';
import { quantile, summarize } from './stats.js';

const ROOT = resolve(import.meta.dirname, '..');
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** CPU seconds (user + system) a process used so far. */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A guest: session through `base`, socket to `socketBase`; records agent-message latencies. */
class Guest {
  readonly latencies: number[] = [];
  private readonly acks = new Map<string, (state: string) => void>();
  private constructor(readonly ws: WebSocket, readonly session: GatewaySessionResponse, sentAt: Map<string, number>) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as GatewayServerFrame;
      if (frame.type === 'message' && frame.message.direction === 'outbound') {
        const at = sentAt.get(frame.message.id);
        if (at !== undefined) this.latencies.push(performance.now() - at);
      } else if (frame.type === 'ack') {
        this.acks.get(frame.id)?.(frame.state);
      }
    });
  }

  static async connect(base: string, socketBase: string, sentAt: Map<string, number>): Promise<Guest> {
    const response = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    if (!response.ok) throw new Error(`session: ${response.status} ${await response.text()}`);
    const session = (await response.json()) as GatewaySessionResponse;
    const ws = new WebSocket(`${socketBase.replace(/^http/, 'ws')}/api/gateway`);
    const guest = new Guest(ws, session, sentAt);
    await new Promise<void>((resolveReady, reject) => {
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token: session.token })));
      ws.on('message', function ready(data) {
        if ((JSON.parse(String(data)) as GatewayServerFrame).type !== 'ready') return;
        ws.off('message', ready);
        resolveReady();
      });
    });
    return guest;
  }

  send(text: string): Promise<string> {
    const id = randomUUID();
    return new Promise((resolveAck) => {
      this.acks.set(id, (state) => {
        this.acks.delete(id);
        resolveAck(state);
      });
      this.ws.send(JSON.stringify({ type: 'message', id, text }));
    });
  }
}

async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  }));
  return results;
}

/** Posts signed agent messages at `rate`/s for `seconds`; returns how many were posted. */
async function agentTraffic(targets: (i: number) => { url: string; guestId: string }, rate: number, seconds: number, sentAt: Map<string, number>): Promise<number> {
  const total = rate * seconds;
  const tickMs = 10;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
  const start = performance.now();
  let sent = 0;
  const inFlight: Promise<unknown>[] = [];
  while (sent < total) {
    for (let k = 0; k < perTick && sent < total; k++, sent++) {
      const { url, guestId } = targets(sent);
      const id = `bench-${sent}-${randomUUID()}`;
      const body = JSON.stringify({
        id, type: 'Text', text: `agent message ${sent}`, direction: 'Outbound',
        channel: {
          id: EMULATOR_DEFAULTS.integrationId, platform: 'Open', type: 'Private', messageId: id, time: new Date().toISOString(),
          to: { id: guestId }, from: { id: EMULATOR_DEFAULTS.integrationId, idType: 'Opaque' },
        },
      });
      const signature = `sha256=${createHmac('sha256', EMULATOR_DEFAULTS.webhookSecret).update(body).digest('base64')}`;
      sentAt.set(id, performance.now());
      inFlight.push(fetch(`${url}/webhooks/genesys`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body })
        .then((r) => r.arrayBuffer()).catch(() => undefined));
    }
    const due = start + ((sent / perTick) * tickMs);
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
  }
  await Promise.all(inFlight);
  return sent;
}

/** CPU seconds a bare ws echo server spends on `rate`/s messages for `seconds`. */
async function echoBaseline(rate: number, seconds: number): Promise<{ cpuPerMessageMs: number; messages: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/ws-echo.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolveUrl) => child.stdout.once('data', (chunk: Buffer) => resolveUrl(chunk.toString().trim())));
  const sockets = await Promise.all(Array.from({ length: 10 }, () => new Promise<WebSocket>((resolveWs, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolveWs(ws));
    ws.once('error', reject);
  })));
  let received = 0;
  for (const ws of sockets) ws.on('message', () => received++);
  await sleep(500);
  const before = await cpuSeconds(child.pid!);
  const total = rate * seconds;
  const start = performance.now();
  // A frame shaped like a gateway message frame, so both sides move similar bytes.
  const frame = JSON.stringify({ type: 'message', seq: 1, message: { id: randomUUID(), direction: 'outbound', role: 'agent', text: 'agent message 0', content: [], time: new Date().toISOString(), state: 'sent' } });
  for (let sent = 0; sent < total;) {
    for (let k = 0; k < rate / 100 && sent < total; k++, sent++) sockets[sent % sockets.length]!.send(frame);
    const wait = start + (sent / rate) * 1000 - performance.now();
    if (wait > 0) await sleep(wait);
  }
  while (received < total) await sleep(20);
  const cpu = (await cpuSeconds(child.pid!)) - before;
  for (const ws of sockets) ws.close();
  child.kill('SIGTERM');
  return { cpuPerMessageMs: (cpu * 1000) / total, messages: total };
}

export interface ClusterFigures {
  memGuests: number;
  bytesPerGuest: number;
  fanout: { messages: number; received: number; p50: number; p99: number; max: number; rate: number; seconds: number; guests: number };
  cpuPerMessageMs: number;
  /** One message at a time: to the instance holding the socket, and to the other one. */
  sequential: { same: { p50: number; p99: number }; cross: { p50: number; p99: number } };
  echoCpuPerMessageMs: number;
  throughput: { messages: number; failed: number; perSecond: number };
}

export async function measureCluster(): Promise<ClusterFigures> {
  const memGuests = envInt('BENCH_MEM_GUESTS', 1000);
  const fanoutGuests = envInt('BENCH_FANOUT_GUESTS', 100);
  const rate = envInt('BENCH_RATE', 1000);
  const seconds = envInt('BENCH_SECONDS', 5);
  const burstGuests = envInt('BENCH_BURST_GUESTS', 50);
  const burst = envInt('BENCH_BURST', 10);

  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', rateLimitPerMinute: 0 });
  // The production pacing (4 calls/s for the cluster) for the agent -> guest part: receipts coalesce in their lane
  // as they would at Genesys' real limit.
  const env = { LOG_LEVEL: 'error', SESSION_RATE_LIMIT: '0', MAX_UNAUTHENTICATED_SOCKETS_PER_ADDRESS: '100000' };
  let cluster = await startCluster({ instances: 2, emulatorUrl: emulator.url, env });
  let [a, b] = cluster.instances as [typeof cluster.instances[0], typeof cluster.instances[0]];
  const sentAt = new Map<string, number>();
  try {
    // Memory per guest on instance A.
    await sleep(1000);
    const rssBefore = await rssBytes(a.pid);
    const memory = await pool(memGuests, 50, () => Guest.connect(a.url, a.url, sentAt));
    await sleep(1000);
    const rssAfter = await rssBytes(a.pid);
    for (const guest of memory) guest.ws.close();
    await sleep(500);

    // Fan-out across two instances.
    const guests = await pool(fanoutGuests, 50, (i) => Guest.connect(cluster.url, i % 2 === 0 ? a.url : b.url, sentAt));
    const cpuBefore = (await cpuSeconds(a.pid)) + (await cpuSeconds(b.pid));
    const posted = await agentTraffic((i) => {
      const g = i % guests.length;
      // Half of the webhooks land on the instance that does not hold the socket.
      const other = (Math.floor(i / guests.length) % 2 === 0) === (g % 2 === 0) ? b.url : a.url;
      return { url: other, guestId: guests[g]!.session.guestId };
    }, rate, seconds, sentAt);
    const deadline = Date.now() + 30_000;
    const received = () => guests.reduce((n, g) => n + g.latencies.length, 0);
    while (received() < posted && Date.now() < deadline) await sleep(50);
    const cpu = (await cpuSeconds(a.pid)) + (await cpuSeconds(b.pid)) - cpuBefore;
    const latencies = guests.flatMap((g) => g.latencies);
    const s = summarize(latencies);
    for (const guest of guests) guest.ws.close();

    // One message at a time (no load): the path's own latency, same instance and across instances.
    const single = await Guest.connect(cluster.url, a.url, sentAt);
    const sequential: { same: number[]; cross: number[] } = { same: [], cross: [] };
    for (let k = 0; k < 100; k++) {
      const before = single.latencies.length;
      await agentTraffic(() => ({ url: k % 2 ? b.url : a.url, guestId: single.session.guestId }), 1, 1, sentAt);
      const until = Date.now() + 5000;
      while (single.latencies.length === before && Date.now() < until) await sleep(1);
      const latency = single.latencies[single.latencies.length - 1];
      if (latency !== undefined) (k % 2 ? sequential.cross : sequential.same).push(latency);
      await sleep(20);
    }
    single.ws.close();

    const echo = await echoBaseline(rate, seconds);

    // Guest -> Genesys with pacing lifted, both instances: a cluster started again with OUTBOUND_RATE_PER_SECOND=1000.
    await cluster.close();
    cluster = await startCluster({ instances: 2, emulatorUrl: emulator.url, env: { ...env, OUTBOUND_RATE_PER_SECOND: '1000' } });
    [a, b] = cluster.instances as [typeof cluster.instances[0], typeof cluster.instances[0]];
    const senders = await pool(burstGuests, 50, (i) => Guest.connect(cluster.url, i % 2 === 0 ? a.url : b.url, sentAt));
    const start = performance.now();
    const states = (await Promise.all(senders.map((g, i) => Promise.all(Array.from({ length: burst }, (_, m) => g.send(`guest ${i} message ${m}`)))))).flat();
    const elapsed = (performance.now() - start) / 1000;
    for (const guest of senders) guest.ws.close();

    return {
      memGuests,
      bytesPerGuest: Math.max(0, (rssAfter - rssBefore) / memGuests),
      fanout: { messages: posted, received: latencies.length, p50: s.median, p99: quantile(latencies, 0.99), max: s.max, rate, seconds, guests: fanoutGuests },
      cpuPerMessageMs: (cpu * 1000) / posted,
      sequential: {
        same: { p50: quantile(sequential.same, 0.5), p99: quantile(sequential.same, 0.99) },
        cross: { p50: quantile(sequential.cross, 0.5), p99: quantile(sequential.cross, 0.99) },
      },
      echoCpuPerMessageMs: echo.cpuPerMessageMs,
      throughput: { messages: states.filter((x) => x === 'sent').length, failed: states.filter((x) => x !== 'sent').length, perSecond: states.length / elapsed },
    };
  } finally {
    await cluster.close();
    await emulator.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const f = await measureCluster();
  const line = (label: string, value: string) => process.stdout.write(`  ${label.padEnd(44)} ${value}\n`);
  process.stdout.write('Gateway cluster (redis-server, 2 instances, HAProxy; emulator in the bench process)\n');
  line(`memory per guest (${f.memGuests} guests on one instance)`, `${Math.round(f.bytesPerGuest / 1024)} KiB RSS · ~${Math.floor(2 ** 30 / Math.max(1, f.bytesPerGuest))} guests per GiB`);
  line(`agent -> guest fan-out, ${f.fanout.rate} msg/s × ${f.fanout.seconds} s`, `p50 ${f.fanout.p50.toFixed(1)} ms · p99 ${f.fanout.p99.toFixed(1)} ms · max ${f.fanout.max.toFixed(1)} ms (${f.fanout.received}/${f.fanout.messages} received, ${f.fanout.guests} guests, half cross-instance)`);
  line('agent -> guest, one message at a time', `same instance p50 ${f.sequential.same.p50.toFixed(1)} ms · p99 ${f.sequential.same.p99.toFixed(1)} ms; across instances p50 ${f.sequential.cross.p50.toFixed(1)} ms · p99 ${f.sequential.cross.p99.toFixed(1)} ms`);
  line('server CPU per agent message', `${f.cpuPerMessageMs.toFixed(3)} ms (both instances) · bare ws echo ${f.echoCpuPerMessageMs.toFixed(3)} ms`);
  line('guest -> Genesys, pacing lifted', `${Math.round(f.throughput.perSecond)} messages/s (${f.throughput.messages} sent, ${f.throughput.failed} failed)`);
  process.exit(0);
}
