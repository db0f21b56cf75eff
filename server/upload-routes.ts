/**
 * A guest's file upload (`POST /api/uploads`), served back at `GET /api/uploads/:id` for Genesys to fetch, and
 * `DELETE /api/uploads/:id` by its guest. Open Messaging has no upload API (spec §4.4): Genesys fetches an
 * attachment's URL itself, so the server keeps the file behind an unguessable, expiring URL. Registered only when
 * uploads are on; the only routes of the app that take a body other than JSON.
 */
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { GATEWAY_UPLOAD_PATH, type GatewayUploadResponse } from '@genesys-chat/protocol/gateway.js';
import { rateLimitHook, SharedRateLimiter, type CorsAllowance } from './http-guards.js';
import { mediaTypeOf } from './normalize.js';
import type { Log } from './oauth.js';
import type { Session, SessionStore, SessionTokens } from './session.js';
import { publicBaseUrl } from './session-routes.js';
import { UploadStoreFullError, type UploadRecord } from './store.js';
import {
  cleanFilename, contentDisposition, contentMismatch, DEFAULT_UPLOAD_MAX_KB, DEFAULT_UPLOAD_MEMORY_BUDGET_BYTES,
  DEFAULT_UPLOAD_TTL_SECONDS, DEFAULT_UPLOAD_TYPES, idPrefix, isUploadId, mediaTypeOfHeader, newUploadId, uploadTypeProblem,
} from './upload-files.js';

/** ServerOptions.uploads: absent or false = no uploads. */
export interface UploadOptions {
  /** MIME types taken. Default {@link DEFAULT_UPLOAD_TYPES}; wildcards and scriptable types are refused. */
  types?: string[];
  /** Largest file. Default 10240 KB. */
  maxKB?: number;
  /** How long a file is served. Default 86400 s. */
  ttlSeconds?: number;
  /** In-memory store only: bytes of files held at once. Default 256 MiB. */
  memoryBudgetBytes?: number;
}

export type UploadSettings = Required<UploadOptions>;

/** Uploads per session per minute. */
export const UPLOADS_PER_MINUTE = 20;
/** Retry-After of a 503 when the store is full (files expire or are deleted meanwhile). */
const FULL_RETRY_SECONDS = 60;

/** A preflight for an upload carries the bearer token; its owner may DELETE it. */
export const UPLOAD_CORS: CorsAllowance = { methods: ['GET', 'POST', 'DELETE', 'OPTIONS'], headers: ['content-type', 'authorization'] };

/** The settings with defaults filled in, or null when uploads are off; throws on a type that must never be served. */
export function uploadSettings(options: UploadOptions | false | undefined): UploadSettings | null {
  if (!options) return null;
  const types = (options.types ?? DEFAULT_UPLOAD_TYPES).map((type) => type.trim().toLowerCase());
  const problems = types.flatMap((type) => uploadTypeProblem(type) ?? []);
  if (problems.length) throw new Error(`uploads.types: ${problems.join('; ')}.`);
  return {
    types: [...new Set(types)],
    maxKB: options.maxKB ?? DEFAULT_UPLOAD_MAX_KB,
    ttlSeconds: options.ttlSeconds ?? DEFAULT_UPLOAD_TTL_SECONDS,
    memoryBudgetBytes: options.memoryBudgetBytes ?? DEFAULT_UPLOAD_MEMORY_BUDGET_BYTES,
  };
}

export interface UploadRoutesOptions {
  store: SessionStore;
  tokens: SessionTokens;
  log: Log;
  settings: UploadSettings;
  /** Public base URL (behind a proxy); otherwise derived from the request, as for the session's URLs. */
  publicUrl?: string;
  /** Default {@link UPLOADS_PER_MINUTE}. */
  perMinute?: number;
}

type IdRoute = { Params: { id: string } };

const notFound = { error: 'not-found', message: 'No such file (it may have expired).' };

/** The token of `Authorization: Bearer <token>`, if that is what the header holds. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

export const uploadRoutes: FastifyPluginAsync<UploadRoutesOptions> = async (app, options) => {
  const { store, tokens, log, settings } = options;
  const backend = store.backend;
  const types = new Set(settings.types);
  const bodyLimit = settings.maxKB * 1024;
  const ttlMs = settings.ttlSeconds * 1000;
  const perMinute = options.perMinute ?? UPLOADS_PER_MINUTE;
  const sessions = new WeakMap<FastifyRequest, Session>();

  // Raw bytes of any type, for this plugin's routes only: everywhere else the app stays JSON only. The type itself
  // is checked before the body is read (onRequest), the size while it is read.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.statusCode === 413) {
      return reply.code(413).send({ error: 'attachment-too-large', message: `Files larger than ${settings.maxKB} KB cannot be sent.` });
    }
    throw error; // the app's handler answers the rest
  });

  /** The session token as a bearer token; its session must still be known. */
  const authenticated = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearerToken(request.headers.authorization);
    const claims = token ? tokens.verify(token) : null;
    const session = claims ? await store.session(claims.sid) : undefined;
    if (!claims || !session || session.guestId !== claims.gid) {
      return reply.code(401).send({ error: 'unauthorized', message: 'The session token is missing, invalid or expired.' });
    }
    sessions.set(request, session);
    return undefined;
  };

  /** Per session; every authenticated attempt counts, refused ones too (no probing of the checks below for free). */
  const limited = rateLimitHook(new SharedRateLimiter(backend, 'upload', perMinute, 60_000),
    (request) => sessions.get(request)!.sessionId, 'files');

  const allowedType = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!types.has(mediaTypeOfHeader(request.headers['content-type']))) {
      return reply.code(415).send({ error: 'attachment-type-not-allowed', message: `Only these types can be sent: ${settings.types.join(', ')}.` });
    }
    return undefined;
  };

  const queryString = { type: 'object', properties: { filename: { type: 'string', maxLength: 2048 } } } as const;

  app.post<{ Querystring: { filename?: string }; Body: Buffer }>(GATEWAY_UPLOAD_PATH, {
    bodyLimit, schema: { querystring: queryString }, onRequest: [authenticated, limited, allowedType],
  }, async (request, reply) => {
    const session = sessions.get(request)!;
    const bytes = request.body;
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) return reply.code(400).send({ error: 'bad-request', message: 'The file is empty.' });
    const mime = mediaTypeOfHeader(request.headers['content-type']);
    // A file labelled as an image that is not one (an HTML page called cat.png) is never stored.
    const mismatch = contentMismatch(mime, bytes);
    if (mismatch) {
      log.warn({ session: session.sessionId, mime }, 'upload refused: content does not match its type');
      return reply.code(415).send({ error: 'attachment-type-not-allowed', message: `The file is ${mismatch}.` });
    }
    const id = newUploadId();
    const record: UploadRecord = {
      guestId: session.guestId, sessionId: session.sessionId, mime, filename: cleanFilename(request.query.filename, mime),
      size: bytes.length, url: `${publicBaseUrl(request, options.publicUrl)}${GATEWAY_UPLOAD_PATH}/${id}`, createdAt: Date.now(), bytes,
    };
    try {
      await backend.putUpload(id, record, ttlMs);
    } catch (error) {
      if (!(error instanceof UploadStoreFullError)) throw error;
      log.warn({ session: session.sessionId, size: bytes.length }, 'upload refused: the store is full');
      reply.header('retry-after', String(FULL_RETRY_SECONDS));
      return reply.code(503).send({ error: 'unavailable', message: error.message, retryAfterSeconds: FULL_RETRY_SECONDS });
    }
    log.info({ session: session.sessionId, upload: idPrefix(id), mime, size: bytes.length }, 'upload stored');
    const answer: GatewayUploadResponse = {
      id, url: record.url, mime, filename: record.filename, size: record.size, mediaType: mediaTypeOf(mime),
    };
    return reply.code(201).send(answer);
  });

  // No authentication: Genesys fetches it (and the guest's page shows it); the unguessable id is the capability.
  app.get<IdRoute>(`${GATEWAY_UPLOAD_PATH}/:id`, async (request, reply) => {
    const { id } = request.params;
    const record = isUploadId(id) ? await backend.getUpload(id) : undefined;
    if (!record) return reply.code(404).send(notFound);
    return reply.headers({
      'content-type': record.mime,
      // Served as exactly the type checked at upload, never sniffed into something a browser runs.
      'x-content-type-options': 'nosniff',
      // Opened on its own, the file is an inert, sandboxed document: no script, no same-origin access.
      'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': contentDisposition(record.mime, record.filename),
      'cache-control': 'private, max-age=300',
      // The guest's page (another origin) shows its own image.
      'cross-origin-resource-policy': 'cross-origin',
      'referrer-policy': 'no-referrer',
    }).send(record.bytes);
  });

  app.delete<IdRoute>(`${GATEWAY_UPLOAD_PATH}/:id`, { onRequest: authenticated }, async (request, reply) => {
    const session = sessions.get(request)!;
    const { id } = request.params;
    const record = isUploadId(id) ? await backend.getUpload(id) : undefined;
    // Someone else's file is "not found" too: the answer never says whether an id exists.
    if (!record || record.guestId !== session.guestId) return reply.code(404).send(notFound);
    await backend.deleteUpload(id);
    log.info({ session: session.sessionId, upload: idPrefix(id) }, 'upload deleted');
    return reply.code(204).send();
  });
};
