import type { FastifyInstance } from 'fastify';
import type { Frame } from '@genesys-chat/protocol/web-messaging.js';
import { sendPlatformError } from '../http-errors.js';
import { allowOrigin, requestOrigin } from './cors.js';
import { messageFrame } from './frames.js';
import { originAllowed } from './origin.js';
import type { WebMessagingService } from './service.js';
import type { StoredAttachment } from '../attachments.js';

type Params = { id: string };
type Query = { expires?: string; signature?: string };

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The presigned upload target (`PUT /uploads/:id`, standing in for S3) and downloads (`GET /downloads/:id/:name`).
 * Registered in its own scope because it reads every body as raw bytes.
 */
export function registerUploads(app: FastifyInstance, service: WebMessagingService): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const notify = (a: StoredAttachment, frame: Frame): void => {
    if (a.sessionKey) service.sessions.getByKey(a.sessionKey)?.broadcast(frame);
  };
  const failure = (a: StoredAttachment, errorCode: number, errorMessage: string): Frame =>
    messageFrame('UploadFailureEvent', { attachmentId: a.id, errorCode, errorMessage, timestamp: new Date().toISOString() });

  const corsFor = (a: StoredAttachment | undefined, origin: string | undefined): boolean => {
    if (!origin) return true; // not a browser: nothing to allow
    const deploymentId = a?.sessionKey?.split(':')[0];
    const deployment = deploymentId ? service.deployment(deploymentId) : undefined;
    return deployment !== undefined && originAllowed(deployment, origin);
  };

  app.options<{ Params: Params }>('/uploads/:id', async (request, reply) => {
    const origin = requestOrigin(request);
    const a = service.attachments.get(request.params.id);
    if (!origin || !corsFor(a, origin)) return sendPlatformError(reply, 403, 'origin.not.allowed', 'Origin is not allowed');
    allowOrigin(reply, origin, 'PUT, OPTIONS', 'Content-Type, x-amz-tagging');
    return reply.code(204).send();
  });

  app.put<{ Params: Params; Querystring: Query }>('/uploads/:id', async (request, reply) => {
    const origin = requestOrigin(request);
    const a = service.attachments.get(request.params.id);
    if (!a || a.sessionKey === null) return sendPlatformError(reply, 404, 'not.found', 'No upload is pending for this id');
    if (!corsFor(a, origin)) return sendPlatformError(reply, 403, 'origin.not.allowed', 'Origin is not allowed');
    if (origin) allowOrigin(reply, origin, 'PUT, OPTIONS', 'Content-Type, x-amz-tagging');
    if (!service.attachments.verify('PUT', a.id, request.query.expires, request.query.signature)) {
      return sendPlatformError(reply, 403, 'signature.does.not.match', 'The upload URL is invalid or has expired');
    }
    if (a.uploaded) return sendPlatformError(reply, 409, 'conflict', 'This attachment was already uploaded');
    const expected = service.attachments.uploadUrl(a).headers;
    for (const [name, value] of Object.entries(expected)) {
      if (header(request.headers[name.toLowerCase()]) !== value) {
        return sendPlatformError(reply, 403, 'signature.does.not.match', `Header ${name} must be sent exactly as returned by onAttachment`);
      }
    }
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const deployment = service.deployment(a.sessionKey.split(':')[0] ?? '');
    const maxBytes = (deployment ? service.uploadRules(deployment).maxFileSizeKB : 10_240) * 1024;
    if (body.length === 0) {
      notify(a, failure(a, 4003, 'File content is empty'));
      return sendPlatformError(reply, 400, 'bad.request', 'Empty upload');
    }
    if (body.length > maxBytes) {
      notify(a, failure(a, 4002, `File size exceeds the maximum of ${maxBytes / 1024} KB`));
      return sendPlatformError(reply, 400, 'bad.request', 'File too large');
    }
    a.data = body;
    a.uploaded = true;
    notify(a, messageFrame('UploadSuccessEvent', {
      attachmentId: a.id, downloadUrl: service.attachments.downloadUrl(a), timestamp: new Date().toISOString(),
    }));
    return reply.code(200).header('ETag', `"${a.id}"`).send();
  });

  app.get<{ Params: Params & { name: string }; Querystring: Query }>('/downloads/:id/:name', async (request, reply) => {
    const a = service.attachments.get(request.params.id);
    if (!a?.data || !service.attachments.verify('GET', a.id, request.query.expires, request.query.signature)) {
      return sendPlatformError(reply, 404, 'not.found', 'Attachment not found or link expired');
    }
    return reply
      .header('Access-Control-Allow-Origin', '*')
      .header('Content-Type', a.fileType)
      // Never rendered on the emulator's (and desk's) origin: a download, not sniffed, sandboxed if opened anyway.
      // <img> and <video> still show images and videos; only navigation is affected.
      .header('Content-Disposition', `attachment; filename="${a.fileName.replace(/["\\\r\n]/g, '_')}"`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .send(a.data);
  });
}
