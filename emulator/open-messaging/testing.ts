/** Test support (used by test/integration/emulator-open-*.test.ts; usable by server tests): a started emulator, tokens, a webhook receiver. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator } from '../index.js';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export const CLIENT_ID = 'demo-client';
export const CLIENT_SECRET = 'demo-client-secret';
export const INTEGRATION_ID = 'demo-integration';
export const INTEGRATION_SECRET = 'demo-webhook-secret-0123456789';

export async function startTestEmulator(): Promise<Emulator> {
  return startEmulator({ port: 0, host: '127.0.0.1' });
}

/** `POST /oauth/token` with HTTP Basic; returns the raw response. */
export function requestToken(url: string, id = CLIENT_ID, secret = CLIENT_SECRET, body = 'grant_type=client_credentials'): Promise<Response> {
  return fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body,
  });
}

export async function getToken(url: string): Promise<string> {
  const response = await requestToken(url);
  if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A JSON call with a bearer token. */
export function api(url: string, token: string | null, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** A control-API call (no token). */
export function control(url: string, method: string, path: string, body?: unknown): Promise<Response> {
  return api(url, null, method, path, body);
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface ReceivedWebhook {
  raw: Buffer;
  headers: IncomingHttpHeaders;
  json: Record<string, unknown>;
}

/**
 * A local HTTP receiver standing in for the gateway's webhook. Answers each request with the next planned status
 * (then 200), optionally after a delay, and keeps the raw bytes of every body.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private plan: { status: number; delayMs?: number }[] = [];
  private readonly server: Server;

  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        this.received.push({ raw, headers: request.headers, json: JSON.parse(raw.toString('utf8')) as Record<string, unknown> });
        const step = this.plan.shift() ?? { status: 200 };
        const answer = () => {
          if (!response.destroyed) response.writeHead(step.status, { 'content-type': 'application/json' }).end('{}');
        };
        if (step.delayMs) setTimeout(answer, step.delayMs);
        else answer();
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/genesys`;
  }

  /** The next requests get these statuses (and delays), in order; afterwards 200. */
  answerWith(...steps: { status: number; delayMs?: number }[]): void {
    this.plan.push(...steps);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** An inbound message body from customer `customerId`. */
export function inboundMessage(customerId: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { channel: { from: { id: customerId, idType: 'Opaque' }, time: new Date().toISOString() }, text, ...extra };
}

export const inboundPath = (kind: 'message' | 'event' | 'receipt' | 'structured/response', integrationId = INTEGRATION_ID) =>
  `/api/v2/conversations/messages/${integrationId}/inbound/open/${kind}`;
