/**
 * A scripted Web Messaging server on mock-socket plus a fake fetch for config.json / history / uploads, for the
 * transport's edge-case unit tests. (Real-socket behaviour is covered against the emulator elsewhere.)
 */
import { Server, WebSocket as MockWebSocket, type Client } from 'mock-socket';
import { webMessagingSocketUrl } from '../../../src/protocol/web-messaging.js';

export type Request = Record<string, unknown> & { action: string; tracingId?: string; token?: string };
type Responder = (request: Request, socket: Client, genesys: FakeGenesys) => void;

export const REGION = 'http://127.0.0.1:8787';
export const MockWebSocketImpl = MockWebSocket as unknown as typeof WebSocket;

/** A mock-socket WebSocket class that keeps every socket it made, in order (how many a transport opened, and when). */
export function countingSockets(): { opened: MockWebSocket[]; WebSocketImpl: typeof WebSocket } {
  const opened: MockWebSocket[] = [];
  const WebSocketImpl = class extends MockWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      opened.push(this);
    }
  } as unknown as typeof WebSocket;
  return { opened, WebSocketImpl };
}

let counter = 0;
/** A fresh deployment id per test, so mock-socket servers never collide. */
export function uniqueDeployment(): string {
  counter += 1;
  return `dep-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export class FakeGenesys {
  readonly server: Server;
  readonly received: Request[] = [];
  readonly sockets: Client[] = [];
  sessionBody: Record<string, unknown> = { connected: true, newSession: true };
  answerEcho = true;
  /** Per-action overrides; return after replying. */
  readonly overrides = new Map<string, Responder>();

  constructor(readonly deploymentId: string, options: { refuse?: boolean } = {}) {
    const url = webMessagingSocketUrl('ws://127.0.0.1:8787/v1', deploymentId);
    this.server = new Server(url, options.refuse ? { verifyClient: () => false } : {});
    this.server.on('connection', (socket) => {
      this.sockets.push(socket);
      socket.on('message', (raw) => {
        const request = JSON.parse(String(raw)) as Request;
        this.received.push(request);
        const override = this.overrides.get(request.action);
        if (override) override(request, socket, this);
        else this.respond(request, socket);
      });
    });
  }

  actions(): string[] {
    return this.received.map((r) => r.action);
  }

  reply(socket: Client, frame: Record<string, unknown>): void {
    socket.send(JSON.stringify(frame));
  }

  /** Sends a frame to every open socket. */
  push(frame: Record<string, unknown> | string): void {
    for (const socket of this.sockets) socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  private respond(request: Request, socket: Client): void {
    const tracingId = request.tracingId;
    switch (request.action) {
      case 'configureSession':
        this.reply(socket, { type: 'response', class: 'SessionResponse', code: 200, body: this.sessionBody, tracingId });
        break;
      case 'echo':
        if (this.answerEcho) {
          this.reply(socket, { type: 'response', class: 'StructuredMessage', code: 200, tracingId,
            body: { id: 'echo', type: 'Text', text: 'ping', direction: 'Inbound' } });
        }
        break;
      case 'getJwt':
        this.reply(socket, { type: 'response', class: 'JwtResponse', code: 200, tracingId, body: { jwt: 'jwt-1', exp: Math.floor(Date.now() / 1000) + 600 } });
        break;
      case 'closeSession':
        this.reply(socket, { type: 'response', class: 'SessionResponse', code: 200, tracingId, body: { connected: false } });
        break;
      case 'onAttachment':
        this.reply(socket, { type: 'response', class: 'PresignedUrlResponse', code: 200, tracingId, body: {
          attachmentId: 'att-9', url: 'http://127.0.0.1:8787/upload/att-9', headers: { 'Content-Type': String(request.fileType), 'x-amz-meta': 'v' },
          fileName: request.fileName, fileSize: request.fileSize, fileType: request.fileType,
        } });
        break;
      case 'onMessage': {
        const message = request.message as Record<string, unknown>;
        if (message.type === 'Event') break;
        this.reply(socket, { type: 'message', class: 'StructuredMessage', code: 200, tracingId, body: {
          id: `g-${this.received.length}`, type: message.type, text: message.text, direction: 'Inbound',
          channel: { time: new Date().toISOString() }, metadata: message.metadata, content: message.content,
        } });
        break;
      }
      default:
        break;
    }
  }

  stop(): void {
    this.server.stop();
  }
}

export interface FetchCall { url: string; init?: RequestInit }

/** A fetch that answers config.json, history pages and upload PUTs from in-memory data. */
export class FakeFetch {
  readonly calls: FetchCall[] = [];
  config: { status: number; body?: unknown } = { status: 200, body: { id: 'x', version: '1', languages: ['en-us'], defaultLanguage: 'en-us', status: 'Active' } };
  /** When set, config.json waits for it. */
  configGate: Promise<void> | null = null;
  /** When set, history pages wait for it. */
  historyGate: Promise<void> | null = null;
  historyPages: unknown[][] = [];
  historyTotal = 0;
  /** History requests bearing one of these JWTs are refused with 401. */
  readonly refusedJwts = new Set<string>();

  readonly fetch: typeof fetch = async (input, init) => {
    const url = String(input);
    this.calls.push(init ? { url, init } : { url });
    if (url.includes('/config.json')) {
      if (this.configGate) await this.configGate;
      return new Response(this.config.body === undefined ? '{}' : JSON.stringify(this.config.body), { status: this.config.status });
    }
    if (url.includes('/api/v2/webmessaging/messages')) {
      const bearer = String((init?.headers as Record<string, string> | undefined)?.Authorization ?? '').replace(/^Bearer /, '');
      if (this.historyGate) await this.historyGate;
      if (this.refusedJwts.has(bearer)) return new Response('{"message":"expired"}', { status: 401 });
      const page = Number(new URL(url).searchParams.get('pageNumber'));
      const entities = this.historyPages[page - 1] ?? [];
      return new Response(JSON.stringify({
        entities, pageSize: 25, pageNumber: page, total: this.historyTotal, pageCount: this.historyPages.length,
      }), { status: 200 });
    }
    if (init?.method === 'PUT') return new Response(null, { status: 200 });
    return new Response('{}', { status: 404 });
  };
}
