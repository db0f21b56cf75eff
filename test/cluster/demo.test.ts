/**
 * `npm run cluster` as a user meets it (issue 9, "done means"): the CLI starts Redis, the emulator, two instances,
 * HAProxy and the demo website; the real widget in headless Debian Chromium chats through the balancer; the
 * instance holding its socket is killed with `kill -9` while the agent writes, and every agent line shows once, in
 * order, with the chat back online.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import { httpJson, waitFor } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('npm run cluster: the demo through the balancer survives kill -9', () => {
  let cli: ChildProcess | undefined;
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    if (cli?.pid) {
      // The CLI stops its whole cluster on SIGTERM.
      cli.kill('SIGTERM');
      await new Promise((r) => cli!.once('exit', r));
    }
  });

  it('every agent line reaches the widget once, in order, across the death of its instance', async () => {
    cli = spawn(process.execPath, ['--import', 'tsx', 'server/cluster-cli.ts', '--instances', '2', '--port', '0', '--emulator-port', '0', '--demo-port', '0'], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    cli.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    await waitFor(() => out.includes('Ctrl-C'), 'the cluster to start', 90_000);
    const row = (name: string) => out.split('\n').map((l) => l.trim().split(/\s+/)).find((cells) => cells[0] === name)!;
    const demo = row('demo')[1]!;
    const emulator = row('emulator')[1]!;
    const instances = ['server-1', 'server-2'].map((name) => ({ url: row(name)[1]!, pid: Number(row(name)[3]) }));

    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.goto(demo);
    await page.waitForFunction(() => customElements.get('genesys-chat') !== undefined);
    await page.locator('genesys-chat').evaluate((el) => (el as HTMLElement & { open(): void }).open());
    const input = page.locator('genesys-chat [part~="input"]');
    await input.fill('Hello from the cluster demo');
    await input.press('Enter');
    const conversation = await waitFor(async () => (await httpJson<{ id: string; customerId: string | null }[]>(emulator, 'GET', '/emulator/conversations')).body
      .find((c) => c.customerId), 'the conversation', 15_000);
    const holder = await waitFor(async () => {
      for (const instance of instances) {
        const metrics = (await httpJson<string>(instance.url, 'GET', '/metrics')).text;
        if (/genesys_chat_sockets\{[^}]*\} 1/.test(metrics)) return instance;
      }
      return undefined;
    }, 'the instance holding the socket');

    const lines = Array.from({ length: 10 }, (_, k) => `agent line ${k}`);
    for (const [k, text] of lines.entries()) {
      if (k === 3) process.kill(holder.pid, 'SIGKILL');
      await httpJson(emulator, 'POST', `/emulator/conversations/${conversation.id}/agent/messages`, { text });
      await new Promise((r) => setTimeout(r, 150));
    }
    const agent = page.locator('genesys-chat [part~="message"][data-role="agent"]');
    await waitFor(async () => (await agent.allInnerTexts()).filter((t) => t.includes('agent line')).length >= lines.length, 'every agent line in the widget', 30_000);
    const shown = (await agent.allInnerTexts()).flatMap((t) => t.match(/agent line \d+/g) ?? []);
    expect(shown).toEqual(lines);
    expect(await page.locator('genesys-chat').evaluate((el) => (el as HTMLElement & { status: string }).status)).toBe('online');
  });
});
