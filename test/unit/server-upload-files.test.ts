/**
 * The rules of a guest's upload (server/upload-files.ts) and its keeping in memory (server/upload-store.ts through
 * MemoryStore): which types are never taken, what the first bytes must be, the stored name, the download header, what
 * logs may show, and expiry and the byte budget.
 */
import { describe, expect, it } from 'vitest';
import { MemoryStore, UploadStoreFullError, type UploadRecord } from '../../server/store.js';
import {
  cleanFilename, contentDisposition, contentMismatch, DEFAULT_UPLOAD_MEMORY_BUDGET_BYTES, DEFAULT_UPLOAD_TYPES, idPrefix,
  isUploadId, logSafeUrl, mediaTypeOfHeader, newUploadId, uploadTypeProblem,
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

describe('upload rules, at their edges (from the mutation run of upload-files)', () => {
  it('the defaults: images, PDF and plain text, each one the rules take; a 256 MiB memory budget', () => {
    expect(DEFAULT_UPLOAD_TYPES).toEqual(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf', 'text/plain']);
    for (const type of DEFAULT_UPLOAD_TYPES) expect(uploadTypeProblem(type)).toBeNull();
    expect(DEFAULT_UPLOAD_MEMORY_BUDGET_BYTES).toBe(268_435_456);
  });

  it('refuses every scripting type by name, and a type with anything before it', () => {
    for (const type of ['application/ecmascript', 'text/ecmascript', 'application/x-shockwave-flash', 'text/html']) {
      expect(uploadTypeProblem(type), type).toMatch(/can carry script/);
    }
    expect(uploadTypeProblem(' image/png')).toMatch(/not a MIME type/);
    expect(uploadTypeProblem('x;image/png')).toMatch(/not a MIME type/);
  });

  it('reads a Content-Type with spaces and capitals as its media type', () => {
    expect(mediaTypeOfHeader(' IMAGE/PNG ')).toBe('image/png');
  });

  it('takes each signature exactly: GIF87a as well as GIF89a, a JPEG by its three bytes, WebP by both of its marks', () => {
    expect(contentMismatch('image/gif', Buffer.from('GIF87a', 'latin1'))).toBeNull();
    expect(contentMismatch('image/gif', Buffer.from('GIF89a', 'latin1'))).toBeNull();
    expect(contentMismatch('image/jpeg', Buffer.from([0xff, 0xd8, 0xff]))).toBeNull();
    expect(contentMismatch('image/jpeg', Buffer.from([0xff, 0xd8, 0xfe]))).toBe('not a JPEG image');
    expect(contentMismatch('image/jpeg', Buffer.from([0xff, 0xd8]))).toBe('not a JPEG image');
    expect(contentMismatch('image/webp', Buffer.from('RIFF\0\0\0\0WEBP', 'latin1'))).toBeNull();
    expect(contentMismatch('image/webp', Buffer.from('RIFX\0\0\0\0WEBP', 'latin1'))).toBe('not a WebP image');
    // The PNG signature alone (8 bytes) is a PNG's start; one byte off is not.
    expect(contentMismatch('image/png', PNG.subarray(0, 8))).toBeNull();
    expect(contentMismatch('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b]))).toBe('not a PNG image');
    expect(contentMismatch('image/png', Buffer.from([0x00, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('not a PNG image');
  });

  it('keeps each known type\'s own endings and adds the first when the name has none', () => {
    for (const [name, mime] of [['a.jpeg', 'image/jpeg'], ['a.jfif', 'image/jpeg'], ['a.gif', 'image/gif'], ['a.webp', 'image/webp'], ['a.csv', 'text/csv']] as const) {
      expect(cleanFilename(name, mime), name).toBe(name);
    }
    expect(cleanFilename('a.gif.exe', 'image/gif')).toBe('a.gif.exe.gif');
    expect(cleanFilename('photo', 'image/jpeg')).toBe('photo.jpg');
    expect(cleanFilename('report', 'text/csv')).toBe('report.csv');
    // A name that is only the extension is not a name with that extension.
    expect(cleanFilename('gif', 'image/gif')).toBe('gif.gif');
    expect(cleanFilename('..gif', 'image/gif')).toBe('gif.gif');
    // Only leading dots go (a name may have dots inside); an unknown type keeps an extension only at the end.
    expect(cleanFilename('..my.notes', 'application/x-unknown')).toBe('my.notes');
    expect(cleanFilename('a.b c', 'application/zip')).toBe('a.b c.zip');
  });

  it('cuts a long name only past 255 characters, keeping its own ending', () => {
    const exact = `${'n'.repeat(251)}.png`;
    expect(cleanFilename(exact, 'image/png')).toBe(exact);
    const withAdded = 'n'.repeat(251);
    expect(cleanFilename(withAdded, 'image/png')).toBe(`${withAdded}.png`);
    expect(cleanFilename('n'.repeat(253), 'image/png')).toBe(`${'n'.repeat(251)}.png`);
    expect(cleanFilename(`x.abc${'n'.repeat(300)}.data`, 'application/x-unknown')).toBe(`x.abc${'n'.repeat(245)}.data`);
    expect(cleanFilename('photo', 'image/webp')).toBe('photo.webp');
    const unknown = `${'n'.repeat(300)}.b c`;
    expect(cleanFilename(unknown, 'application/x-unknown')).toHaveLength(255);
    const ending = cleanFilename(`${'n'.repeat(300)}.data`, 'application/x-unknown');
    expect(ending).toBe(`${'n'.repeat(250)}.data`);
  });

  it('the ASCII fallback name replaces what is not printable ASCII, quotes and backslashes', () => {
    expect(contentDisposition('text/plain', 'a"b\\c é.txt')).toMatch(/^attachment; filename="a_b_c _.txt";/);
  });

  it('an upload id and what logs may show of it', () => {
    expect(isUploadId(newUploadId())).toBe(true);
    expect(isUploadId('short')).toBe(false);
    expect(idPrefix('AbCdEfGhIjKl')).toBe('AbCdEf');
    expect(logSafeUrl('/api/uploads/abcdef')).toBe('/api/uploads/abcdef'); // "/" and six characters: nothing to cut
    expect(logSafeUrl('/api/uploads/abcdefg')).toBe('/api/uploads/abcdef…');
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
    await expect(store.putUpload('b', record(60), 1000, 0)).rejects.toMatchObject(
      { name: 'UploadStoreFullError', message: 'The server holds as many files as it can; try again later.' });
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
