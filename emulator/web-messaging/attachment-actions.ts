import type { Frame } from '@genesys-chat/protocol/web-messaging.js';
import { FrameError, fail, responseFrame } from './frames.js';
import { requireSession, requireString, type RequestContext } from './request.js';

/** Longest file name accepted (4005 beyond). UNCONFIRMED: Genesys documents the code, not the number. */
export const MAX_FILE_NAME_LENGTH = 255;

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot >= 0 ? fileName.slice(dot).toLowerCase() : '';
}

function generateUrlError(rc: RequestContext, errorCode: number, errorMessage: string): never {
  throw new FrameError(responseFrame('GenerateUrlError', errorCode, { errorCode, errorMessage }, rc.tracingId));
}

/** `onAttachment`: checks name, type and size against the deployment, then answers a presigned PUT URL. */
export function onAttachment(rc: RequestContext): Frame {
  const session = requireSession(rc);
  if (session.readOnly) fail(409, 'Session is read-only, no new messages allowed');
  const deployment = rc.service.deployment(session.deploymentId);
  const rules = deployment ? rc.service.uploadRules(deployment) : null;
  if (!rules?.enabled) generateUrlError(rc, 4000, 'File upload is not enabled for this deployment');
  const fileName = requireString(rc, 'fileName');
  const fileType = requireString(rc, 'fileType');
  const fileSize = rc.request.fileSize;
  if (typeof fileSize !== 'number' || !Number.isFinite(fileSize) || fileSize < 0) fail(4020, 'Missing parameter: fileSize');
  if (fileName.length > MAX_FILE_NAME_LENGTH) generateUrlError(rc, 4005, `File name is longer than ${MAX_FILE_NAME_LENGTH} characters`);
  if (/[\\/\0]/.test(fileName)) generateUrlError(rc, 4004, 'File name is invalid');
  const extension = extensionOf(fileName);
  if (rules.blockedExtensions.map((e) => e.toLowerCase()).includes(extension)) {
    generateUrlError(rc, 4001, `File type ${extension} is not allowed`);
  }
  if (!rules.fileTypes.some((t) => t === '*/*' || t.toLowerCase() === fileType.toLowerCase())) {
    generateUrlError(rc, 4001, `File type ${fileType} is not allowed`);
  }
  if (fileSize > rules.maxFileSizeKB * 1024) generateUrlError(rc, 4002, `File size exceeds the maximum of ${rules.maxFileSizeKB} KB`);
  if (fileSize === 0) generateUrlError(rc, 4002, 'File is empty');

  const stored = rc.service.attachments.reserve(session.key, fileName, fileType, fileSize);
  const { url, headers } = rc.service.attachments.uploadUrl(stored);
  return responseFrame('PresignedUrlResponse', 200, { attachmentId: stored.id, url, headers, fileName, fileSize, fileType }, rc.tracingId);
}

/** `deleteAttachment`: removes an attachment before it is sent. */
export function deleteAttachment(rc: RequestContext): Frame {
  const session = requireSession(rc);
  const id = requireString(rc, 'attachmentId');
  const stored = rc.service.attachments.get(id);
  if (!stored || stored.sessionKey !== session.key) fail(4009, `Attachment not found: ${id}`);
  rc.service.attachments.delete(id);
  return responseFrame('AttachmentDeletedResponse', 200, { attachmentId: id }, rc.tracingId);
}

/** `getAttachment`: a download URL for an uploaded attachment of this session (or one an agent sent). */
export function getAttachment(rc: RequestContext): Frame {
  const session = requireSession(rc);
  const id = requireString(rc, 'attachmentId');
  const stored = rc.service.attachments.get(id);
  if (!stored || (stored.sessionKey !== null && stored.sessionKey !== session.key)) fail(4009, `Attachment not found: ${id}`);
  if (!stored.uploaded) fail(4010, `Attachment not successfully uploaded: ${id}`);
  return responseFrame('PresignedUrlResponse', 200, {
    attachmentId: id, url: rc.service.attachments.downloadUrl(stored), headers: {},
    fileName: stored.fileName, fileSize: stored.data?.length ?? stored.fileSize, fileType: stored.fileType,
  }, rc.tracingId);
}
