/**
 * The framework examples (examples/) as an adopter runs them: each is built against the built package (`genesys-chat`
 * resolves to dist/ through the package's own exports map), served as static files, and used in Chromium against
 * the real emulator: the bot greets, the guest writes, an agent answers, and the page's own code hears the messages
 * through the element's events.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { build } from 'vite';
import { DEPLOYMENT_ID, expect, test, type ChatPage } from './fixtures.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLES = join(ROOT, 'examples');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
};

/** What a careful site sends; the examples need no inline script, no eval, no inline style. */
const CSP = ["default-src 'self'", "script-src 'self'", "style-src 'self'", 'connect-src http://127.0.0.1:* ws://127.0.0.1:*',
  "img-src 'self' data: blob: http://127.0.0.1:*"].join('; ');

/** Serves `mounts` (URL prefix ending in `/` -> directory) on 127.0.0.1:0; a directory path serves its index.html. */
async function serve(mounts: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const prefix = Object.keys(mounts).filter((p) => path.startsWith(p)).sort((a, b) => b.length - a.length)[0];
    const notFound = () => {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":"not found"}');
    };
    if (prefix === undefined) return notFound();
    const dir = resolve(mounts[prefix]!);
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (file !== dir && !file.startsWith(dir + '/')) return notFound();
    if (path.endsWith('/')) file = join(file, 'index.html');
    readFile(file).then((body) => {
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store',
        'content-security-policy': CSP,
      });
      response.end(body);
    }, notFound);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}

/**
 * Builds examples/<name> with its own vite.config.ts into a fresh directory and serves it at `/`; `mounts` serve more
 * directories, `head` is markup put first in the built page's <head>.
 */
async function buildAndServe(name: string, extra: { mounts?: Record<string, string>; head?: string } = {}):
  Promise<{ url: string; close(): Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), `genesys-chat-example-${name}-`));
  const root = join(EXAMPLES, name);
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  if (extra.head) {
    const page = join(outDir, 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('<head>', `<head>${extra.head}`));
  }
  const site = await serve({ ...extra.mounts, '/': outDir });
  return { url: site.url, close: async () => { await site.close(); rmSync(outDir, { recursive: true, force: true }); } };
}

/** `?region=…&deployment-id=…`: where the examples' dev config points the chat. */
function query(emulatorUrl: string, extra = ''): string {
  return `?${new URLSearchParams({ region: emulatorUrl, 'deployment-id': DEPLOYMENT_ID })}${extra}`;
}

/** The page's own "Last message" line, written by the example's event listener. */
function lastMessage(page: Page) {
  return page.locator('#last-message');
}

/** The guest chats on the example page: bot greeting, a message out, an agent's answer in, all heard by the page. */
async function chatOn(chat: ChatPage, url: string, marker: string): Promise<string> {
  await chat.page.goto(url);
  await chat.waitForStatus('online');
  await expect(chat.messages('bot').first()).toContainText('What can I help you with?');
  await expect(lastMessage(chat.page)).toContainText('bot: ');

  await chat.send(`Hello from the ${marker} example`);
  await expect(chat.messages('guest').filter({ hasText: `Hello from the ${marker} example` }))
    .toHaveAttribute('data-state', 'sent');
  const conversation = await chat.conversationWithAgent();
  expect(conversation.messages.some((m) => m.direction === 'Inbound' && m.text === `Hello from the ${marker} example`))
    .toBe(true);
  await chat.control.agentSend(conversation.id, { text: `Agent answers the ${marker} example` });
  await expect(chat.messages('agent').filter({ hasText: `Agent answers the ${marker} example` })).toHaveCount(1);
  await expect(lastMessage(chat.page)).toHaveText(`agent: Agent answers the ${marker} example`);
  return conversation.id;
}

test('plain HTML: one classic script tag (genesys-chat.iife.js, the one-script loader)', async ({ chat, emulatorUrl }) => {
  const site = await serve({ '/examples/': EXAMPLES, '/dist/': join(ROOT, 'dist') });
  try {
    await chatOn(chat, `${site.url}/examples/plain-html/${query(emulatorUrl)}`, 'plain');
  } finally {
    await site.close();
  }
});

test('Vite + TypeScript: imports the package from npm', async ({ chat, emulatorUrl }) => {
  const site = await buildAndServe('vite-ts');
  try {
    await chatOn(chat, `${site.url}/${query(emulatorUrl)}`, 'vite');
  } finally {
    await site.close();
  }
});

test('React 19: <genesys-chat> in JSX, then the genesys-chat/react component', async ({ chat, emulatorUrl }) => {
  const site = await buildAndServe('react');
  try {
    const conversation = await chatOn(chat, `${site.url}/${query(emulatorUrl)}`, 'react');
    // The wrapper on the same site resumes the session; its onMessage prop hears the agent.
    await chat.page.goto(`${site.url}/${query(emulatorUrl, '&wrapper')}`);
    await expect(chat.page.locator('h1')).toContainText('genesys-chat/react');
    await chat.waitForStatus('online');
    await expect(chat.messages('agent').filter({ hasText: 'Agent answers the react example' })).toHaveCount(1);
    await chat.control.agentSend(conversation, { text: 'The wrapper hears this' });
    await expect(lastMessage(chat.page)).toHaveText('agent: The wrapper hears this');
  } finally {
    await site.close();
  }
});

test('Vue 3: the element in a single-file component, events with @genesys-chat:message', async ({ chat, emulatorUrl }) => {
  const site = await buildAndServe('vue');
  try {
    await chatOn(chat, `${site.url}/${query(emulatorUrl)}`, 'vue');
  } finally {
    await site.close();
  }
});

test('two copies on one page (a CDN script and the app bundle): no error, the first definition serves both',
  async ({ chat, emulatorUrl }) => {
    // The site serves the package's dist/ under /vendor/ as a CDN would, and its page has the one-script tag in <head>.
    const site = await buildAndServe('vite-ts', {
      mounts: { '/vendor/genesys-chat/': join(ROOT, 'dist') },
      head: '<script src="/vendor/genesys-chat/genesys-chat.iife.js"></script>',
    });
    try {
      const errors: string[] = [];
      chat.page.on('pageerror', (error) => errors.push(error.message));
      chat.page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
      // The app's bundle waits until the CDN copy has loaded (the loader's global is set after it defined the tag),
      // so the CDN copy is the first definition, as a script in <head> usually is.
      await chat.page.route(`${site.url}/assets/*.js`, async (route) => {
        await chat.page.waitForFunction(() => 'GenesysChat' in window);
        await route.continue();
      });
      await chatOn(chat, `${site.url}/${query(emulatorUrl)}`, 'two-copies');
      // The element on the page is the CDN copy's class; the app's copy defined nothing and threw nothing.
      expect(await chat.page.evaluate(() => {
        const cdn = (window as unknown as { GenesysChat?: { GenesysChat?: unknown } }).GenesysChat?.GenesysChat;
        return cdn !== undefined && customElements.get('genesys-chat') === cdn;
      })).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await site.close();
    }
  });
