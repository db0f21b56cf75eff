import { describe, expect, it } from 'vitest';
import { attachmentRefusal, extensionOf, matchesType } from '../../src/connection/attachment-rules.js';
import type { ChatLimits } from '../../src/model.js';

const LIMITS: ChatLimits = { maxMessageLength: 4000, allowedFileTypes: ['image/*', 'application/pdf'], maxFileSizeKB: 10, blockedExtensions: ['.exe'] };
const file = (name: string, type: string, size = 100) => ({ name, type, size });

describe('attachment rules', () => {
  it('matches MIME patterns case-insensitively, with wildcards', () => {
    expect(matchesType('IMAGE/PNG', 'image/*')).toBe(true);
    expect(matchesType('text/plain', 'image/*')).toBe(false);
    expect(matchesType('application/pdf', ' application/pdf ')).toBe(true);
    expect(matchesType('anything/at-all', '*/*')).toBe(true);
    expect(matchesType('application/pdfx', 'application/pdf')).toBe(false);
  });

  it('takes the last extension, lower-cased', () => {
    expect(extensionOf('Report.Final.PDF')).toBe('pdf');
    expect(extensionOf('README')).toBe('');
  });

  it('lets an allowed file through', () => {
    expect(attachmentRefusal(file('cat.png', 'image/png'), { attachments: true }, LIMITS)).toBeNull();
  });

  it('refuses when attachments are off, the type is not allowed, the extension is blocked or the file is too big', () => {
    expect(attachmentRefusal(file('cat.png', 'image/png'), { attachments: false }, LIMITS)?.code).toBe('attachment-type-not-allowed');
    expect(attachmentRefusal(file('notes.txt', 'text/plain'), { attachments: true }, LIMITS)?.code).toBe('attachment-type-not-allowed');
    const anyType = { ...LIMITS, allowedFileTypes: [] };
    expect(attachmentRefusal(file('setup.EXE', ''), { attachments: true }, anyType)?.code).toBe('attachment-type-not-allowed');
    expect(attachmentRefusal(file('big.png', 'image/png', 10 * 1024 + 1), { attachments: true }, LIMITS)?.code).toBe('attachment-too-large');
  });

  it('takes `*` for any type, and a wildcard only for its own top-level type', () => {
    expect(matchesType('application/zip', '*')).toBe(true);
    expect(matchesType('application/zip', ' * ')).toBe(true);
    expect(matchesType('imagex/png', 'image/*')).toBe(false);
    expect(matchesType('image', 'image/*')).toBe(false);
  });

  it('a name that starts with a dot has that extension; one without a dot has none', () => {
    expect(extensionOf('.bashrc')).toBe('bashrc');
    expect(attachmentRefusal(file('.exe', 'image/png'), { attachments: true }, LIMITS)).toMatchObject({ code: 'attachment-type-not-allowed' });
  });

  it('blocks an extension listed with or without its dot, in any case, and only a listed one', () => {
    const limits = { ...LIMITS, allowedFileTypes: [], blockedExtensions: ['exe', '.BAT', 'x.cmd'] };
    for (const name of ['setup.EXE', 'run.bat']) {
      expect(attachmentRefusal(file(name, 'application/octet-stream'), { attachments: true }, limits), name)
        .toMatchObject({ code: 'attachment-type-not-allowed', message: `.${name.split('.').pop()?.toLowerCase()} files cannot be sent.` });
    }
    expect(attachmentRefusal(file('script.cmd', 'text/plain'), { attachments: true }, limits)).toBeNull(); // 'x.cmd' is not '.cmd'
    expect(attachmentRefusal(file('photo.png', 'image/png'), { attachments: true }, limits)).toBeNull();
  });

  it('says why, in words, with what it refused', () => {
    expect(attachmentRefusal(file('a.png', 'image/png'), { attachments: false }, LIMITS))
      .toMatchObject({ code: 'attachment-type-not-allowed', message: 'Attachments are turned off for this chat.' });
    expect(attachmentRefusal(file('a.txt', 'text/plain'), { attachments: true }, LIMITS))
      .toMatchObject({ message: 'Files of type text/plain cannot be sent.', detail: { mime: 'text/plain' } });
    expect(attachmentRefusal(file('a', ''), { attachments: true }, LIMITS))
      .toMatchObject({ message: 'Files of type application/octet-stream cannot be sent.', detail: { mime: 'application/octet-stream' } });
    expect(attachmentRefusal(file('a.exe', 'image/png'), { attachments: true }, LIMITS)).toMatchObject({ detail: { extension: 'exe' } });
    expect(attachmentRefusal(file('a.png', 'image/png', 10 * 1024 + 1), { attachments: true }, LIMITS))
      .toMatchObject({ code: 'attachment-too-large', message: 'Files larger than 10 KB cannot be sent.', detail: { size: 10 * 1024 + 1 } });
    expect(attachmentRefusal(file('a.png', 'image/png', 10 * 1024), { attachments: true }, LIMITS)).toBeNull(); // exactly the limit
  });
});
