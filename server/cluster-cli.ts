/**
 * `npm run cluster -- --instances N [--port 8790] [--emulator-port 8787] [--demo-port 8080]` (`make cluster`): a
 * local gateway cluster from real parts. Starts Debian's redis-server, the emulator, N server instances (their own
 * processes, sharing Redis), HAProxy in front (deploy/haproxy.cfg) and the demo website in gateway mode through the
 * balancer, then prints the URLs and process ids. Ctrl-C stops everything.
 *
 * Try: open the demo, chat (answer as the agent in the desk), `kill -9` the pid of any instance, keep chatting.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startCluster, type Cluster, type ClusterProcess } from './cluster.js';

const ROOT = resolve(import.meta.dirname, '..');

function intOption(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    process.stderr.write(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")\n`);
    process.exit(2);
  }
  return n;
}

/** The emulator in its own process (so the cluster's parts are all processes an operator can see and kill). */
function startEmulatorProcess(port: number): Promise<{ url: string; pid: number; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'emulator/cli.ts'), '--port', String(port)], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveUrl, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolveUrl({ url: line.trim(), pid: child.pid ?? -1, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited with code ${code}`)));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      instances: { type: 'string', default: '2' },
      port: { type: 'string', default: '8790' },
      'emulator-port': { type: 'string', default: '8787' },
      'demo-port': { type: 'string', default: '8080' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: npm run cluster -- [--instances 2] [--port 8790] [--emulator-port 8787] [--demo-port 8080]\n');
    return;
  }
  const instances = intOption('instances', values.instances, 2, 1, 16);
  const port = intOption('port', values.port, 8790, 0, 65_535);
  const emulatorPort = intOption('emulator-port', values['emulator-port'], 8787, 0, 65_535);

  const emulator = await startEmulatorProcess(emulatorPort);
  let cluster: Cluster;
  try {
    cluster = await startCluster({ instances, emulatorUrl: emulator.url, ...(port ? { port } : {}), env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' } });
  } catch (error) {
    emulator.stop();
    throw error;
  }
  // The demo website (demo/launch.ts, website only), its gateway mode pointed at the balancer.
  const demoPort = intOption('demo-port', values['demo-port'], 8080, 0, 65_535);
  const demo = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'demo/launch.ts')], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, DEMO_EMULATOR_URL: emulator.url, DEMO_SERVER_URL: cluster.url, DEMO_PORT: String(demoPort) },
  });
  const demoUrl = await new Promise<string>((resolveUrl) => {
    let out = '';
    demo.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /website, gateway mode\s+(\S+)/.exec(out);
      if (match) resolveUrl(match[1]!);
    });
    demo.once('exit', () => resolveUrl('(the demo website did not start; see above)'));
  });
  const row = (p: ClusterProcess | { name: string; url: string; pid: number }) => `  ${p.name.padEnd(10)} ${p.url.padEnd(28)} pid ${p.pid}`;
  process.stdout.write([
    `genesys-chat gateway cluster: ${instances} instance(s) behind HAProxy`,
    row({ name: 'balancer', url: cluster.url, pid: cluster.balancer.pid }),
    ...cluster.instances.map(row),
    row({ name: 'redis', url: cluster.redis.url, pid: cluster.redis.pid }),
    row({ name: 'emulator', url: emulator.url, pid: emulator.pid }),
    row({ name: 'demo', url: demoUrl, pid: demo.pid ?? -1 }),
    '',
    `Token endpoint: ${cluster.url}/api/session   Metrics: <instance>/metrics   Agent desk: ${emulator.url}/desk`,
    'Kill any instance (kill -9 <pid>): guests reconnect through the balancer and lose nothing. Ctrl-C stops all.',
    '',
  ].join('\n'));
  // Keep the printed instance list honest: an instance that dies is reported (restart it by hand or rerun).
  for (const instance of cluster.instances) {
    void instance.exited.then((code) => process.stderr.write(`${instance.name} (pid ${instance.pid}) exited with ${code ?? 'a signal'}\n`));
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    demo.kill('SIGTERM');
    void cluster.close().finally(() => {
      emulator.stop();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`The cluster did not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
