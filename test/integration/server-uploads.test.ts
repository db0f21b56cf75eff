/**
 * A guest's file upload through the gateway server (server/upload-routes.ts), over real HTTP and real sockets against
 * the real emulator: the file goes up with the session token, comes back to anyone holding its URL (Genesys fetches
 * it, spec §4.4) with headers that keep a browser from running it, reaches the Open Messaging conversation as the
 * attachment of a guest message, and every refusal path answers with its code. Each test fails when its guard goes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/index.js';
import { SessionTokens } from '../../server/session.js';
import {
  UPLOAD_ID_PATTERN, type GatewaySessionResponse, type GatewayUploadResponse,
} from '../../src/protocol/gateway.js';
import { GuestClient, httpJson, stackPerTest, startStack, TEST_SESSION_SECRET, waitFor, type Stack } from './server-harness.js';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const MAX_KB = 4;

interface Answer<T = unknown> { status: number; body: T; headers: Headers }

async function session(stack: Stack): Promise<GatewaySessionResponse> {
  const response = await httpJson<GatewaySessionResponse>(stack.server.url, 'POST', '/api/session', {});
  expect(response.status).toBe(200);
  return response.body;
}

/** POST /api/uploads with raw bytes. */
async function upload(stack: Stack, token: string | null, bytes: Buffer, mime: string | null, filename?: string, extra: Record<string, string> = {}): Promise<Answer<GatewayUploadResponse & { error?: string; message?: string; retryAfterSeconds?: number }>> {
  const query = filename === undefined ? '' : `?filename=${encodeURIComponent(filename)}`;
  const response = await fetch(`${stack.server.url}/api/uploads${query}`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(mime ? { 'content-type': mime } : {}), ...extra },
    body: new Uint8Array(bytes),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

async function download(url: string, method = 'GET'): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const response = await fetch(url, { method });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

async function remove(stack: Stack, id: string, token?: string): Promise<number> {
  const response = await fetch(`${stack.server.url}/api/uploads/${id}`, { method: 'DELETE', headers: token ? { authorization: `Bearer ${token}` } : {} });
  await response.body?.cancel();
  return response.status;
}

/** The emulator's record of a guest's inbound messages with their attachments. */
async function inboundOf(stack: Stack, guestId: string): Promise<{ text?: string; attachments: { url?: string; mime?: string; filename?: string; mediaType?: string }[] }[]> {
  const conversations = await httpJson<{ customerId: string | null; messages: { direction: string; text?: string;
    content?: { attachment?: { url?: string; mime?: string; filename?: string; mediaType?: string } }[] }[] }[]>(stack.emulator.url, 'GET', '/emulator/conversations');
  const conversation = conversations.body.find((c) => c.customerId === guestId);
  return (conversation?.messages ?? []).filter((m) => m.direction.toLowerCase() === 'inbound')
    .map((m) => ({ ...(m.text ? { text: m.text } : {}), attachments: (m.content ?? []).flatMap((c) => (c.attachment ? [c.attachment] : [])) }));
}

describe('gateway uploads: POST, GET and DELETE /api/uploads', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ uploads: { maxKB: MAX_KB }, sessionRateLimitPerMinute: 1000 });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('the session and its renewal say where to upload; ready offers attachments with the types and the size cap', async () => {
    const s = await session(stack);
    expect(s.uploadUrl).toBe(`${stack.server.url}/api/uploads`);
    const renewed = await httpJson<GatewaySessionResponse>(stack.server.url, 'POST', '/api/session/renew', { token: s.token });
    expect(renewed.body.uploadUrl).toBe(`${stack.server.url}/api/uploads`);
    const guest = await GuestClient.open(s);
    const ready = await guest.next('ready');
    expect(ready.features.attachments).toBe(true);
    expect(ready.limits).toEqual({
      maxMessageLength: 4000, maxFileSizeKB: MAX_KB, blockedExtensions: [],
      allowedFileTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'],
    });
    await guest.close();
  });

  it('a PNG goes up (201) and comes back byte for byte to anyone with its URL, with headers that keep it inert', async () => {
    const s = await session(stack);
    const put = await upload(stack, s.token, PNG, 'Image/PNG; charset=binary', 'holiday/../cat.png');
    expect(put.status).toBe(201);
    const file = put.body;
    expect(file.id).toMatch(UPLOAD_ID_PATTERN);
    expect(file).toEqual({ id: file.id, url: `${stack.server.url}/api/uploads/${file.id}`, mime: 'image/png', filename: 'cat.png', size: PNG.length, mediaType: 'Image' });
    const got = await download(file.url);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(PNG)).toBe(true);
    expect(Object.fromEntries(['content-type', 'x-content-type-options', 'content-security-policy', 'content-disposition',
      'cache-control', 'cross-origin-resource-policy', 'referrer-policy'].map((h) => [h, got.headers.get(h)]))).toEqual({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': `inline; filename="cat.png"; filename*=UTF-8''cat.png`,
      'cache-control': 'private, max-age=300',
      'cross-origin-resource-policy': 'cross-origin',
      'referrer-policy': 'no-referrer',
    });
    const head = await download(file.url, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('image/png');
    expect(head.bytes.length).toBe(0);
  });

  it('anything but an image is a download, under a cleaned name that keeps its type', async () => {
    const s = await session(stack);
    const pdf = await upload(stack, s.token, Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n'), 'application/pdf', 'C:\\Users\\ana\\Résumé "final"\u202e.pdf');
    expect(pdf.status).toBe(201);
    expect(pdf.body.filename).toBe('Résumé final.pdf');
    expect(pdf.body.mediaType).toBe('File');
    const got = await download(pdf.body.url);
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="R_sum_ final.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20final.pdf`);
    const script = await upload(stack, s.token, Buffer.from('echo hi'), 'text/plain', 'run.bat');
    expect(script.body.filename).toBe('run.bat.txt');
    const unnamed = await upload(stack, s.token, PNG, 'image/png');
    expect(unnamed.body.filename).toBe('file.png');
  });

  it('401 without a token, with a bad, forged or expired one, or for a session the server does not know', async () => {
    const s = await session(stack);
    const tokens = new SessionTokens(TEST_SESSION_SECRET);
    const past = Math.floor(Date.now() / 1000) - 5;
    const cases: [string, Record<string, string>][] = [
      ['no header', {}],
      ['not bearer', { authorization: `Basic ${s.token}` }],
      ['garbage', { authorization: 'Bearer nonsense' }],
      ['forged', { authorization: `Bearer ${s.token.split('.')[0]}.AAAA` }],
      ['expired', { authorization: `Bearer ${tokens.sign({ sid: s.sessionId, gid: s.guestId, exp: past })}` }],
      ['unknown session', { authorization: `Bearer ${tokens.sign({ sid: 'no-such-session', gid: s.guestId, exp: past + 600 })}` }],
      ['another guest', { authorization: `Bearer ${tokens.sign({ sid: s.sessionId, gid: 'g-someone-else', exp: past + 600 })}` }],
    ];
    for (const [what, headers] of cases) {
      const refused = await upload(stack, null, PNG, 'image/png', 'a.png', headers);
      expect(refused.status, what).toBe(401);
      expect(refused.body.error, what).toBe('unauthorized');
    }
    // The same request with the real token goes through.
    expect((await upload(stack, s.token, PNG, 'image/png')).status).toBe(201);
  });

  it('415 for a type not on the list, no type at all, or text labelled as an image', async () => {
    const s = await session(stack);
    for (const mime of ['application/x-msdownload', 'image/svg+xml', 'text/html', null]) {
      const refused = await upload(stack, s.token, Buffer.from('MZ\u0090\u0000'), mime);
      expect(refused.status, String(mime)).toBe(415);
      expect(refused.body.error, String(mime)).toBe('attachment-type-not-allowed');
    }
    const fake = await upload(stack, s.token, Buffer.from('<html><script>alert(1)</script></html>'), 'image/png', 'cat.png');
    expect(fake.status).toBe(415);
    expect(fake.body).toMatchObject({ error: 'attachment-type-not-allowed', message: 'The file is not a PNG image.' });
    const gif = await upload(stack, s.token, PNG, 'image/gif');
    expect(gif.body.message).toBe('The file is not a GIF image.');
    expect(stack.logs.some((line) => line.includes('upload refused: content does not match its type'))).toBe(true);
  });

  it('413 over the size cap (exactly the cap is fine), 400 for an empty file', async () => {
    const s = await session(stack);
    const exact = Buffer.concat([PNG, Buffer.alloc(MAX_KB * 1024 - PNG.length)]);
    expect((await upload(stack, s.token, exact, 'image/png')).status).toBe(201);
    const big = await upload(stack, s.token, Buffer.concat([exact, Buffer.alloc(1)]), 'image/png');
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error: 'attachment-too-large', message: `Files larger than ${MAX_KB} KB cannot be sent.` });
    const empty = await upload(stack, s.token, Buffer.alloc(0), 'image/png');
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ error: 'bad-request', message: 'The file is empty.' });
  });

  it('429 after 20 uploads a minute from one session, with Retry-After; another session is not held back', async () => {
    const s = await session(stack);
    for (let i = 0; i < 20; i++) expect((await upload(stack, s.token, Buffer.from(`note ${i}`), 'text/plain')).status).toBe(201);
    const limited = await upload(stack, s.token, Buffer.from('one more'), 'text/plain');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('rate-limited');
    expect(limited.body.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBe(limited.body.retryAfterSeconds);
    const other = await session(stack);
    expect((await upload(stack, other.token, Buffer.from('mine'), 'text/plain')).status).toBe(201);
  });

  it('404 as JSON for an unknown id and a malformed one', async () => {
    for (const id of ['A'.repeat(32), 'short', `${'a'.repeat(30)}.png`, 'a'.repeat(65)]) {
      const missing = await httpJson<{ error: string }>(stack.server.url, 'GET', `/api/uploads/${id}`);
      expect(missing.status, id).toBe(404);
      expect(missing.body.error, id).toBe('not-found');
    }
  });

  it('DELETE: only the uploading guest (204, then gone); anyone else gets 404 and the file stays', async () => {
    const owner = await session(stack);
    const stranger = await session(stack);
    const file = (await upload(stack, owner.token, PNG, 'image/png', 'mine.png')).body;
    expect(await remove(stack, file.id)).toBe(401);
    expect(await remove(stack, file.id, stranger.token)).toBe(404);
    expect((await download(file.url)).status).toBe(200);
    expect(await remove(stack, file.id, owner.token)).toBe(204);
    const gone = await httpJson<{ error: string }>(stack.server.url, 'GET', `/api/uploads/${file.id}`);
    expect(gone.status).toBe(404);
    expect(await remove(stack, file.id, owner.token)).toBe(404);
  });

  it('a CORS preflight from an allowed page lets the upload carry the token, and DELETE', async () => {
    const preflight = await fetch(`${stack.server.url}/api/uploads`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, DELETE, OPTIONS');
    const s = await session(stack);
    const put = await upload(stack, s.token, PNG, 'image/png', 'x.png', { origin: 'http://localhost:5173' });
    expect(put.status).toBe(201);
    expect(put.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect((await upload(stack, s.token, PNG, 'image/png', 'x.png', { origin: 'https://evil.example' })).status).toBe(403);
  });

  it("a message with the guest's upload reaches Genesys with the server's URL, type and name, and echoes with it", async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    const file = (await upload(stack, guest.session.token, PNG, 'image/png', 'receipt.png')).body;
    guest.send({ type: 'message', id: 'with-upload', text: 'my receipt', uploads: [file.id] });
    expect(await guest.next('ack', (f) => f.id === 'with-upload')).toMatchObject({ state: 'sent' });
    const inbound = await waitFor(async () => (await inboundOf(stack, guest.session.guestId)).length > 0 && inboundOf(stack, guest.session.guestId), 'the inbound message');
    expect(inbound).toEqual([{ text: 'my receipt', attachments: [expect.objectContaining({ url: file.url, mime: 'image/png', filename: 'receipt.png', mediaType: 'Image' })] }]);
    const echo = await guest.next('message', (f) => f.message.id === 'with-upload');
    expect(echo.message.content).toEqual([{ contentType: 'Attachment', attachment: expect.objectContaining({ url: file.url, mime: 'image/png', filename: 'receipt.png', mediaType: 'Image' }) }]);
    // What Genesys fetches is the file.
    expect((await download(file.url)).bytes.equals(PNG)).toBe(true);
    await guest.close();
  });

  it('a resend of a message that went through is acked sent even when its file is gone since, and posted once', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    const file = (await upload(stack, guest.session.token, PNG, 'image/png', 'once.png')).body;
    const frame = { type: 'message', id: 'resent', text: 'once', uploads: [file.id] } as const;
    guest.send(frame);
    expect((await guest.next('ack', (f) => f.id === 'resent')).state).toBe('sent');
    expect(await remove(stack, file.id, guest.session.token)).toBe(204);
    // The ack was lost (say, the socket dropped): the widget sends the same id again.
    guest.send(frame);
    const acks = () => guest.frames.filter((f) => f.type === 'ack' && f.id === 'resent');
    await waitFor(() => acks().length === 2, 'the second ack');
    expect(acks()[1]).toEqual({ type: 'ack', id: 'resent', state: 'sent' });
    expect(await inboundOf(stack, guest.session.guestId)).toEqual([{ text: 'once', attachments: [expect.objectContaining({ url: file.url })] }]);
    await guest.close();
  });

  it("another guest's upload, or one that is gone: failed ack (attachment-failed), nothing reaches Genesys", async () => {
    const alice = await GuestClient.connect(stack.server.url, {});
    const mallory = await GuestClient.connect(stack.server.url, {});
    const alicesFile = (await upload(stack, alice.session.token, PNG, 'image/png', 'private.png')).body;
    mallory.send({ type: 'message', id: 'stolen', text: 'look', uploads: [alicesFile.id] });
    expect(await mallory.next('ack', (f) => f.id === 'stolen')).toEqual({
      type: 'ack', id: 'stolen', state: 'failed', failure: { code: 'attachment-failed', message: 'That file is no longer available.' },
    });
    const own = (await upload(stack, alice.session.token, PNG, 'image/png')).body;
    expect(await remove(stack, own.id, alice.session.token)).toBe(204);
    alice.send({ type: 'message', id: 'deleted', text: 'gone', uploads: [own.id] });
    expect((await alice.next('ack', (f) => f.id === 'deleted')).failure?.code).toBe('attachment-failed');
    // Nothing was posted: the next plain message is the first the emulator sees from either.
    mallory.send({ type: 'message', id: 'plain', text: 'plain words' });
    expect((await mallory.next('ack', (f) => f.id === 'plain')).state).toBe('sent');
    expect(await inboundOf(stack, mallory.session.guestId)).toEqual([{ text: 'plain words', attachments: [] }]);
    expect(await inboundOf(stack, alice.session.guestId)).toEqual([]);
    expect(stack.logs.filter((line) => line.includes('upload refused')).length).toBeGreaterThanOrEqual(2);
    await alice.close();
    await mallory.close();
  });

  it('the log never holds a token, a file name or a whole upload id (the id is the file\'s key)', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    const file = (await upload(stack, guest.session.token, PNG, 'image/png', 'secret-plan.png')).body;
    await download(file.url);
    guest.send({ type: 'message', id: 'logged', text: 'x', uploads: [file.id] });
    await guest.next('ack', (f) => f.id === 'logged');
    expect(await remove(stack, file.id, guest.session.token)).toBe(204);
    await download(file.url);
    const log = stack.logs.join('\n');
    expect(log).toContain(file.id.slice(0, 6));
    expect(log).not.toContain(file.id);
    expect(log).not.toContain(guest.session.token);
    expect(log).not.toContain('secret-plan');
  });
});

describe('gateway uploads: limits of the store, and uploads off', () => {
  const startStackHere = stackPerTest();

  it('503 with Retry-After when the memory budget is full; room again once a file is deleted', async () => {
    const stack = await startStackHere({ uploads: { memoryBudgetBytes: 1000 }, publicUrl: 'https://chat.example.com/' });
    const s = await session(stack);
    expect(s.uploadUrl).toBe('https://chat.example.com/api/uploads');
    const first = await upload(stack, s.token, Buffer.alloc(600, 'a'), 'text/plain');
    expect(first.status).toBe(201);
    expect(first.body.url).toBe(`https://chat.example.com/api/uploads/${first.body.id}`);
    const full = await upload(stack, s.token, Buffer.alloc(600, 'b'), 'text/plain');
    expect(full.status).toBe(503);
    expect(full.body).toMatchObject({ error: 'unavailable', retryAfterSeconds: 60 });
    expect(full.headers.get('retry-after')).toBe('60');
    expect(await remove(stack, first.body.id, s.token)).toBe(204);
    expect((await upload(stack, s.token, Buffer.alloc(600, 'b'), 'text/plain')).status).toBe(201);
  });

  it('a store that cannot be read: the message gets a failed ack (server) at once, and nothing reaches Genesys', async () => {
    const stack = await startStackHere({ uploads: {} });
    const guest = await GuestClient.connect(stack.server.url, {});
    const file = (await upload(stack, guest.session.token, PNG, 'image/png')).body;
    stack.server.runtime.store.backend.getUpload = () => Promise.reject(new Error('redis down'));
    guest.send({ type: 'message', id: 'unreadable', text: 'x', uploads: [file.id] });
    expect((await guest.next('ack', (f) => f.id === 'unreadable')).failure).toEqual({ code: 'server', message: 'The file could not be read; try again.' });
    expect(await inboundOf(stack, guest.session.guestId)).toEqual([]);
    await guest.close();
  });

  it('an expired file is gone', async () => {
    const stack = await startStackHere({ uploads: { ttlSeconds: 1 } });
    const s = await session(stack);
    const file = (await upload(stack, s.token, PNG, 'image/png')).body;
    expect((await download(file.url)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await download(file.url)).status).toBe(404);
  });

  it('off (the default of buildServer): no uploadUrl, no route, attachments off in ready, the JSON-only preflight', async () => {
    const stack = await startStackHere();
    const s = await session(stack);
    expect(s).not.toHaveProperty('uploadUrl');
    const post = await upload(stack, s.token, PNG, 'image/png');
    expect(post.status).toBe(404);
    const guest = await GuestClient.open(s);
    const ready = await guest.next('ready');
    expect(ready.features.attachments).toBe(false);
    expect(ready.limits).toMatchObject({ allowedFileTypes: [], maxFileSizeKB: 0 });
    // An upload id in a message is refused like any unknown file.
    guest.send({ type: 'message', id: 'no-uploads', text: 'x', uploads: ['A'.repeat(32)] });
    expect((await guest.next('ack', (f) => f.id === 'no-uploads')).failure?.code).toBe('attachment-failed');
    await guest.close();
    const preflight = await fetch(`${stack.server.url}/api/uploads`, {
      method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
  });

  it('refuses to build with a type a browser would run', async () => {
    const genesys = { apiBase: 'http://127.0.0.1:1', loginBase: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's', integrationId: 'i', webhookSecret: 'w'.repeat(16) };
    await expect(buildServer({ genesys, sessionSecret: TEST_SESSION_SECRET, uploads: { types: ['image/png', 'image/svg+xml'] } }))
      .rejects.toThrow(/image\/svg\+xml.*script/);
  });
});
