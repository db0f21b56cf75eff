import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { EmulatorContext } from '../context.js';
import { platformError, sendPlatformError } from '../http-errors.js';
import { tokenStoreFor, type TokenRejection } from '../oauth/tokens.js';

/** The bearer token of a request (`Authorization: Bearer <token>`, scheme case-insensitive), if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

const rejectionMessages: Record<TokenRejection, { code: string; message: string }> = {
  missing: { code: 'authentication.required', message: 'No authentication bearer token specified in authorization header.' },
  unknown: { code: 'bad.credentials', message: 'Invalid login credentials.' },
  expired: { code: 'bad.credentials', message: 'Invalid login credentials.' },
};

/** The normalized 429 body (forum announcement 12028). */
export function tooManyRequestsBody(retryAfter: number): ReturnType<typeof platformError> {
  return platformError(429, 'too.many.requests.retry.after', `Rate limit exceeded the maximum. Retry the request in [${retryAfter}] seconds`);
}

/** Sleeps for the injected Platform latency, if any. */
export async function platformDelay(ctx: EmulatorContext): Promise<void> {
  const ms = ctx.faults.active.platformDelayMs;
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Answers an injected Platform fault (429 with `Retry-After` and the normalized body, or 500/503) when one applies to
 * this path. Returns true when it answered.
 */
export function answerPlatformFault(ctx: EmulatorContext, path: string, reply: FastifyReply): boolean {
  const fault = ctx.faults.takePlatformFault(path);
  if (!fault) return false;
  if (fault.status === 429) {
    const retryAfter = fault.retryAfter ?? 1;
    void reply.code(429).header('retry-after', String(retryAfter)).type('application/json').send(tooManyRequestsBody(retryAfter));
    return true;
  }
  if (fault.retryAfter !== undefined) void reply.header('retry-after', String(fault.retryAfter));
  const message = fault.status === 503 ? 'Service unavailable (injected fault)' : 'Internal server error (injected fault)';
  void sendPlatformError(reply, fault.status, fault.status === 503 ? 'service.unavailable' : 'internal.server.error', message);
  return true;
}

/**
 * The hook every Genesys Platform and Open Messaging route runs first: injected latency, then the bearer token
 * (401 Platform-shaped when missing, unknown or expired), then injected faults. Auth comes before faults so an
 * unauthenticated call never consumes a fault meant for a real one.
 */
export function platformGuard(ctx: EmulatorContext): onRequestAsyncHookHandler {
  const tokens = tokenStoreFor(ctx);
  return async (request, reply) => {
    await platformDelay(ctx);
    const rejection = tokens.check(bearerToken(request));
    if (rejection) {
      const { code, message } = rejectionMessages[rejection];
      void sendPlatformError(reply, 401, code, message);
      return reply;
    }
    const path = request.url.split('?')[0] ?? request.url;
    if (answerPlatformFault(ctx, path, reply)) return reply;
    return undefined;
  };
}
