/**
 * A local gateway cluster from real parts: Debian's `redis-server`, N server instances (each its own Node process,
 * `server/cli.ts`), and HAProxy in front (deploy/haproxy.cfg, rendered with the real ports). Used by
 * `npm run cluster` (server/cluster-cli.ts), the cluster tests (test/cluster/) and the benches.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const HAPROXY_TEMPLATE = join(ROOT, 'deploy/haproxy.cfg');

/** A child process of the cluster. */
export interface ClusterProcess {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  readonly port: number;
  /** The last lines it wrote to stderr (for a failing test's message). */
  readonly log: string[];
  readonly exited: Promise<number | null>;
  /** Sends `signal` (default SIGTERM) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function track(name: string, child: ChildProcess, url: string, port: number): ClusterProcess {
  const log: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    log.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (log.length > 200) log.splice(0, log.length - 200);
  });
  const exited = new Promise<number | null>((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit(child.exitCode);
    else child.once('exit', (code) => resolveExit(code));
  });
  return {
    name, pid: child.pid ?? -1, url, port, log, exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Waits until `port` accepts TCP connections (or the process exits). */
async function waitForPort(port: number, child: ChildProcess, what: string, timeoutMs = 15_000): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolveOk) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolveOk(true);
      });
      socket.once('error', () => resolveOk(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} did not listen on ${port} in time`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * `redis-server` on `port` (default: a free one) with its files in a temp dir; nothing persisted. `args`: more of
 * redis-server's options (a test starts a Redis Cluster node with them).
 */
export async function startRedis(options: { port?: number; dir?: string; args?: string[] } = {}): Promise<ClusterProcess> {
  const port = options.port ?? await freePort();
  const dir = options.dir ?? await mkdtemp(join(tmpdir(), 'gc-redis-'));
  const child = spawn('redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--loglevel', 'warning',
    ...(options.args ?? []),
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.once('error', () => undefined);
  await waitForPort(port, child, 'redis-server (is it installed? `make redis`)');
  const proc = track('redis', child, `redis://127.0.0.1:${port}`, port);
  if (!options.dir) void proc.exited.then(() => rm(dir, { recursive: true, force: true }));
  return proc;
}

/** One server instance (its own process): prints its URL on stdout once listening. */
export async function startInstance(options: { name: string; port: number; env: Record<string, string>; nodeArgs?: string[] }): Promise<ClusterProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', join(ROOT, 'server/cli.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = track(options.name, child, `http://127.0.0.1:${options.port}`, options.port);
  await new Promise<void>((resolveReady, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${options.name} did not start in time:\n${proc.log.join('\n')}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolveReady();
      }
    });
    void proc.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with code ${code}:\n${proc.log.join('\n')}`));
    });
  });
  return proc;
}

/** Renders deploy/haproxy.cfg for a listen port and a list of instance ports. */
export async function renderHaproxyConfig(listenPort: number, servers: readonly { name: string; port: number }[]): Promise<string> {
  const template = await readFile(HAPROXY_TEMPLATE, 'utf8');
  const begin = template.indexOf('    # servers:begin');
  const end = template.indexOf('    # servers:end');
  if (begin === -1 || end === -1) throw new Error('deploy/haproxy.cfg lacks the servers:begin/end markers');
  const lines = servers.map((s) => `    server ${s.name} 127.0.0.1:${s.port} check`).join('\n');
  return `${template.slice(0, begin)}    # servers:begin\n${lines}\n${template.slice(end)}`
    .replace(/^(\s*bind )\S+/m, `$1127.0.0.1:${listenPort}`);
}

/** HAProxy in the foreground with the rendered config. */
export async function startBalancer(options: { port: number; servers: readonly { name: string; port: number }[] }): Promise<ClusterProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'gc-haproxy-'));
  const file = join(dir, 'haproxy.cfg');
  await writeFile(file, await renderHaproxyConfig(options.port, options.servers));
  const child = spawn('haproxy', ['-f', file, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.once('error', () => undefined);
  await waitForPort(options.port, child, 'haproxy (is it installed? `make haproxy`)');
  const proc = track('haproxy', child, `http://127.0.0.1:${options.port}`, options.port);
  void proc.exited.then(() => rm(dir, { recursive: true, force: true }));
  return proc;
}

export interface ClusterOptions {
  instances: number;
  /** Where Genesys is (the emulator). */
  emulatorUrl: string;
  /** The balancer's port (default: a free one). */
  port?: number;
  /** Extra environment for every instance (e.g. OUTBOUND_RATE_PER_SECOND). */
  env?: Record<string, string>;
  /** Shared by every instance: tokens minted by one are honoured by all. */
  sessionSecret?: string;
  /** Extra Node flags for every instance (e.g. `--max-old-space-size=512`, `--cpu-prof`). */
  nodeArgs?: string[];
}

export interface Cluster {
  redis: ClusterProcess;
  balancer: ClusterProcess;
  /** The instances, by index; a restarted one replaces its entry. */
  instances: ClusterProcess[];
  /** The balancer URL (what pages and Genesys use). */
  url: string;
  /** Starts instance `index` again on its port (after a kill or a stop). */
  restart(index: number): Promise<ClusterProcess>;
  close(): Promise<void>;
}

/** Redis, N instances on fixed ports, HAProxy in front. The first instance registers the webhook at the balancer. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const redis = await startRedis();
  const port = options.port ?? await freePort();
  const url = `http://127.0.0.1:${port}`;
  const ports: number[] = [];
  for (let i = 0; i < options.instances; i++) ports.push(await freePort());
  const sessionSecret = options.sessionSecret ?? `cluster-session-secret-${Date.now()}-0123456789abcdef`;
  const envFor = (index: number): Record<string, string> => ({
    GENESYS_EMULATOR_URL: options.emulatorUrl,
    REDIS_URL: redis.url,
    PUBLIC_URL: url,
    TRUST_PROXY: 'true',
    SESSION_SECRET: sessionSecret,
    REGISTER_WEBHOOK: index === 0 ? 'true' : 'false',
    LOG_LEVEL: 'warn',
    ...options.env,
  });
  const started: ClusterProcess[] = [];
  try {
    const instances = await Promise.all(ports.map((p, i) => startInstance({ name: `server-${i + 1}`, port: p, env: envFor(i), ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}) })));
    started.push(...instances);
    const balancer = await startBalancer({ port, servers: ports.map((p, i) => ({ name: `s${i + 1}`, port: p })) });
    const cluster: Cluster = {
      redis, balancer, instances, url,
      async restart(index) {
        const next = await startInstance({ name: `server-${index + 1}`, port: ports[index]!, env: { ...envFor(index), REGISTER_WEBHOOK: 'false' }, ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}) });
        instances[index] = next;
        return next;
      },
      async close() {
        await balancer.stop('SIGKILL');
        await Promise.all(instances.map((p) => p.stop('SIGKILL')));
        await redis.stop('SIGKILL');
      },
    };
    return cluster;
  } catch (error) {
    await Promise.all(started.map((p) => p.stop('SIGKILL')));
    await redis.stop('SIGKILL');
    throw error;
  }
}
