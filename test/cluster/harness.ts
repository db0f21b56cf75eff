/**
 * The cluster tests' parts: the real emulator (in this process), a real `redis-server`, server instances in their own
 * processes and HAProxy in front (server/cluster.ts), and a guest that behaves like the widget's GatewayTransport:
 * it keeps its token and `lastSeq`, and on any close gets a session again with `resumeToken` and re-authenticates.
 */
import WebSocket from 'ws';
import { startEmulator } from '../../emulator/index.js';
import { startCluster, type Cluster } from '../../server/cluster.js';
import type { ChatMessage } from '../../src/protocol/model.js';
import {
  parseServerFrame, type GatewayClientFrame, type GatewayServerFrame, type GatewaySessionResponse,
} from '../../src/protocol/gateway.js';
import { httpJson, waitFor } from '../integration/server-harness.js';

export { httpJson, waitFor };

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export interface ClusterStack {
  emulator: Emulator;
  cluster: Cluster;
  close(): Promise<void>;
}

/** Emulator + Redis + `instances` servers + HAProxy. */
export async function startClusterStack(instances: number, env: Record<string, string> = {}): Promise<ClusterStack> {
  const emulator = await startEmulator({ port: 0 });
  // Quick webhook retries: a delivery refused by a dying instance is retried (through the balancer) soon.
  await httpJson(emulator.url, 'PUT', '/emulator/open-messaging/settings', { retryDelayMs: 100, timeoutMs: 3000, maxRetries: 10 });
  const cluster = await startCluster({ instances, emulatorUrl: emulator.url, env });
  // The first instance registered the webhook at the balancer.
  return {
    emulator, cluster,
    async close() {
      await cluster.close();
      await emulator.close();
    },
  };
}

/** Which instance (index) holds a socket of `guestId` now, by asking each one's metrics-free health. */
export async function instanceHolding(cluster: Cluster, sockets: (index: number) => Promise<number>): Promise<number> {
  for (let i = 0; i < cluster.instances.length; i++) if ((await sockets(i)) > 0) return i;
  return -1;
}

/** Open sockets on instance `index` (from its /metrics). */
export async function socketsOn(cluster: Cluster, index: number): Promise<number> {
  try {
    const text = (await httpJson<string>(cluster.instances[index]!.url, 'GET', '/metrics')).text;
    const line = text.split('\n').find((l) => l.startsWith('genesys_chat_sockets'));
    return line ? Number(line.split(' ').pop()) : 0;
  } catch {
    return 0;
  }
}

/** A guest that reconnects like the widget: new session with `resumeToken`, then `auth` with `lastSeq`. */
export class ResilientGuest {
  /** Every message frame and `ready` transcript entry received, in arrival order (duplicates included). */
  readonly received: ChatMessage[] = [];
  readonly acks = new Map<string, 'sent' | 'failed'>();
  readonly sessions: GatewaySessionResponse[] = [];
  readonly readies: Extract<GatewayServerFrame, { type: 'ready' }>[] = [];
  lastSeq: number | undefined;
  private ws: WebSocket | null = null;
  private stopped = false;
  private reconnecting: Promise<void> | null = null;
  private outbox: GatewayClientFrame[] = [];

  private constructor(private readonly baseUrl: string, private readonly socketBase?: string) {}

  /** Connects through `baseUrl` (the balancer or one instance); `socketBase` overrides where the socket goes. */
  static async connect(baseUrl: string, socketBase?: string): Promise<ResilientGuest> {
    const guest = new ResilientGuest(baseUrl, socketBase);
    await guest.open();
    return guest;
  }

  get session(): GatewaySessionResponse {
    return this.sessions[this.sessions.length - 1]!;
  }

  /** Texts of agent messages received, in order, duplicates included. */
  agentTexts(): string[] {
    return this.received.filter((m) => m.direction === 'outbound').map((m) => m.text);
  }

  /** Sends a guest message now, or once reconnected; the widget resends unacknowledged ones the same way. */
  sendMessage(id: string, text: string): void {
    const frame: GatewayClientFrame = { type: 'message', id, text };
    this.outbox.push(frame);
    if (this.ws?.readyState === WebSocket.OPEN && this.readies.length > 0) this.ws.send(JSON.stringify(frame));
  }

  /** Opens a socket to `base` (another instance) with the current session: a guest moving between instances. */
  async moveTo(base: string): Promise<void> {
    this.ws?.removeAllListeners('close');
    this.ws?.close();
    await this.open(base);
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.ws?.close();
  }

  private async open(socketBase = this.socketBase): Promise<void> {
    const previous = this.sessions[this.sessions.length - 1];
    const response = await httpJson<GatewaySessionResponse>(this.baseUrl, 'POST', '/api/session', previous ? { resumeToken: previous.token } : {});
    if (response.status !== 200) throw new Error(`session refused: ${response.status} ${response.text}`);
    const session = response.body;
    this.sessions.push(session);
    const url = socketBase ? `${socketBase.replace(/^http/, 'ws')}/api/gateway` : session.websocketUrl;
    const ws = new WebSocket(url);
    this.ws = ws;
    const readyCount = this.readies.length;
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.on('error', () => undefined);
    ws.on('message', (data) => this.onFrame(data.toString()));
    ws.on('close', () => {
      if (this.ws === ws && !this.stopped) void this.reconnect();
    });
    ws.send(JSON.stringify({ type: 'auth', token: session.token, ...(this.lastSeq !== undefined ? { lastSeq: this.lastSeq } : {}) }));
    await waitFor(() => this.readies.length > readyCount || ws.readyState === WebSocket.CLOSED, 'ready', 15_000);
    if (this.readies.length === readyCount) throw new Error('socket closed before ready');
    // Resend what was never acknowledged (the server answers a repeated id with `ack sent` only once).
    for (const frame of this.outbox) if (frame.type === 'message' && !this.acks.has(frame.id)) ws.send(JSON.stringify(frame));
  }

  /** Reconnects with backoff until it works (the widget's controller does the same). */
  private reconnect(): Promise<void> {
    if (!this.reconnecting) {
      this.reconnecting = (async () => {
        for (let attempt = 0; !this.stopped; attempt++) {
          await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 1000)));
          try {
            await this.open();
            return;
          } catch {
            // the balancer may still route to a dead instance for a moment: try again
          }
        }
      })().finally(() => {
        this.reconnecting = null;
      });
    }
    return this.reconnecting;
  }

  private onFrame(raw: string): void {
    const parsed = parseServerFrame(raw);
    if (!parsed.ok) return;
    const frame = parsed.frame;
    if (frame.type === 'ready') {
      this.readies.push(frame);
      this.received.push(...frame.transcript);
      this.lastSeq = frame.seq;
    } else if (frame.type === 'message') {
      this.received.push(frame.message);
      this.lastSeq = Math.max(this.lastSeq ?? 0, frame.seq);
    } else if (frame.type === 'ack') {
      this.acks.set(frame.id, frame.state);
    }
  }
}

/** The emulator conversation of a guest. */
export async function conversationOf(emulatorUrl: string, guestId: string): Promise<{ id: string; messages: { text?: string; direction: string }[] } | undefined> {
  const list = await httpJson<{ id: string; customerId: string | null; messages: { text?: string; direction: string }[] }[]>(emulatorUrl, 'GET', '/emulator/conversations');
  return list.body.find((c) => c.customerId === guestId);
}

/** Agent message from the emulator's agent desk API. */
export async function agentSays(emulatorUrl: string, conversationId: string, text: string): Promise<void> {
  const response = await httpJson(emulatorUrl, 'POST', `/emulator/conversations/${conversationId}/agent/messages`, { text });
  if (response.status >= 300) throw new Error(`agent message refused: ${response.status} ${response.text}`);
}

/** Receipts the emulator got, by message id. */
export async function receipts(emulatorUrl: string): Promise<{ id: string; status: string }[]> {
  return (await httpJson<{ receipts: { id: string; status: string }[] }>(emulatorUrl, 'GET', '/emulator/open-messaging')).body.receipts;
}
