/**
 * Playwright fixtures for end-to-end tests: every test gets its own real emulator (in-process, 127.0.0.1:0), its
 * own test site serving the built widget, and a `chat` helper that drives the page as a guest and the emulator's
 * control API as the agent. Nothing is mocked: real Chromium, real sockets.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { startEmulator } from '../../emulator/index.js';
import { EmulatorControl, type ControlConversation } from './emulator-control.js';
import { startTestSite, type TestSite } from './site.js';
import type { ChatStatus } from '../../src/model.js';

/** The default world's active deployment that allows 127.0.0.1 (team brief). */
export const DEPLOYMENT_ID = 'demo-deployment';

export interface OpenOptions {
  /** Extra or overriding attributes for `<genesys-chat>`. */
  attributes?: Record<string, string>;
  /** `iife` loads the one-script loader (genesys-chat.iife.js) with a classic `<script>` tag. */
  bundle?: 'esm' | 'iife';
  /** Wait for status `online` (default true). */
  waitOnline?: boolean;
}

/** The guest's side of one page with one `<genesys-chat>`, plus the agent's side through the control API. */
export class ChatPage {
  constructor(readonly page: Page, readonly control: EmulatorControl, readonly siteUrl: string) {}

  /** Opens the test page with the widget pointed at the emulator (inline mode, demo deployment). */
  async open(options: OpenOptions = {}): Promise<void> {
    const attributes: Record<string, string> = {
      region: this.control.url, 'deployment-id': DEPLOYMENT_ID, mode: 'inline', ...options.attributes,
    };
    const query = new URLSearchParams(Object.entries(attributes).map(([k, v]) => [`a-${k}`, v]));
    const path = options.bundle === 'iife' ? '/iife.html' : '/';
    await this.page.goto(`${this.siteUrl}${path}?${query}`);
    if (options.waitOnline ?? true) await this.waitForStatus('online');
  }

  /** A CSS part inside the element's shadow root (Playwright's CSS engine pierces open shadow roots). */
  part(name: string): Locator {
    return this.page.locator(`genesys-chat [part~="${name}"]`);
  }

  /** Message bubbles, optionally only one role (`guest`, `agent`, `bot`, `system`). */
  messages(role?: string): Locator {
    return role ? this.page.locator(`genesys-chat [part~="message"][data-role="${role}"]`) : this.part('message');
  }

  /** The element's read-only `status` property. */
  async status(): Promise<ChatStatus> {
    return this.page.locator('genesys-chat').evaluate((el) => (el as HTMLElement & { status: ChatStatus }).status);
  }

  async waitForStatus(status: ChatStatus, timeout = 15_000): Promise<void> {
    await expect.poll(() => this.status(), { timeout, message: `status should become ${status}` }).toBe(status);
  }

  /** Types into the composer and presses Enter (Enter sends). */
  async send(text: string): Promise<void> {
    await this.part('input').fill(text);
    await this.part('input').press('Enter');
  }

  /** Whether the guest can type into the composer (present, visible, enabled, not read-only). */
  async canWrite(): Promise<boolean> {
    const input = this.part('input');
    if (await input.count() === 0) return false;
    return (await input.isVisible()) && (await input.isEditable());
  }

  /** What the page keeps in localStorage for this deployment's session (the token, possibly inside JSON). */
  async storedSession(): Promise<string | null> {
    return this.page.evaluate((key) => localStorage.getItem(key), `genesys-chat:${DEPLOYMENT_ID}:token`);
  }

  /**
   * The emulator conversation of this page's session: the newest one whose session token is what the page stored.
   * Waits until it exists.
   */
  async conversation(): Promise<ControlConversation> {
    let found: ControlConversation | undefined;
    await expect.poll(async () => {
      const stored = await this.storedSession();
      if (!stored) return false;
      const mine = (await this.control.conversations())
        .filter((c) => c.channel === 'webmessaging' && c.sessionToken && stored.includes(c.sessionToken));
      found = mine.sort((a, b) => String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? ''))).at(-1);
      return found !== undefined;
    }, { message: 'the page should have a conversation in the emulator', timeout: 15_000 }).toBe(true);
    return found as ControlConversation;
  }

  /** The conversation, taken by an agent so that it is out of the bot's hands. */
  async conversationWithAgent(): Promise<ControlConversation> {
    const conversation = await this.conversation();
    await this.control.take(conversation.id);
    return conversation;
  }

  /** Text of every bubble on screen, top to bottom. */
  async bubbleTexts(role?: string): Promise<string[]> {
    return this.messages(role).allTextContents();
  }

  /**
   * Waits until each of `texts` shows in exactly one bubble, and in this order top to bottom (texts must be unique
   * markers that are not substrings of each other).
   */
  async expectEachOnceInOrder(texts: string[], role?: string): Promise<void> {
    await expect.poll(async () => {
      const bubbles = await this.bubbleTexts(role);
      const counts = texts.map((t) => bubbles.filter((b) => b.includes(t)).length);
      const positions = texts.map((t) => bubbles.findIndex((b) => b.includes(t)));
      return { counts, ordered: positions.every((p, i) => i === 0 || p > positions[i - 1]) };
    }, { message: `each of ${texts.join(', ')} once and in order`, timeout: 20_000 })
      .toEqual({ counts: texts.map(() => 1), ordered: true });
  }

  /** `genesys-chat:<type>` events the page has seen (details as JSON). */
  async events(type: string): Promise<unknown[]> {
    return this.page.evaluate((t) => (window as unknown as { __events: { type: string; detail: unknown }[] }).__events
      .filter((e) => e.type === t).map((e) => e.detail), type);
  }

  /** CSP violations the page reported (the test page runs under a strict CSP by default). */
  async cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  }
}

interface Fixtures {
  /** Serve the test page under a strict CSP (default). The XSS test turns it off so CSP cannot hide a hole. */
  strictCsp: boolean;
  emulatorUrl: string;
  control: EmulatorControl;
  site: TestSite;
  chat: ChatPage;
}

export const test = base.extend<Fixtures>({
  strictCsp: [true, { option: true }],
  // Playwright reads fixture dependencies from the destructuring pattern: `{}` means none.
  // eslint-disable-next-line no-empty-pattern
  emulatorUrl: async ({}, use) => {
    const emulator = await startEmulator({ port: 0, host: '127.0.0.1' });
    await use(emulator.url);
    await emulator.close();
  },
  control: async ({ emulatorUrl }, use) => {
    await use(new EmulatorControl(emulatorUrl));
  },
  site: async ({ strictCsp }, use) => {
    const site = await startTestSite({ strictCsp });
    await use(site);
    await site.close();
  },
  chat: async ({ page, control, site }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const chat = new ChatPage(page, control, site.url);
    await use(chat);
    try {
      // An uncaught exception in the page is a bug even when the visible behaviour looked right.
      expect(errors, 'uncaught errors in the page').toEqual([]);
    } finally {
      // Before the emulator and the site close (they are torn down first): a live widget would reconnect into them.
      await page.close();
    }
  },
});

export { expect };
