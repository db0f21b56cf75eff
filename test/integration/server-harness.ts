/**
 * Shared setup for the server's integration tests: the real emulator and the real server on port 0, a captured
 * server log, and a small guest client speaking the gateway protocol over a real WebSocket.
 */
import { Writable } from 'node:stream';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { startEmulator } from '../../emulator/index.js';
import { EMULATOR_DEFAULTS } from '../../server/config.js';
import { startServer, type ServerOptions } from '../../server/index.js';
import {
  parseServerFrame, type GatewayClientFrame, type GatewayServerFrame, type GatewaySessionResponse,
} from '../../src/protocol/gateway.js';

export const TEST_SESSION_SECRET = 'test-session-secret-0123456789-abcdef';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;
export type Server = Awaited<ReturnType<typeof startServer>>;

export interface Stack {
  emulator: Emulator;
  server: Server;
  /** Every server log line so far (JSON strings). */
  logs: string[];
  close(): Promise<void>;
}

/**
 * For a `describe` block whose tests each start a stack: returns `startStack`'s twin, whose stacks are closed after
 * each test (passed or failed).
 */
export function stackPerTest(): typeof startStack {
  let open: Stack[] = [];
  afterEach(async () => {
    const closing = open;
    open = [];
    await Promise.all(closing.map((stack) => stack.close()));
  });
  return async (...args) => {
    const stack = await startStack(...args);
    open.push(stack);
    return stack;
  };
}

/** Starts emulator + server (webhook registered at the server) with a captured debug log. */
export async function startStack(serverOptions: Partial<ServerOptions> = {}, stackOptions: { registerWebhook?: boolean; tokenLifetimeSeconds?: number; beforeServer?: (emulatorUrl: string) => Promise<void> } = {}): Promise<Stack> {
  const emulator = await startEmulator({ port: 0 });
  await stackOptions.beforeServer?.(emulator.url);
  if (stackOptions.tokenLifetimeSeconds !== undefined) {
    await httpJson(emulator.url, 'PUT', `/emulator/oauth/clients/${EMULATOR_DEFAULTS.clientId}`, { accessTokenValiditySeconds: stackOptions.tokenLifetimeSeconds });
  }
  // Fast webhook retries so a refused delivery does not keep the emulator busy.
  await httpJson(emulator.url, 'PUT', '/emulator/open-messaging/settings', { retryDelayMs: 50, timeoutMs: 2000 });
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const server = await startServer({
    genesys: {
      apiBase: emulator.url, loginBase: emulator.url, clientId: EMULATOR_DEFAULTS.clientId,
      clientSecret: EMULATOR_DEFAULTS.clientSecret, integrationId: EMULATOR_DEFAULTS.integrationId,
      webhookSecret: EMULATOR_DEFAULTS.webhookSecret, queueId: EMULATOR_DEFAULTS.queueId,
      scheduleGroupId: EMULATOR_DEFAULTS.scheduleGroupId,
    },
    sessionSecret: TEST_SESSION_SECRET,
    origins: { origins: [], allowLoopback: true },
    logger: { level: 'debug', stream },
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
    ...serverOptions,
    port: 0,
    registerWebhook: stackOptions.registerWebhook ?? true,
  });
  return {
    emulator, server, logs,
    async close() {
      await server.close();
      await emulator.close();
    },
  };
}

export async function httpJson<T = unknown>(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Headers; text: string }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed as T, headers: response.headers, text };
}

/** Polls `check` until it returns a truthy value. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 8000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A guest speaking the gateway protocol (what the widget's GatewayTransport does, minus the browser). */
export class GuestClient {
  readonly frames: GatewayServerFrame[] = [];
  readonly closed: Promise<{ code: number }>;
  private constructor(readonly ws: WebSocket, readonly session: GatewaySessionResponse) {
    ws.on('message', (data) => {
      const parsed = parseServerFrame(data.toString());
      if (parsed.ok) this.frames.push(parsed.frame);
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve({ code })));
  }

  /** POST /api/session, open the socket, send `auth`, wait for `ready`. */
  static async connect(serverUrl: string, body: Record<string, unknown> = {}, lastSeq?: number): Promise<GuestClient> {
    const response = await httpJson<GatewaySessionResponse>(serverUrl, 'POST', '/api/session', body);
    if (response.status !== 200) throw new Error(`session refused: ${response.status} ${response.text}`);
    return GuestClient.open(response.body, lastSeq);
  }

  static async open(session: GatewaySessionResponse, lastSeq?: number): Promise<GuestClient> {
    const ws = new WebSocket(session.websocketUrl);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const client = new GuestClient(ws, session);
    client.send({ type: 'auth', token: session.token, ...(lastSeq !== undefined ? { lastSeq } : {}) });
    await client.next('ready');
    return client;
  }

  send(frame: GatewayClientFrame | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** The first frame of `type` matching `match` (already received or arriving). */
  async next<K extends GatewayServerFrame['type']>(type: K, match: (f: Extract<GatewayServerFrame, { type: K }>) => boolean = () => true, timeoutMs = 8000): Promise<Extract<GatewayServerFrame, { type: K }>> {
    return waitFor(() => this.frames.find((f): f is Extract<GatewayServerFrame, { type: K }> => f.type === type && match(f as Extract<GatewayServerFrame, { type: K }>)), `a ${type} frame`, timeoutMs);
  }

  close(): Promise<{ code: number }> {
    this.ws.close();
    return this.closed;
  }
}

/** The emulator conversation of a guest (by `customerId` = guest id). */
export async function conversationOf(emulatorUrl: string, guestId: string): Promise<{ id: string; messages: { text?: string; direction: string; channel?: { messageId?: string } }[]; customAttributes: Record<string, string>; customer: Record<string, string> | null } | undefined> {
  const list = await httpJson<{ id: string; customerId: string | null; messages: { text?: string; direction: string }[]; customAttributes: Record<string, string>; customer: Record<string, string> | null }[]>(emulatorUrl, 'GET', '/emulator/conversations');
  return list.body.find((c) => c.customerId === guestId) as never;
}

/** A socket on the gateway path that has not authenticated: what it hears, and how it was closed. */
export interface RawGatewaySocket {
  ws: WebSocket;
  frames: Record<string, unknown>[];
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a raw socket on the gateway path; resolves once the server took the upgrade. */
export async function rawGatewaySocket(stack: Stack, options: WebSocket.ClientOptions = {}): Promise<RawGatewaySocket> {
  const ws = new WebSocket(`${stack.server.url.replace(/^http/, 'ws')}/api/gateway`, options);
  const frames: Record<string, unknown>[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, frames, closed };
}

/** The types of what a guest's conversation receives at Genesys (the emulator's `guest-message`), until `stop()`. */
export function guestMessageTypes(stack: Stack, guestId: string): { types: string[]; stop(): void } {
  const types: string[] = [];
  const onGuest = (conversation: { customerId?: string | null }, message: { type: string }) => {
    if (conversation.customerId === guestId) types.push(message.type);
  };
  stack.emulator.ctx.world.on('guest-message', onGuest);
  return { types, stop: () => stack.emulator.ctx.world.off('guest-message', onGuest) };
}
