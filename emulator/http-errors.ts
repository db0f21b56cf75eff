import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { PlatformErrorBody } from '@genesys-chat/protocol/open-messaging.js';

/** Genesys Platform-shaped error body (`{message, code, status, contextId, details, errors}`). */
export function platformError(status: number, code: string, message: string): PlatformErrorBody {
  return { message, code, status, contextId: randomUUID(), details: [], errors: [] };
}

/** Sends a Platform-shaped JSON error. */
export function sendPlatformError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type('application/json').send(platformError(status, code, message));
}

function codeForStatus(status: number): string {
  switch (status) {
    case 400: return 'bad.request';
    case 401: return 'not.authorized';
    case 403: return 'forbidden';
    case 404: return 'not.found';
    case 405: return 'method.not.allowed';
    case 409: return 'conflict';
    case 413: return 'request.entity.too.large';
    case 415: return 'unsupported.media.type';
    case 429: return 'too.many.requests';
    default: return status >= 500 ? 'internal.server.error' : 'bad.request';
  }
}

/** Every error and unknown route answers JSON in the Platform shape; nothing leaks a stack trace. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error(error);
    void sendPlatformError(reply, status, codeForStatus(status), status >= 500 ? 'internal error' : error.message);
  });
  app.setNotFoundHandler((request, reply) => {
    void sendPlatformError(reply, 404, 'not.found', `no route for ${request.method} ${request.url.split('?')[0]}`);
  });
}
