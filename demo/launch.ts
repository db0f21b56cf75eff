/**
 * `npm run demo` (what `make demo` runs): the local Genesys Cloud emulator, our server pointed at it, and the demo
 * website, all in this one process. Prints the URLs; Ctrl-C or SIGTERM stops everything.
 *
 * Env: EMULATOR_PORT (8787), SERVER_PORT (8788), DEMO_PORT (8080), DEMO_HOST (127.0.0.1). Port 0 = any free port.
 * The server's own variables (docs/server.md) apply too, except where Genesys is: always this emulator.
 * DEMO_EMULATOR_URL + DEMO_SERVER_URL (both): serve only the website, for an emulator and server (or a cluster's
 * balancer) that already run; `npm run cluster` uses this.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { startEmulator } from '../emulator/index.js';
import { loadConfig } from '../server/config.js';
import { startServer } from '../server/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const SITE_DIR = join(ROOT, 'demo/site');
const DIST_DIR = join(ROOT, 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

/** Reads a port from the environment, with a clear message for a bad value. */
function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${name} must be a port number 0-65535 (0 = any free port), got "${raw}"`);
  }
  return port;
}

/** Builds the widget (ES module, the one-script loader and its dist/cdn/) when dist/ lacks it. */
function ensureWidgetBuilt(): void {
  if (['genesys-chat.js', 'genesys-chat.iife.js', 'cdn/genesys-chat.js'].every((file) => existsSync(join(DIST_DIR, file)))) return;
  process.stderr.write('demo: dist/ is missing the widget, running `npm run build`\n');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error('the widget build failed (npm run build)');
}

/** `urlPath` inside `root` (a directory maps to its index.html), or null when it would leave `root`. */
async function fileIn(root: string, urlPath: string): Promise<string | null> {
  let file = normalize(join(root, decodeURIComponent(urlPath)));
  if (file !== root && !file.startsWith(root + '/')) return null;
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    return file;
  } catch {
    return null;
  }
}

/** The demo website: demo/site/ at `/`, dist/ at `/dist/`, and `/config.js` naming the emulator and server. */
function createSite(config: { emulatorUrl: string; serverUrl: string }): Server {
  const configJs = `window.GENESYS_CHAT_DEMO = ${JSON.stringify(config)};\n`;
  // A strict CSP, as a careful customer site would have: no inline script or style, no eval.
  const services = [config.emulatorUrl, config.serverUrl];
  const sockets = services.map((url) => url.replace(/^http/, 'ws'));
  const csp = [
    "default-src 'self'", "script-src 'self'", "style-src 'self'",
    `connect-src 'self' ${[...services, ...sockets].join(' ')}`,
    `img-src 'self' data: blob: ${services.join(' ')}`, `media-src 'self' blob: ${services.join(' ')}`,
  ].join('; ');
  return createServer((request, response) => {
    const send = (status: number, type: string, body: string | Buffer): void => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache', 'content-security-policy': csp });
      response.end(body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(405, 'application/json', '{"error":"method not allowed"}');
      return;
    }
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/config.js') {
      send(200, TYPES['.js'], configJs);
      return;
    }
    const [root, rest] = path.startsWith('/dist/') ? [DIST_DIR, path.slice(5)] : [SITE_DIR, path];
    void fileIn(root, rest)
      .then((file) => (file ? readFile(file).then((body) => ({ file, body })) : null))
      .then((found) => found
        ? send(200, TYPES[extname(found.file)] ?? 'application/octet-stream', found.body)
        : send(404, 'application/json', '{"error":"not found"}'))
      .catch(() => send(404, 'application/json', '{"error":"not found"}'));
  });
}

/**
 * Our server pointed at the emulator, configured as `npm run server` would be with only GENESYS_EMULATOR_URL set
 * (the server's tuning variables such as LOG_LEVEL still apply), and the integration's webhook registered to it.
 */
async function startGatewayServer(emulatorUrl: string, port: number, host: string) {
  const env: Record<string, string | undefined> = {
    ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', GENESYS_EMULATOR_URL: emulatorUrl, GENESYS_REGION: undefined,
  };
  const config = loadConfig(env, []);
  for (const warning of config.warnings) process.stderr.write(`server: ${warning}\n`);
  return startServer({ ...config.options, port, host, registerWebhook: true });
}

async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return `http://${host}:${address.port}`;
}

async function main(): Promise<void> {
  const host = process.env.DEMO_HOST || '127.0.0.1';
  const emulatorPort = portFromEnv('EMULATOR_PORT', 8787);
  const serverPort = portFromEnv('SERVER_PORT', 8788);
  const demoPort = portFromEnv('DEMO_PORT', 8080);
  ensureWidgetBuilt();

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const external = process.env.DEMO_EMULATOR_URL && process.env.DEMO_SERVER_URL
      ? { emulator: { url: process.env.DEMO_EMULATOR_URL }, server: { url: process.env.DEMO_SERVER_URL } }
      : null;
    // The bot pauses a little before answering so the demo feels like a conversation.
    const emulator = external?.emulator ?? await startEmulator({ port: emulatorPort, host, botDelayMs: 600 });
    if (!external) stops.push(() => (emulator as Awaited<ReturnType<typeof startEmulator>>).close());
    const server = external?.server ?? await startGatewayServer(emulator.url, serverPort, host);
    if (!external) stops.push((server as Awaited<ReturnType<typeof startGatewayServer>>).close);
    const site = createSite({ emulatorUrl: emulator.url, serverUrl: server.url });
    const siteUrl = await listen(site, demoPort, host);
    stops.push(() => new Promise<void>((done) => {
      site.closeAllConnections();
      site.close(() => done());
    }));

    process.stdout.write([
      'genesys-chat demo is running:',
      `  website, direct mode   ${siteUrl}/`,
      `  website, gateway mode  ${siteUrl}/?mode=gateway`,
      `  website, sign-in demo  ${siteUrl}/?auth=1`,
      `  agent desk             ${emulator.url}/desk`,
      `  emulator               ${emulator.url}`,
      `  server                 ${server.url}`,
      'Ctrl-C stops everything.',
      '',
    ].join('\n'));
  } catch (error) {
    await stopAll();
    throw error;
  }

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`demo: ${signal}, stopping\n`);
    void stopAll().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
