/**
 * Attachments over Web Messaging (web-messaging.md §3): `onAttachment` → PresignedUrlResponse → PUT the bytes →
 * UploadSuccessEvent (or UploadFailureEvent) for that attachmentId; and `deleteAttachment`.
 */
import type { UploadProgress } from '../transport.js';
import {
  type Attachment, type AttachmentMediaType, type ClientRequest, type ServerFrame,
  type UploadFailureEventFrame, type UploadSuccessEventFrame,
} from '../../protocol/web-messaging.js';
import type { ChatError } from '../../model.js';
import { ChatFailure, chatError } from '../../connection/errors.js';
import { newId } from '../../connection/ids.js';
import { putFile } from '../../connection/upload.js';
import { bodyText, uploadError } from './error-frames.js';

/** Uploads can take long on slow links; the success event must come within this after the PUT. */
export const UPLOAD_CONFIRM_TIMEOUT_MS = 60_000;

/** The Attachment media type Genesys uses for a MIME type. */
export function mediaTypeOf(mime: string): AttachmentMediaType {
  if (mime.startsWith('image/')) return 'Image';
  if (mime.startsWith('video/')) return 'Video';
  if (mime.startsWith('audio/')) return 'Audio';
  return 'File';
}

export interface AttachmentUploadsOptions {
  /** Sends a request and resolves with its reply (or an error frame carrying its tracingId). */
  request: (request: ClientRequest & { tracingId?: string }, isReply: (frame: ServerFrame) => boolean) => Promise<ServerFrame>;
  /** The session token. */
  token: () => string;
  fetchImpl: typeof fetch;
  XMLHttpRequestImpl?: typeof XMLHttpRequest;
}

interface Confirmation {
  confirm(frame: UploadSuccessEventFrame | UploadFailureEventFrame): void;
  fail(error: ChatError): void;
}

export class AttachmentUploads {
  private readonly options: AttachmentUploadsOptions;
  /** Uploads whose bytes went (or go) up and wait for the server's verdict, by attachmentId. */
  private readonly confirmations = new Map<string, Confirmation>();

  constructor(options: AttachmentUploadsOptions) {
    this.options = options;
  }

  async upload(file: File, onProgress?: (progress: UploadProgress) => void): Promise<Attachment> {
    const tracingId = newId();
    const fileType = file.type || 'application/octet-stream';
    const reply = this.options.request(
      { action: 'onAttachment', token: this.options.token(), tracingId, fileName: file.name, fileType, fileSize: file.size },
      (frame) => frame.class === 'PresignedUrlResponse',
    );
    const frame = await reply;
    if (frame.class !== 'PresignedUrlResponse') throw uploadError(frame);
    const { attachmentId, url, headers } = frame.body;
    const confirmed = this.awaitConfirmation(attachmentId);
    try {
      await putFile({
        url, headers, file, fetchImpl: this.options.fetchImpl,
        ...(onProgress ? { onProgress } : {}),
        ...(this.options.XMLHttpRequestImpl ? { XMLHttpRequestImpl: this.options.XMLHttpRequestImpl } : {}),
      });
    } catch (error) {
      this.confirmations.delete(attachmentId);
      confirmed.catch(() => {});
      throw error;
    }
    const success = await confirmed;
    return {
      id: attachmentId, url: success, filename: file.name, mime: fileType, fileSize: file.size,
      mediaType: mediaTypeOf(fileType),
    };
  }

  async remove(attachmentId: string): Promise<void> {
    const frame = await this.options.request(
      { action: 'deleteAttachment', token: this.options.token(), tracingId: newId(), attachmentId },
      (f) => f.class === 'AttachmentDeletedResponse',
    );
    if (frame.class !== 'AttachmentDeletedResponse') {
      throw new ChatFailure(chatError('server', `The attachment could not be removed: ${bodyText(frame)}`, { detail: frame }));
    }
  }

  /** An UploadSuccessEvent / UploadFailureEvent arrived; ignored when no upload waits for it. */
  confirm(frame: UploadSuccessEventFrame | UploadFailureEventFrame): void {
    this.confirmations.get(frame.body.attachmentId)?.confirm(frame);
  }

  /** The socket went: every upload still waiting fails with `reason`. */
  failAll(reason: ChatError): void {
    for (const confirmation of this.confirmations.values()) confirmation.fail(reason);
    this.confirmations.clear();
  }

  private awaitConfirmation(attachmentId: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.confirmations.delete(attachmentId);
        reject(new ChatFailure(chatError('attachment-failed', 'The upload was not confirmed in time.')));
      }, UPLOAD_CONFIRM_TIMEOUT_MS);
      this.confirmations.set(attachmentId, {
        confirm: (frame) => {
          clearTimeout(timer);
          this.confirmations.delete(attachmentId);
          if (frame.class === 'UploadSuccessEvent') resolve(frame.body.downloadUrl);
          else reject(uploadError(frame));
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(new ChatFailure(error));
        },
      });
    });
  }
}
