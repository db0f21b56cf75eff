import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isOutboundText, type GuestClient } from '../../emulator/testing/guest-client.js';
import type { StructuredMessageBody } from '../../src/protocol/web-messaging.js';
import { useEmulator } from './support/emulator-harness.js';

const emu = useEmulator();

const faults = (body: unknown): Promise<Response> => fetch(`${emu.url}/emulator/faults`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
});

const configuredGuest = (token?: string): Promise<GuestClient> => emu.configuredGuest(token ? { token } : {});

function conversationId(g: GuestClient): string {
  const c = emu.conversationOf(g);
  if (!c) throw new Error('no conversation');
  return c.id;
}

const agentTexts = (g: GuestClient): string[] => g.frames.filter((f) => isOutboundText(f) && (f.body as StructuredMessageBody).originatingEntity === 'Human')
  .map((f) => (f.body as StructuredMessageBody).text ?? '');

beforeAll(() => {
  for (const d of emu.ctx.world.deployments.values()) delete d.botId;
});
afterEach(async () => {
  await fetch(`${emu.url}/emulator/faults`, { method: 'DELETE' });
});

describe('faults', () => {
  it('GET shows the faults in force; DELETE clears them', async () => {
    await faults({ delayMs: 5, duplicate: true, platform: { status: 503, count: 2 } });
    const active = await (await fetch(`${emu.url}/emulator/faults`)).json() as Record<string, unknown>;
    expect(active).toMatchObject({ delayMs: 5, duplicate: true, platform: { status: 503, remaining: 2 } });
    const cleared = await (await fetch(`${emu.url}/emulator/faults`, { method: 'DELETE' })).json() as Record<string, unknown>;
    expect(cleared).toMatchObject({ delayMs: 0, duplicate: false, platform: null });
  });

  it('dropSockets "all" closes every guest socket abruptly; the session resumes afterwards', async () => {
    const a = await configuredGuest();
    const b = await configuredGuest();
    await faults({ dropSockets: 'all' });
    expect(await a.closed()).toBe(1006);
    expect(await b.closed()).toBe(1006);
    const back = await configuredGuest(a.token);
    expect((back.frames.find((f) => f.class === 'SessionResponse')?.body as { newSession: boolean }).newSession).toBe(false);
  });

  it('dropSockets 0.5 drops half of the sockets', async () => {
    const sockets = [await configuredGuest(), await configuredGuest(), await configuredGuest(), await configuredGuest()];
    await faults({ dropSockets: 0.5 });
    await expect.poll(() => sockets.filter((s) => s.closeCode !== null).length).toBe(2);
    // The survivors are still served: an agent message reaches each of them.
    for (const survivor of sockets.filter((s) => s.closeCode === null)) {
      await survivor.say('still here');
      emu.ctx.world.agentSend(conversationId(survivor), { text: 'after the drop' });
      await expect.poll(() => agentTexts(survivor)).toContain('after the drop');
    }
  });

  it('duplicate sends every outbound frame twice', async () => {
    const g = await configuredGuest();
    await faults({ duplicate: true });
    emu.ctx.world.agentSend(conversationId(g), { text: 'twice' });
    await expect.poll(() => agentTexts(g).filter((t) => t === 'twice').length).toBe(2);
    const [first, second] = g.frames.filter((f) => isOutboundText(f, 'twice'));
    expect((first?.body as StructuredMessageBody).id).toBe((second?.body as StructuredMessageBody).id);
  });

  it('reorder swaps consecutive outbound frames (their channel.time still tells the true order)', async () => {
    const g = await configuredGuest();
    await faults({ reorder: true });
    const id = conversationId(g);
    emu.ctx.world.agentSend(id, { text: 'first' });
    emu.ctx.world.agentSend(id, { text: 'second' });
    await expect.poll(() => agentTexts(g).length).toBe(2);
    expect(agentTexts(g)).toEqual(['second', 'first']);
    const times = g.frames.filter((f) => isOutboundText(f)).map((f) => (f.body as StructuredMessageBody).channel?.time ?? '');
    expect([...times].sort()).toEqual([times[1], times[0]]);
  });

  it('reorder + duplicate: every frame arrives twice AND distinct frames change order', async () => {
    const g = await configuredGuest();
    await faults({ reorder: true, duplicate: true });
    const id = conversationId(g);
    emu.ctx.world.agentSend(id, { text: 'first' });
    emu.ctx.world.agentSend(id, { text: 'second' });
    await expect.poll(() => agentTexts(g).length).toBe(4);
    const texts = agentTexts(g);
    expect(texts.filter((t) => t === 'first')).toHaveLength(2);
    expect(texts.filter((t) => t === 'second')).toHaveLength(2);
    expect([...new Set(texts)]).toEqual(['second', 'first']); // first sightings: the later frame overtook
  });

  it('a lone frame held for reordering still arrives', async () => {
    const g = await configuredGuest();
    await faults({ reorder: true });
    emu.ctx.world.agentSend(conversationId(g), { text: 'alone' });
    await g.next((f) => isOutboundText(f, 'alone'));
  });

  it('delayMs holds outbound frames but not replies', async () => {
    const g = await configuredGuest();
    await faults({ delayMs: 300 });
    emu.ctx.world.agentSend(conversationId(g), { text: 'late' });
    const echo = await g.request({ action: 'echo', message: { type: 'Text', text: 'ping' } });
    expect(echo.class).toBe('StructuredMessage');
    expect(agentTexts(g)).toEqual([]); // the reply overtook the delayed message
    await g.next((f) => isOutboundText(f, 'late'));
  });

  it('rateLimit forces the next N requests to 429, then requests pass again', async () => {
    const g = await configuredGuest();
    await faults({ rateLimit: { retryAfter: 7, count: 2 } });
    const first = await g.say('one');
    const second = await g.say('two');
    for (const f of [first, second]) {
      expect(f).toMatchObject({ class: 'TooManyRequestsErrorMessage', code: 429, body: { errorCode: 429, retryAfter: 7 } });
    }
    expect((await g.say('three')).class).toBe('StructuredMessage');
  });

  it('expireSessions sends SessionExpiredEvent to every session; later requests get 4006', async () => {
    const a = await configuredGuest();
    const b = await configuredGuest();
    await faults({ expireSessions: true });
    await a.next((f) => f.class === 'SessionExpiredEvent');
    await b.next((f) => f.class === 'SessionExpiredEvent');
    expect(await a.say('hello')).toMatchObject({ class: 'string', code: 4006 });
  });
});
