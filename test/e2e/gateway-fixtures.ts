/**
 * Playwright fixtures for gateway mode end to end: every test gets its own real emulator and the real server
 * (`startServer` from server/, in-process on 127.0.0.1:0, the integration's webhook registered to it), T1's test
 * site serving the built widget, and a page whose `<genesys-chat token-endpoint=… skill=… mode="inline">` talks to the
 * server only. The test records everything the browser received (HTTP bodies, WebSocket frames) so it can prove no
 * Genesys token or secret ever reached it. Nothing is mocked: real Chromium, real sockets, signed webhooks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page, WebSocket as PageWebSocket } from '@playwright/test';
import { EMULATOR_DEFAULTS } from '../../server/config.js';
import type { ServerOptions } from '../../server/index.js';
import { startStack, type Stack } from '../integration/server-harness.js';
import { ChatPage, expect, test as base, type OpenOptions } from './fixtures.js';
import { EmulatorControl, type ControlConversation } from './emulator-control.js';
import { startTestSite, type TestSite } from './site.js';

const REPO = resolve(import.meta.dirname, '../..');
/** The built widget the page loads (`npx vite build`); GENESYS_CHAT_DIST points elsewhere for a private build. */
const DIST_DIR = resolve(process.env.GENESYS_CHAT_DIST ?? resolve(REPO, 'dist'));

/** The skill the page asks for (a queue of the default world). */
export const GATEWAY_SKILL = 'General Support';

/** Builds dist/ once when it is missing, so `npx playwright test test/e2e/gateway.spec.ts` works on a fresh tree. */
function ensureWidgetBuilt(): void {
  if (existsSync(resolve(DIST_DIR, 'genesys-chat.js'))) return;
  execFileSync('npx', ['vite', 'build', '--outDir', DIST_DIR], { cwd: REPO, stdio: 'inherit' });
}

/** Replaces the default world's `demo-hours` with a group that has no open schedule (nothing matches: closed). */
async function closeBusinessHours(emulatorUrl: string): Promise<void> {
  const response = await fetch(`${emulatorUrl}/emulator/platform/schedulegroups/${EMULATOR_DEFAULTS.scheduleGroupId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Closed hours', timeZone: 'UTC', openSchedules: [], closedSchedules: [], holidaySchedules: [] }),
  });
  if (!response.ok) throw new Error(`closing business hours: ${response.status} ${await response.text()}`);
}

/** An emulator conversation as the control API lists it, with the Open Messaging customer id. */
export interface OpenConversation extends ControlConversation {
  integrationId?: string;
  customerId?: string | null;
}

/** What the page keeps in localStorage for the gateway session (GatewayTransport's StoredSession). */
export interface StoredGatewaySession { token: string; sessionId: string; guestId: string }

/**
 * Everything the browser received: the body of every HTTP response and every WebSocket frame, from any origin.
 * Attach it before the page navigates.
 */
export class BrowserTraffic {
  private readonly bodies: { url: string; text: string }[] = [];
  private readonly frames: { url: string; text: string }[] = [];
  private readonly reads: Promise<void>[] = [];

  attach(page: Page): void {
    page.on('response', (response) => {
      this.reads.push(response.body().then(
        (body) => { this.bodies.push({ url: response.url(), text: body.toString('utf8') }); },
        // Redirects and aborted loads have no body: nothing reached the page.
        () => undefined,
      ));
    });
    page.on('websocket', (socket: PageWebSocket) => {
      socket.on('framereceived', (frame) => {
        this.frames.push({ url: socket.url(), text: typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8') });
      });
    });
  }

  /** Every HTTP response body and every received frame so far (waits for bodies still being read). */
  async everything(): Promise<{ url: string; text: string; kind: 'http' | 'ws' }[]> {
    await Promise.all(this.reads);
    return [
      ...this.bodies.map((b) => ({ ...b, kind: 'http' as const })),
      ...this.frames.map((f) => ({ ...f, kind: 'ws' as const })),
    ];
  }

  /** Frames the page received from sockets whose URL starts with `origin`. */
  framesFrom(origin: string): string[] {
    return this.frames.filter((f) => f.url.startsWith(origin.replace(/^http/, 'ws'))).map((f) => f.text);
  }
}

/** The guest's side of a gateway-mode page, plus the agent's side through the emulator's control API. */
export class GatewayChatPage extends ChatPage {
  constructor(page: Page, control: EmulatorControl, siteUrl: string, readonly serverUrl: string) {
    super(page, control, siteUrl);
  }

  /** The `token-endpoint` attribute: the server's absolute session URL (the page is on another origin). */
  get tokenEndpoint(): string {
    return `${this.serverUrl}/api/session`;
  }

  /** Opens the test page with the widget in gateway mode (inline, skill General Support); no region, no deployment. */
  override async open(options: OpenOptions = {}): Promise<void> {
    const attributes: Record<string, string> = {
      'token-endpoint': this.tokenEndpoint, skill: GATEWAY_SKILL, mode: 'inline', ...options.attributes,
    };
    const query = new URLSearchParams(Object.entries(attributes).map(([k, v]) => [`a-${k}`, v]));
    const path = options.bundle === 'iife' ? '/iife.html' : '/';
    await this.page.goto(`${this.siteUrl}${path}?${query}`);
    if (options.waitOnline ?? true) await this.waitForStatus('online');
  }

  /** The raw localStorage value of the gateway session (team contract key `genesys-chat:gateway:<endpoint>`). */
  override async storedSession(): Promise<string | null> {
    return this.page.evaluate((key) => localStorage.getItem(key), `genesys-chat:gateway:${this.tokenEndpoint}`);
  }

  /** The stored gateway session, parsed. */
  async gatewaySession(): Promise<StoredGatewaySession | null> {
    const raw = await this.storedSession();
    return raw ? (JSON.parse(raw) as StoredGatewaySession) : null;
  }

  /** The Open Messaging conversation of this page's guest (customer id = the session's guest id). Waits for it. */
  override async conversation(): Promise<OpenConversation> {
    let found: OpenConversation | undefined;
    await expect.poll(async () => {
      const session = await this.gatewaySession();
      if (!session) return false;
      const all = (await this.control.conversations()) as OpenConversation[];
      found = all.filter((c) => c.channel === 'open' && c.customerId === session.guestId).at(-1);
      return found !== undefined;
    }, { message: 'the guest should have an Open Messaging conversation in the emulator', timeout: 15_000 }).toBe(true);
    return found as OpenConversation;
  }
}

interface GatewayFixtures {
  /** `closed`: the schedule group `demo-hours` has no open schedule, so the server reports closed (default `open`). */
  businessHours: 'open' | 'closed';
  /** More options for the server (e.g. `welcomeMessage`). */
  serverOptions: Partial<ServerOptions>;
  /** Emulator + server (+ captured server log); tokens the emulator issued to the server are in `issuedTokens`. */
  stack: Stack;
  /** Every access token the emulator issued to the server, read off the server's own token responses. */
  issuedTokens: string[];
  gatewayControl: EmulatorControl;
  gatewaySite: TestSite;
  traffic: BrowserTraffic;
  gateway: GatewayChatPage;
}

interface GatewayWorkerFixtures {
  widgetBuilt: void;
}

export const test = base.extend<GatewayFixtures, GatewayWorkerFixtures>({
  // Playwright reads fixture dependencies from the destructuring pattern: `{}` means none.
  // eslint-disable-next-line no-empty-pattern
  widgetBuilt: [async ({}, use) => {
    ensureWidgetBuilt();
    await use();
  }, { scope: 'worker', auto: true }],
  businessHours: ['open', { option: true }],
  serverOptions: [{}, { option: true }],
  // eslint-disable-next-line no-empty-pattern
  issuedTokens: async ({}, use) => {
    await use([]);
  },
  stack: async ({ issuedTokens, businessHours, serverOptions }, use) => {
    // The server's fetch, watched: every access token the emulator hands out is remembered for the leak check.
    const watchedFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input instanceof Request ? input.url : input).endsWith('/oauth/token') && response.ok) {
        const body = (await response.clone().json().catch(() => null)) as { access_token?: unknown } | null;
        if (typeof body?.access_token === 'string') issuedTokens.push(body.access_token);
      }
      return response;
    };
    const stack = await startStack({ fetchImpl: watchedFetch, logger: false, ...serverOptions }, {
      registerWebhook: true,
      ...(businessHours === 'closed' ? { beforeServer: closeBusinessHours } : {}),
    });
    await use(stack);
    await stack.close();
  },
  gatewayControl: async ({ stack }, use) => {
    await use(new EmulatorControl(stack.emulator.url));
  },
  gatewaySite: async ({ strictCsp }, use) => {
    const site = await startTestSite({ strictCsp, distDir: DIST_DIR });
    await use(site);
    await site.close();
  },
  // eslint-disable-next-line no-empty-pattern
  traffic: async ({}, use) => {
    await use(new BrowserTraffic());
  },
  gateway: async ({ page, stack, gatewayControl, gatewaySite, traffic }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    traffic.attach(page);
    await use(new GatewayChatPage(page, gatewayControl, gatewaySite.url, stack.server.url));
    // An uncaught exception in the page is a bug even when the visible behaviour looked right.
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

/** The secrets that must never reach a browser: the client secret, its Basic form and the webhook secret. */
export const SERVER_SECRETS: readonly string[] = [
  EMULATOR_DEFAULTS.clientSecret,
  Buffer.from(`${EMULATOR_DEFAULTS.clientId}:${EMULATOR_DEFAULTS.clientSecret}`).toString('base64'),
  EMULATOR_DEFAULTS.webhookSecret,
];

export { expect };
