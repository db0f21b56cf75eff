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
});
