import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import type { Frame } from '@genesys-chat/protocol/web-messaging.js';

/** Waits at most this long for an expected frame before failing the test with what did arrive. */
const DEFAULT_WAIT_MS = 3_000;

/**
 * A small spec-following Web Messaging guest for tests and scripts: a `ws` socket with an Origin header that keeps
 * every frame it gets and lets the caller await the one it expects.
 */
export class GuestClient {
  readonly frames: Frame[] = [];
  readonly token: string;
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  private closeWaiters: ((code: number) => void)[] = [];
  closeCode: number | null = null;

  private constructor(readonly ws: WebSocket, token: string) {
    this.token = token;
    ws.on('message', (data) => {
      let frame: Frame;
      try {
        frame = JSON.parse(data.toString()) as Frame;
      } catch {
        return;
      }
      this.frames.push(frame);
      const waiting = this.waiters;
      this.waiters = [];
      for (const w of waiting) {
        if (w.match(frame)) w.resolve(frame);
        else this.waiters.push(w);
      }
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const resolve of this.closeWaiters) resolve(code);
      this.closeWaiters = [];
    });
  }

  /** Opens `/v1?deploymentId=…` on the emulator at `baseUrl` with the given Origin. */
  static async connect(baseUrl: string, options: { deploymentId?: string; origin?: string | null; token?: string } = {}): Promise<GuestClient> {
    const url = new URL('/v1', baseUrl.replace(/^http/, 'ws'));
    url.searchParams.set('deploymentId', options.deploymentId ?? 'demo-deployment');
    url.searchParams.set('application', 'genesys-chat-tests');
    const headers: Record<string, string> = {};
    const origin = options.origin === undefined ? 'http://localhost:5173' : options.origin;
    if (origin !== null) headers.Origin = origin;
    const ws = new WebSocket(url, { headers });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
    return new GuestClient(ws, options.token ?? randomUUID());
  }

  /** Sends a raw string (for malformed-frame tests). */
  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Sends a request with this client's token and a fresh tracingId; returns the tracingId. */
  send(request: Record<string, unknown>): string {
    const tracingId = typeof request.tracingId === 'string' ? request.tracingId : randomUUID();
    this.ws.send(JSON.stringify({ token: this.token, ...request, tracingId }));
    return tracingId;
  }

  /** Sends a request and resolves with the frame carrying its tracingId. */
  async request(request: Record<string, unknown>, waitMs = DEFAULT_WAIT_MS): Promise<Frame> {
    const tracingId = this.send(request);
    return this.next((f) => f.tracingId === tracingId, waitMs);
  }

  /** `configureSession` with this client's token. */
  configure(extra: Record<string, unknown> = {}): Promise<Frame> {
    return this.request({ action: 'configureSession', deploymentId: 'demo-deployment', ...extra });
  }

  /** Sends a Text message with a customMessageId; resolves with its Inbound echo. */
  async say(text: string, extra: Record<string, unknown> = {}): Promise<Frame> {
    return this.request({ action: 'onMessage', message: { type: 'Text', text, metadata: { customMessageId: randomUUID() } }, ...extra });
  }

  /** The first frame (already received or coming) that matches. */
  next(match: (f: Frame) => boolean, waitMs = DEFAULT_WAIT_MS): Promise<Frame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return this.nextNew(match, waitMs);
  }

  /** The next frame received from now on that matches. */
  nextNew(match: (f: Frame) => boolean, waitMs = DEFAULT_WAIT_MS): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no matching frame within ${waitMs} ms; got ${this.frames.map((f) => `${f.class}/${f.code}`).join(', ')}`));
      }, waitMs);
      const done = (f: Frame): void => {
        clearTimeout(timer);
        resolve(f);
      };
      this.waiters.push({ match, resolve: done });
    });
  }

  /** Waits for the socket to close; resolves with the close code. */
  closed(waitMs = DEFAULT_WAIT_MS): Promise<number> {
    if (this.closeCode !== null) return Promise.resolve(this.closeCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), waitMs);
      this.closeWaiters.push((code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
  }
}

/** Body of a StructuredMessage frame, typed loosely for assertions. */
export function isOutboundText(f: Frame, text?: string): boolean {
  const body = f.body as { direction?: string; type?: string; text?: string } | undefined;
  return f.class === 'StructuredMessage' && body?.direction === 'Outbound' && (text === undefined || body.text === text);
}
