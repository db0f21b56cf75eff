/**
 * The checks a file passes before any upload: attachments turned on, an allowed MIME type (`image/*` patterns),
 * no blocked extension, not over the size limit.
 */
import type { ChatError, ChatFeatures, ChatLimits } from '../model.js';
import { chatError } from './errors.js';

/** True when `mime` matches `pattern` (`*`, `*\/*`, `image/*` or an exact type), case-insensitively. */
export function matchesType(mime: string, pattern: string): boolean {
  const p = pattern.trim().toLowerCase();
  const m = mime.toLowerCase();
  if (p === '*/*' || p === '*') return true;
  if (p.endsWith('/*')) return m.startsWith(p.slice(0, -1));
  return m === p;
}

/** The lower-case extension of a file name without the dot ('' when none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Why `file` cannot be uploaded under these features and limits, or null when it can. */
export function attachmentRefusal(
  file: Pick<File, 'name' | 'type' | 'size'>,
  features: Pick<ChatFeatures, 'attachments'>,
  limits: ChatLimits,
): ChatError | null {
  if (!features.attachments) {
    return chatError('attachment-type-not-allowed', 'Attachments are turned off for this chat.');
  }
  const mime = file.type || 'application/octet-stream';
  if (limits.allowedFileTypes.length && !limits.allowedFileTypes.some((pattern) => matchesType(mime, pattern))) {
    return chatError('attachment-type-not-allowed', `Files of type ${mime} cannot be sent.`, { detail: { mime } });
  }
  const extension = extensionOf(file.name);
  if (extension && limits.blockedExtensions.some((blocked) => blocked.replace(/^\./, '').toLowerCase() === extension)) {
    return chatError('attachment-type-not-allowed', `.${extension} files cannot be sent.`, { detail: { extension } });
  }
  if (file.size > limits.maxFileSizeKB * 1024) {
    return chatError('attachment-too-large', `Files larger than ${limits.maxFileSizeKB} KB cannot be sent.`, { detail: { size: file.size } });
  }
  return null;
}
