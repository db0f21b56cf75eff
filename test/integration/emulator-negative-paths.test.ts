/**
 * Emulator rules whose negative side a small slip would open: the `*.domain` wildcard of a deployment's allowed
 * domains, and the unit of the 4011 length rule. Real emulator, real sockets.
 */
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startEmulator } from '../../emulator/index.js';
import { textLength } from '../../emulator/context.js';
import { DEFAULT_WORLD_PATH, loadWorldFile } from '../../emulator/world-load.js';
import { useEmulator } from './support/emulator-harness.js';

function upgradeStatus(url: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { Origin: origin } });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.once('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

describe('allowed domains: *.example.com', () => {
  const world = loadWorldFile(DEFAULT_WORLD_PATH);
  world.deployments.push({
    ...world.deployments.find((d) => d.id === 'locked-deployment')!,
    id: 'wildcard-deployment', name: 'Wildcard', allowedDomains: ['*.example.com', 'https://exact.example.org:8443'],
  });
  const emu = useEmulator({ world });
  const url = () => `${emu.url.replace('http', 'ws')}/v1?deploymentId=wildcard-deployment`;

  it('allows the domain itself and its subdomains, on any port and scheme', async () => {
    for (const origin of ['https://example.com', 'https://shop.example.com', 'http://a.b.example.com:8080', 'https://SHOP.Example.COM', 'https://exact.example.org']) {
      expect(await upgradeStatus(url(), origin), origin).toBe(101);
    }
  });

  it('refuses look-alikes: a suffix without the dot, the domain as a prefix, other subdomains of the exact entry', async () => {
    for (const origin of ['https://evilexample.com', 'https://example.com.evil.net', 'https://notexample.com', 'https://example.co', 'https://sub.exact.example.org', 'null', 'not a url']) {
      expect(await upgradeStatus(url(), origin), origin).toBe(403);
    }
  });
});

describe('4011 length rule: counted in characters (code points) by default; UTF-16 units when configured', () => {
  // UNCONFIRMED which unit Genesys counts (spec web-messaging.md: "the guest-side limit is UNCONFIRMED"):
  // code points by default, `messageLengthUnit: 'utf16'` for String.length. See docs/emulator.md.
  const emoji = '😀'; // one character, two UTF-16 code units
  const emu = useEmulator({ maxMessageLength: 10, rateLimitPerMinute: 1000 });

  it('counts an emoji as one character', async () => {
    expect(textLength(emoji.repeat(3), 'code-points')).toBe(3);
    expect(textLength(emoji.repeat(3), 'utf16')).toBe(6);
    const g = await emu.guest();
    await g.configure();
    expect((await g.say(emoji.repeat(10))).class).toBe('StructuredMessage');
    expect(await g.say(emoji.repeat(11))).toMatchObject({ class: 'string', code: 4011 });
    expect((await g.say('é'.normalize('NFD').repeat(5))).class).toBe('StructuredMessage'); // 10 code points
    expect(await g.say(`${'a'.repeat(10)}${emoji}`)).toMatchObject({ code: 4011 });
  });

  it('with messageLengthUnit utf16, an emoji counts twice', async () => {
    const other = await startEmulator({ port: 0, maxMessageLength: 10, rateLimitPerMinute: 1000, messageLengthUnit: 'utf16' });
    try {
      const g = await emu.guestAt(other.url);
      await g.configure();
      expect((await g.say(emoji.repeat(5))).class).toBe('StructuredMessage');
      expect(await g.say(emoji.repeat(6))).toMatchObject({ class: 'string', code: 4011 });
    } finally {
      await other.close();
    }
  });
});
