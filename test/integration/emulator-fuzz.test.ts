import { describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { MAX_FRAME_BYTES } from '../../emulator/web-messaging/socket.js';
import { GuestClient } from '../../emulator/testing/guest-client.js';
import { useEmulator } from './support/emulator-harness.js';

const emu = useEmulator({ rateLimitPerMinute: 0 });
const { guest } = emu;

/** A small deterministic PRNG so a failing run can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const actions = ['configureSession', 'onMessage', 'echo', 'getJwt', 'getConfiguration', 'closeSession', 'onAttachment',
  'deleteAttachment', 'getAttachment', 'configureAuthenticatedSession', 'resumeToken', 'bogus', '', '__proto__', 'constructor'];
const values: unknown[] = [null, true, 0, -1, 1e308, '', 'x', 'Text', 'Event', [], {}, [{}], { type: 'Text' }, { type: 'Event', events: [] },
  { type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Clear' } }] }, { type: 'Structured', content: 'nope' },
  { type: 'Text', text: 42 }, { type: 'Text', text: 'ok', content: [{ contentType: 'Attachment', attachment: {} }] }, 'z'.repeat(5000)];

async function stillServes(): Promise<void> {
  const g = await guest();
  const session = await g.configure();
  expect(session.class).toBe('SessionResponse');
  expect((await g.say('still here')).class).toBe('StructuredMessage');
  expect((await fetch(`${emu.url}/emulator/health`)).status).toBe(200);
}

describe('fuzz', () => {
  it('malformed frames each get an error frame and the socket lives on', async () => {
    const g = await guest();
    const junk = ['', 'not json', '{', '[]', 'null', '42', '"string"', '{"action":5}', '{"action":"bogus","tracingId":"t"}', '{"token":"x"}'];
    for (const text of junk) g.sendRaw(text);
    g.sendRaw(randomBytes(64)); // binary
    await expect.poll(() => g.frames.length).toBe(junk.length + 1);
    expect(g.frames.every((f) => f.class === 'string' && f.code === 400)).toBe(true);
    expect(g.closeCode).toBeNull();
    expect((await g.configure()).class).toBe('SessionResponse');
  });

  it('random requests, in random order, never crash it and every tracingId gets an answer or a documented silence', async () => {
    const random = prng(20240601);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const g = await guest();
    const sent: Record<string, unknown>[] = [];
    for (let i = 0; i < 300; i += 1) {
      const request: Record<string, unknown> = { action: pick(actions), tracingId: `fuzz-${i}` };
      if (random() < 0.9) request.token = random() < 0.7 ? g.token : pick(values);
      for (const field of ['message', 'deploymentId', 'startNew', 'attachmentId', 'fileName', 'fileType', 'fileSize', 'channel', 'closeAllConnections']) {
        if (random() < 0.3) request[field] = pick(values);
      }
      sent.push(request);
      g.sendRaw(JSON.stringify(request));
    }
    // Sync point: a final echo is answered only after every earlier frame was handled.
    g.sendRaw(JSON.stringify({ action: 'echo', token: g.token, tracingId: 'fuzz-end', message: { type: 'Text', text: 'end' } }));
    await g.next((f) => f.tracingId === 'fuzz-end', 10_000);
    expect(g.frames.filter((f) => f.code >= 500 && f.code < 600)).toEqual([]);
    // The only requests Genesys answers with silence are accepted events (Typing, Presence).
    const answered = new Set(g.frames.map((f) => f.tracingId));
    const silent = sent.filter((r) => !answered.has(r.tracingId as string));
    for (const r of silent) {
      expect(r.action).toBe('onMessage');
      expect((r.message as { type?: unknown }).type).toBe('Event');
    }
    await stillServes();
  });

  it('an oversized frame closes only that socket (1009); the emulator keeps serving', async () => {
    const g = await guest();
    await g.configure();
    g.sendRaw(JSON.stringify({ action: 'onMessage', token: g.token, message: { type: 'Text', text: 'x'.repeat(MAX_FRAME_BYTES) } }));
    expect(await g.closed()).toBe(1009);
    await stillServes();
  });

  it('a long text under the frame limit is answered 4011, not dropped', async () => {
    const g = await guest();
    await g.configure();
    expect(await g.say('x'.repeat(100_000))).toMatchObject({ class: 'string', code: 4011 });
  });

  it('out-of-order requests (everything before configureSession, twice after close) are refused cleanly', async () => {
    const g = await guest();
    for (const action of ['onMessage', 'getJwt', 'closeSession', 'onAttachment', 'deleteAttachment', 'getAttachment']) {
      const frame = await g.request({ action, message: { type: 'Text', text: 'early' }, attachmentId: randomUUID(), fileName: 'a.png', fileType: 'image/png', fileSize: 1 });
      expect(frame).toMatchObject({ class: 'string', code: 4007 });
    }
    await g.configure();
    await g.request({ action: 'closeSession' });
    const second = await g.request({ action: 'closeSession' });
    expect(['SessionResponse', 'string']).toContain(second.class);
    await stillServes();
  });

  it('a socket closing mid-request and garbage upgrades do not disturb others', async () => {
    for (let i = 0; i < 5; i += 1) {
      const g = await GuestClient.connect(emu.url);
      g.sendRaw(JSON.stringify({ action: 'configureSession', token: randomUUID(), deploymentId: 'demo-deployment' }));
      g.ws.terminate();
    }
    const res = await fetch(`${emu.url}/v1?deploymentId=demo-deployment`, { headers: { Origin: 'http://localhost' } });
    // A client error with a Platform-shaped JSON body, never a 5xx.
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await res.json()).toMatchObject({ status: res.status, code: expect.any(String) });
    await stillServes();
  });
});
