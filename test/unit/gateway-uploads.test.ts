// A guest's file in gateway mode, as the widget's transport handles it: the upload to the server's `uploadUrl` (the
// session token as the bearer, the name in the query), what each refusal becomes for the composer, an answer that is
// not an upload, and the id travelling in the next message frame. The server's side: test/integration/*upload*.
import { afterEach, describe, expect, it } from 'vitest';
import { harness, json, ready, session, stopServer, until, type Harness } from './support/gateway-harness.js';

const UPLOAD_URL = 'http://gateway.test/api/uploads';
const ID = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';

afterEach(() => stopServer());

function uploaded(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: ID, url: `${UPLOAD_URL}/${ID}`, mime: 'image/png', filename: 'receipt.png', size: 4, mediaType: 'Image', ...overrides };
}

async function online(answers: (Response | (() => Response))[]): Promise<Harness> {
  const h = harness({ responses: [json(session({ uploadUrl: UPLOAD_URL }), 200), ...answers] });
  await h.transport.connect();
  return h;
}

const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'receipt (1).png', { type: 'image/png' });

describe('GatewayTransport.uploadAttachment', () => {
  it('POSTs the bytes to uploadUrl with the session token and the name, and returns the attachment to send', async () => {
    const h = await online([json(uploaded(), 201)]);
    const progress: { loaded: number; total: number }[] = [];
    const attachment = await h.transport.uploadAttachment(png(), (p) => progress.push(p));
    expect(attachment).toEqual({ id: ID, url: `${UPLOAD_URL}/${ID}`, filename: 'receipt.png', mime: 'image/png', fileSize: 4, mediaType: 'Image' });
    expect(h.requests[1]!.url).toBe(`${UPLOAD_URL}?filename=receipt%20(1).png`);
    const init = h.inits[1]!;
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ authorization: 'Bearer tok-1', 'content-type': 'image/png' });
    expect(init.body).toBeInstanceOf(File);
    expect(progress).toEqual([{ loaded: 4, total: 4 }]);
  });

  it('a file without a type goes as application/octet-stream (the server decides)', async () => {
    const h = await online([json(uploaded({ mime: 'text/plain', mediaType: 'File' }), 201)]);
    await h.transport.uploadAttachment(new File(['hi'], 'notes'));
    expect(h.inits[1]!.headers).toMatchObject({ 'content-type': 'application/octet-stream' });
  });

  it.each([
    [413, { error: 'attachment-too-large', message: 'big' }, 'attachment-too-large', 'The file is too large.'],
    [415, { error: 'attachment-type-not-allowed', message: 'no' }, 'attachment-type-not-allowed', 'Files of this type cannot be sent.'],
    [401, { error: 'unauthorized', message: 'who?' }, 'attachment-failed', 'The file could not be uploaded.'],
    [503, { error: 'unavailable', message: 'full' }, 'attachment-failed', 'The file could not be uploaded.'],
    [500, 'not json', 'attachment-failed', 'The file could not be uploaded.'],
    [300, { id: 'AbCdEfGhIjKlMnOpQrStUvWxYz012345' }, 'attachment-failed', 'The file could not be uploaded.'],
  ])('an HTTP %i (%j) is refused as %s, with what the server said in its detail', async (status, body, code, message) => {
    const h = await online([typeof body === 'string' ? new Response(body, { status }) : json(body, status)]);
    await expect(h.transport.uploadAttachment(png())).rejects.toMatchObject(
      { code, message, detail: { status, body: typeof body === 'string' ? null : body } });
  });

  it('a 200 is as good as a 201', async () => {
    const h = await online([json(uploaded(), 200)]);
    await expect(h.transport.uploadAttachment(png())).resolves.toMatchObject({ id: ID });
  });

  it('a 429 waits as long as the server says when that is a positive number, else 5 s', async () => {
    const h = await online([
      json({ error: 'rate-limited', message: 'slow', retryAfterSeconds: 12 }, 429), json({}, 429), new Response('busy', { status: 429 }),
      json({ retryAfterSeconds: '9' }, 429), json({ retryAfterSeconds: 0 }, 429), json({ retryAfterSeconds: -3 }, 429),
    ]);
    await expect(h.transport.uploadAttachment(png())).rejects.toMatchObject({ code: 'rate-limited', message: 'Too many files at once.', retryAfterSeconds: 12 });
    for (let i = 0; i < 5; i++) {
      await expect(h.transport.uploadAttachment(png())).rejects.toMatchObject({ code: 'rate-limited', retryAfterSeconds: 5 });
    }
  });

  it('a network failure is an attachment failure', async () => {
    const h = await online([() => { throw new TypeError('Failed to fetch'); }]);
    await expect(h.transport.uploadAttachment(png())).rejects.toMatchObject({ code: 'attachment-failed' });
  });

  it.each([
    ['an id the server would not take back', { id: 'short' }],
    ['a script URL', { url: 'javascript:alert(1)' }],
    ['a number for the name', { filename: 7 }],
    ['a string for the size', { size: '4' }],
    ['an unknown media type', { mediaType: 'Hologram' }],
    ['no mime', { mime: undefined }],
  ])('a 2xx with %s is refused, not shown', async (_, overrides) => {
    const h = await online([json(uploaded(overrides), 201)]);
    await expect(h.transport.uploadAttachment(png())).rejects.toMatchObject(
      { code: 'attachment-failed', message: 'The chat server answered the upload unexpectedly.' });
  });

  it('a server that offers no uploads (no uploadUrl, or one that is not http) gets no request', async () => {
    for (const uploadUrl of [undefined, 'javascript:alert(1)', 'javascript:open("https://x")', 42]) {
      stopServer();
      const h = harness({ responses: [json({ ...session(), uploadUrl }, 200)] });
      await h.transport.connect();
      await expect(h.transport.uploadAttachment(png())).rejects.toMatchObject({ code: 'attachment-failed', message: 'This chat server takes no files.' });
      expect(h.requests).toHaveLength(1);
    }
  });

  it('before the session is ready, or once disconnected, there is nothing to upload to', async () => {
    const h = harness({ responses: [json(session({ uploadUrl: UPLOAD_URL }), 200)] });
    await expect(h.transport.uploadAttachment(png())).rejects.toMatchObject({ code: 'not-connected', message: 'The chat is not connected.' });
    expect(h.requests).toHaveLength(0);
    await h.transport.connect();
    h.transport.disconnect(); // the session is kept for the next connect, but there is no socket to send the file in
    await expect(h.transport.uploadAttachment(png())).rejects.toMatchObject({ code: 'not-connected' });
    expect(h.requests).toHaveLength(1);
  });

  it('an unexpected 2xx answer travels in the error\'s detail', async () => {
    const h = await online([json({ hello: 'world' }, 201)]);
    await expect(h.transport.uploadAttachment(png())).rejects.toMatchObject({ detail: { hello: 'world' } });
  });
});

describe('GatewayTransport: the uploaded file in a message, and removed', () => {
  it('the attachment ids go in the message frame as `uploads`; a text-only message carries none', async () => {
    const h = await online([]);
    h.transport.sendMessage({ id: 'm-1', text: 'my receipt', attachmentIds: [ID] });
    h.transport.sendMessage({ id: 'm-2', text: 'thanks', attachmentIds: [] });
    await until(() => h.received.length === 3, 'two message frames');
    expect(h.received.slice(1)).toEqual([
      { type: 'message', id: 'm-1', text: 'my receipt', uploads: [ID] },
      { type: 'message', id: 'm-2', text: 'thanks' },
    ]);
  });

  it('deleteAttachment DELETEs the file with the session token; a 404 (already gone) is fine, a 500 is not', async () => {
    const h = await online([new Response(null, { status: 204 }), json({}, 404), json({}, 500)]);
    await h.transport.deleteAttachment(ID);
    expect(h.requests[1]!.url).toBe(`${UPLOAD_URL}/${ID}`);
    expect(h.inits[1]).toMatchObject({ method: 'DELETE', headers: { authorization: 'Bearer tok-1' } });
    await h.transport.deleteAttachment(ID);
    await expect(h.transport.deleteAttachment(ID)).rejects.toMatchObject({ code: 'server', message: 'The chat server answered 500.' });
  });

  it('deleteAttachment without uploads, or after the session was forgotten, asks nothing', async () => {
    const h = harness();
    await h.transport.connect();
    await h.transport.deleteAttachment(ID);
    expect(h.requests).toHaveLength(1);
    stopServer();
    const forgotten = await online([]);
    forgotten.transport.forgetSession();
    await forgotten.transport.deleteAttachment(ID);
    expect(forgotten.requests).toHaveLength(1);
  });

  it('deleteAttachment that cannot reach the server is a network error', async () => {
    const h = await online([() => { throw new TypeError('Failed to fetch'); }]);
    await expect(h.transport.deleteAttachment(ID)).rejects.toMatchObject(
      { code: 'network', message: 'The chat server cannot be reached.', detail: expect.any(TypeError) });
  });

  it('the ready frame turns attachments on with the server\'s limits', async () => {
    const frame = ready();
    const h = harness({
      responses: [json(session({ uploadUrl: UPLOAD_URL }), 200)],
      onAuth: (client) => client.send(JSON.stringify({ ...frame, features: { attachments: true },
        limits: { maxMessageLength: 4000, allowedFileTypes: ['image/png'], maxFileSizeKB: 10240, blockedExtensions: [] } })),
    });
    await h.transport.connect();
    expect(h.events).toContainEqual({ type: 'features', features: { attachments: true } });
    expect(h.events.find((e) => e.type === 'session')).toMatchObject({ session: { limits: { allowedFileTypes: ['image/png'], maxFileSizeKB: 10240 } } });
  });
});
