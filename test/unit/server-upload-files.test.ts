/**
 * The rules of a guest's upload (server/upload-files.ts) and its keeping in memory (server/upload-store.ts through
 * MemoryStore): which types are never taken, what the first bytes must be, the stored name, the download header, what
 * logs may show, and expiry and the byte budget.
 */
import { describe, expect, it } from 'vitest';
import { MemoryStore, UploadStoreFullError, type UploadRecord } from '../../server/store.js';
import {
  cleanFilename, contentDisposition, contentMismatch, logSafeUrl, mediaTypeOfHeader, newUploadId, uploadTypeProblem,
} from '../../server/upload-files.js';
import { UPLOAD_ID_PATTERN } from '../../src/protocol/gateway.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('upload rules', () => {
  it('refuses wildcards, non-types and every type a browser would run', () => {
    for (const ok of ['image/png', 'application/pdf', 'text/plain', 'application/vnd.ms-excel', 'application/json']) expect(uploadTypeProblem(ok), ok).toBeNull();
    expect(uploadTypeProblem('image/*')).toBe('"image/*" is a wildcard; list each MIME type');
    expect(uploadTypeProblem('*/*')).toMatch(/wildcard/);
    for (const bad of ['png', 'image/', 'image/png; charset=x', 'image /png']) expect(uploadTypeProblem(bad), bad).toMatch(/not a MIME type/);
    for (const scriptable of ['text/html', 'image/svg+xml', 'application/xhtml+xml', 'text/xml', 'application/xml', 'application/javascript', 'text/javascript', 'application/rss+xml']) {
      expect(uploadTypeProblem(scriptable), scriptable).toMatch(/can carry script/);
    }
  });

  it('reads the media type of a Content-Type header (parameters dropped, lowercase)', () => {
    expect(mediaTypeOfHeader('Image/PNG; charset=binary')).toBe('image/png');
    expect(mediaTypeOfHeader(undefined)).toBe('');
  });

  it('checks the first bytes of raster images, and only of those', () => {
    const samples: Record<string, Buffer> = {
      'image/png': PNG,
      'image/jpeg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
      'image/gif': Buffer.from('GIF89a\x01\x00', 'latin1'),
      'image/webp': Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]),
    };
    for (const [mime, bytes] of Object.entries(samples)) {
      expect(contentMismatch(mime, bytes), mime).toBeNull();
      for (const [other, otherBytes] of Object.entries(samples)) if (other !== mime) expect(contentMismatch(mime, otherBytes), `${other} as ${mime}`).toMatch(/^not a .* image$/);
    }
    expect(contentMismatch('image/png', Buffer.from('<svg onload=alert(1)>'))).toBe('not a PNG image');
    expect(contentMismatch('image/gif', Buffer.from('GIF88a'))).toBe('not a GIF image');
    expect(contentMismatch('image/webp', Buffer.from('RIFF\0\0\0\0WAVE'))).toBe('not a WebP image');
    expect(contentMismatch('image/png', Buffer.alloc(0))).toBe('not a PNG image');
    expect(contentMismatch('application/pdf', Buffer.from('anything'))).toBeNull();
  });

  it('names the file: last path part, no control, bidi or quote characters, the type\'s extension, at most 255', () => {
    expect(cleanFilename('../../etc/passwd', 'text/plain')).toBe('passwd.txt');
    expect(cleanFilename('C:\\x\\photo.JPG', 'image/jpeg')).toBe('photo.JPG');
    expect(cleanFilename('a"b\'c`d\u0000\u0007\u009f.png', 'image/png')).toBe('abcd.png');
    expect(cleanFilename('invoice\u202efdp.exe', 'application/pdf')).toBe('invoicefdp.exe.pdf');
    expect(cleanFilename('run.bat', 'text/plain')).toBe('run.bat.txt');
    expect(cleanFilename('.bashrc', 'text/plain')).toBe('bashrc.txt');
    expect(cleanFilename('  spaced \t out  .png ', 'image/png')).toBe('spaced out .png');
    expect(cleanFilename(undefined, 'image/png')).toBe('file.png');
    expect(cleanFilename('///', 'application/pdf')).toBe('file.pdf');
    expect(cleanFilename('.png', 'image/png')).toBe('png.png');
    expect(cleanFilename('data', 'application/zip')).toBe('data.zip');
    expect(cleanFilename('sheet.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('sheet.xlsx');
    expect(cleanFilename('sheet', 'application/vnd.ms-excel')).toBe('sheet');
    const long = cleanFilename(`${'n'.repeat(300)}.png`, 'image/png');
    expect(long).toHaveLength(255);
    expect(long.endsWith('n.png')).toBe(true);
    const longNoExtension = cleanFilename('n'.repeat(300), 'image/png');
    expect(longNoExtension).toHaveLength(255);
    expect(longNoExtension.endsWith('.png')).toBe(true);
    const longOther = cleanFilename(`${'n'.repeat(300)}.docx`, 'application/msword');
    expect(longOther).toHaveLength(255);
    expect(longOther.endsWith('.docx')).toBe(true);
  });

  it('Content-Disposition: inline only for images; an RFC 5987 UTF-8 name and an ASCII fallback', () => {
    expect(contentDisposition('image/png', 'cat.png')).toBe(`inline; filename="cat.png"; filename*=UTF-8''cat.png`);
    expect(contentDisposition('application/pdf', "Ça (1)*'.pdf")).toBe(`attachment; filename="_a (1)*'.pdf"; filename*=UTF-8''%C3%87a%20%281%29%2A%27.pdf`);
    expect(contentDisposition('text/plain', 'a.txt')).toMatch(/^attachment;/);
    expect(contentDisposition('image/svg+xml', 'a.svg')).toMatch(/^attachment;/);
  });

  it('ids are unguessable and fit the protocol; logs see only their first 6 characters and no file name', () => {
    const ids = new Set(Array.from({ length: 100 }, newUploadId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(UPLOAD_ID_PATTERN);
    const id = newUploadId();
    expect(logSafeUrl(`/api/uploads/${id}`)).toBe(`/api/uploads/${id.slice(0, 6)}…`);
    expect(logSafeUrl(`/api/uploads/${id}?x=1`)).toBe(`/api/uploads/${id.slice(0, 6)}…?…`);
    expect(logSafeUrl('/api/uploads?filename=my-tax-return.pdf')).toBe('/api/uploads?…');
    expect(logSafeUrl('/api/uploads')).toBe('/api/uploads');
    expect(logSafeUrl('/api/uploads/abc')).toBe('/api/uploads/abc');
    expect(logSafeUrl('/api/session?x=1')).toBe('/api/session?x=1');
  });
});

describe('MemoryStore uploads', () => {
  const record = (size: number, guestId = 'g-1'): UploadRecord => ({
    guestId, sessionId: 's-1', mime: 'image/png', filename: 'a.png', size, url: 'http://x/api/uploads/id', createdAt: 0, bytes: Buffer.alloc(size, 7),
  });

  it('keeps, returns and deletes a file; it expires on read and in the sweep', async () => {
    const store = new MemoryStore();
    await store.putUpload('one', record(10), 1000, 0);
    expect(await store.getUpload('one', 999)).toMatchObject({ guestId: 'g-1', size: 10, bytes: Buffer.alloc(10, 7) });
    expect(await store.getUpload('one', 1000)).toBeUndefined();
    await store.putUpload('two', record(10), 1000, Date.now() - 2000);
    await store.putUpload('three', record(10), 60_000);
    await store.sweep(() => false);
    expect(await store.getUpload('two', Date.now() - 1500)).toBeUndefined(); // swept, not merely hidden by the clock
    expect(await store.getUpload('three')).toBeDefined();
    await store.deleteUpload('three');
    expect(await store.getUpload('three')).toBeUndefined();
    await store.deleteUpload('never');
  });

  it('refuses a file over the byte budget until room is made (deleted or expired files free it)', async () => {
    const store = new MemoryStore({ uploadBudgetBytes: 100 });
    await store.putUpload('a', record(60), 1000, 0);
    await expect(store.putUpload('b', record(60), 1000, 0)).rejects.toBeInstanceOf(UploadStoreFullError);
    await store.putUpload('b', record(40), 1000, 0); // exactly the budget
    await store.deleteUpload('b');
    await store.putUpload('c', record(40), 1000, 0);
    // At 1000 'a' and 'c' have expired: their bytes no longer count.
    await store.putUpload('d', record(100), 1000, 1000);
    expect(await store.getUpload('d', 1500)).toBeDefined();
    // Replacing an id frees the old bytes first.
    await store.putUpload('d', record(100), 1000, 1500);
  });
});
