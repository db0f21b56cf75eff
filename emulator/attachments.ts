import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Attachment, AttachmentMediaType } from '@genesys-chat/protocol/web-messaging.js';
import { perEmulator } from './context.js';

/** One stored file: a guest upload (owned by a session) or an agent attachment (control API). */
export interface StoredAttachment {
  id: string;
  /** Session key of the guest who asked for the upload URL; null for agent attachments. */
  sessionKey: string | null;
  fileName: string;
  fileType: string;
  fileSize: number;
  data: Buffer | null;
  uploaded: boolean;
  deleted: boolean;
  createdAt: number;
  /** Header the presigned PUT must carry unchanged (stands in for S3's x-amz-tagging). */
  tagging: string;
}

/** Media type Genesys gives an attachment from its MIME type. */
export function mediaTypeOf(mime: string): AttachmentMediaType {
  if (mime.startsWith('image/')) return 'Image';
  if (mime.startsWith('video/')) return 'Video';
  if (mime.startsWith('audio/')) return 'Audio';
  return 'File';
}

/** In-memory file store with signed upload/download URLs pointing at the emulator itself. */
export class AttachmentStore {
  private readonly files = new Map<string, StoredAttachment>();
  private readonly secret = randomBytes(32);

  constructor(private readonly baseUrl: () => string, private readonly urlValiditySeconds = 600) {}

  /** Registers an upload slot (data comes later by PUT). */
  reserve(sessionKey: string | null, fileName: string, fileType: string, fileSize: number): StoredAttachment {
    const attachment: StoredAttachment = {
      id: randomUUID(), sessionKey, fileName, fileType, fileSize, data: null, uploaded: false, deleted: false,
      createdAt: Date.now(), tagging: `emulator=${randomBytes(6).toString('hex')}`,
    };
    this.files.set(attachment.id, attachment);
    return attachment;
  }

  /** Stores a complete file at once (agent attachments). */
  put(fileName: string, fileType: string, data: Buffer): StoredAttachment {
    const attachment = this.reserve(null, fileName, fileType, data.length);
    attachment.data = data;
    attachment.uploaded = true;
    return attachment;
  }

  get(id: string): StoredAttachment | undefined {
    const a = this.files.get(id);
    return a && !a.deleted ? a : undefined;
  }

  delete(id: string): void {
    const a = this.files.get(id);
    if (a) {
      a.deleted = true;
      a.data = null;
    }
  }

  /** Presigned PUT URL and the headers it must be sent with. */
  uploadUrl(a: StoredAttachment): { url: string; headers: Record<string, string> } {
    const expires = Math.floor(Date.now() / 1000) + this.urlValiditySeconds;
    const signature = this.sign(`PUT\n${a.id}\n${expires}`);
    return {
      url: `${this.baseUrl()}/uploads/${a.id}?expires=${expires}&signature=${signature}`,
      headers: { 'Content-Type': a.fileType, 'x-amz-tagging': a.tagging },
    };
  }

  /** Signed download URL. */
  downloadUrl(a: StoredAttachment): string {
    const expires = Math.floor(Date.now() / 1000) + 24 * 3600;
    const signature = this.sign(`GET\n${a.id}\n${expires}`);
    return `${this.baseUrl()}/downloads/${a.id}/${encodeURIComponent(a.fileName)}?expires=${expires}&signature=${signature}`;
  }

  /** Checks a URL signature (constant time) and its expiry. */
  verify(method: 'PUT' | 'GET', id: string, expires: unknown, signature: unknown): boolean {
    if (typeof expires !== 'string' || typeof signature !== 'string') return false;
    const exp = Number(expires);
    if (!Number.isFinite(exp) || exp < Date.now() / 1000) return false;
    const expected = Buffer.from(this.sign(`${method}\n${id}\n${exp}`));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The Web Messaging `Attachment` shape of a stored file. */
  describe(a: StoredAttachment): Attachment {
    return {
      id: a.id, mediaType: mediaTypeOf(a.fileType), url: this.downloadUrl(a), mime: a.fileType, filename: a.fileName,
      fileSize: a.data?.length ?? a.fileSize,
    };
  }

  private sign(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('hex');
  }
}

/** The attachment store of an emulator (created on first use). */
export const attachmentStore = perEmulator((ctx): AttachmentStore => new AttachmentStore(() => ctx.publicUrl()));
