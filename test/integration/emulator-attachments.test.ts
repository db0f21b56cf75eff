import { describe, expect, it } from 'vitest';
import type { GuestClient } from '../../emulator/testing/guest-client.js';
import type { PresignedUrlResponseBody, StructuredMessageBody } from '../../src/protocol/web-messaging.js';
import { useEmulator } from './support/emulator-harness.js';

const emu = useEmulator();
const ORIGIN = 'http://localhost:5173';
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');

const configuredGuest = (): Promise<GuestClient> => emu.configuredGuest({ origin: ORIGIN });

async function presign(g: GuestClient, fileName = 'pic.png', fileType = 'image/png', fileSize = png.length): Promise<PresignedUrlResponseBody> {
  const frame = await g.request({ action: 'onAttachment', fileName, fileType, fileSize });
  expect(frame.class).toBe('PresignedUrlResponse');
  return frame.body as PresignedUrlResponseBody;
}

describe('attachment upload', () => {
  it('presigned PUT with exactly the returned headers, UploadSuccessEvent, then send it in a message', async () => {
    const g = await configuredGuest();
    const presigned = await presign(g);
    expect(presigned.url.startsWith(emu.url)).toBe(true);
    expect(presigned).toMatchObject({ fileName: 'pic.png', fileType: 'image/png', fileSize: png.length });

    const preflight = await fetch(presigned.url, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type,x-amz-tagging' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);

    const put = await fetch(presigned.url, { method: 'PUT', headers: { ...presigned.headers, Origin: ORIGIN }, body: png });
    expect(put.status).toBe(200);
    const success = await g.next((f) => f.class === 'UploadSuccessEvent');
    const { attachmentId, downloadUrl } = success.body as { attachmentId: string; downloadUrl: string };
    expect(attachmentId).toBe(presigned.attachmentId);
    const download = await fetch(downloadUrl);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(png);
    expect(download.headers.get('content-type')).toBe('image/png');

    const echo = await g.say('see attached', { message: { type: 'Text', text: 'see attached', content: [{ contentType: 'Attachment', attachment: { id: attachmentId } }] } });
    const body = echo.body as StructuredMessageBody;
    expect(body.content?.[0]).toMatchObject({ contentType: 'Attachment', attachment: { id: attachmentId, mediaType: 'Image', mime: 'image/png', filename: 'pic.png' } });

    const fetched = await g.request({ action: 'getAttachment', attachmentId });
    expect(fetched.class).toBe('PresignedUrlResponse');
    expect((fetched.body as PresignedUrlResponseBody).url).toContain(attachmentId);
  });

  it('a PUT without the returned headers is refused and nothing is stored', async () => {
    const g = await configuredGuest();
    const presigned = await presign(g);
    const put = await fetch(presigned.url, { method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: png });
    expect(put.status).toBe(403);
    expect(await put.json()).toMatchObject({ status: 403 });
    const send = await g.say('x', { message: { type: 'Text', text: 'x', content: [{ contentType: 'Attachment', attachment: { id: presigned.attachmentId } }] } });
    expect(send).toMatchObject({ class: 'string', code: 4010 });
  });

  it('a tampered signature is refused', async () => {
    const g = await configuredGuest();
    const presigned = await presign(g);
    const url = presigned.url.replace(/signature=[0-9a-f]/, (m) => (m.endsWith('0') ? m.slice(0, -1) + '1' : m.slice(0, -1) + '0'));
    const put = await fetch(url, { method: 'PUT', headers: presigned.headers, body: png });
    expect(put.status).toBe(403);
  });

  it('an empty upload gives UploadFailureEvent', async () => {
    const g = await configuredGuest();
    const presigned = await presign(g);
    const put = await fetch(presigned.url, { method: 'PUT', headers: presigned.headers, body: Buffer.alloc(0) });
    expect(put.status).toBe(400);
    const failure = await g.next((f) => f.class === 'UploadFailureEvent');
    expect(failure.body).toMatchObject({ attachmentId: presigned.attachmentId, errorCode: 4003 });
  });

  it('deleteAttachment removes it; a later send or get answers 4009', async () => {
    const g = await configuredGuest();
    const presigned = await presign(g);
    await fetch(presigned.url, { method: 'PUT', headers: presigned.headers, body: png });
    await g.next((f) => f.class === 'UploadSuccessEvent');
    const deleted = await g.request({ action: 'deleteAttachment', attachmentId: presigned.attachmentId });
    expect(deleted).toMatchObject({ class: 'AttachmentDeletedResponse', body: { attachmentId: presigned.attachmentId } });
    expect(await g.request({ action: 'getAttachment', attachmentId: presigned.attachmentId })).toMatchObject({ code: 4009 });
    expect(await g.request({ action: 'deleteAttachment', attachmentId: presigned.attachmentId })).toMatchObject({ code: 4009 });
  });

  it('another session cannot use my attachment', async () => {
    const mine = await configuredGuest();
    const presigned = await presign(mine);
    await fetch(presigned.url, { method: 'PUT', headers: presigned.headers, body: png });
    await mine.next((f) => f.class === 'UploadSuccessEvent');
    const other = await configuredGuest();
    const send = await other.say('x', { message: { type: 'Text', text: 'x', content: [{ contentType: 'Attachment', attachment: { id: presigned.attachmentId } }] } });
    expect(send).toMatchObject({ code: 4009 });
  });
});

describe('attachment rules', () => {
  it('4001 for a type the deployment does not allow, and for a blocked extension', async () => {
    const g = await configuredGuest();
    const exe = await g.request({ action: 'onAttachment', fileName: 'setup.exe', fileType: 'application/octet-stream', fileSize: 10 });
    expect(exe).toMatchObject({ class: 'GenerateUrlError', code: 4001, body: { errorCode: 4001 } });
    const disguised = await g.request({ action: 'onAttachment', fileName: 'run.sh', fileType: 'text/plain', fileSize: 10 });
    expect(disguised).toMatchObject({ code: 4001 });
  });

  it('4002 for a file over maxFileSizeKB', async () => {
    const g = await configuredGuest();
    const big = await g.request({ action: 'onAttachment', fileName: 'huge.png', fileType: 'image/png', fileSize: 10_240 * 1024 + 1 });
    expect(big).toMatchObject({ class: 'GenerateUrlError', code: 4002, body: { errorCode: 4002 } });
  });
});

describe('agent attachments (control API)', () => {
  it('POST /emulator/attachments returns a content-ready attachment the agent can send', async () => {
    const g = await configuredGuest();
    await g.say('need the form');
    const res = await fetch(`${emu.url}/emulator/attachments?filename=form.pdf&mime=application/pdf`, { method: 'POST', body: Buffer.from('%PDF-1.4 test') });
    expect(res.status).toBe(201);
    const attachment = await res.json() as { id: string; url: string; mime: string; filename: string; mediaType: string };
    expect(attachment).toMatchObject({ mime: 'application/pdf', filename: 'form.pdf', mediaType: 'File' });
    expect(Buffer.from(await (await fetch(attachment.url)).arrayBuffer()).toString()).toBe('%PDF-1.4 test');
    const conversation = emu.ctx.world.conversations().find((c) => c.sessionToken === g.token);
    if (!conversation) throw new Error('no conversation');
    const sent = await fetch(`${emu.url}/emulator/conversations/${conversation.id}/agent/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: [{ contentType: 'Attachment', attachment }] }),
    });
    expect(sent.status).toBe(201);
    const frame = await g.next((f) => (f.body as StructuredMessageBody).content?.[0]?.contentType === 'Attachment'
      && (f.body as StructuredMessageBody).direction === 'Outbound');
    expect(frame.body).toMatchObject({ type: 'Structured', content: [{ attachment: { id: attachment.id } }] });
  });

  it('refuses a missing filename/mime or an empty body with a JSON 400', async () => {
    const res = await fetch(`${emu.url}/emulator/attachments?filename=x.txt`, { method: 'POST', body: 'abc' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, code: 'bad.request' });
    const empty = await fetch(`${emu.url}/emulator/attachments?filename=x.txt&mime=text/plain`, { method: 'POST' });
    expect(empty.status).toBe(400);
  });
});
