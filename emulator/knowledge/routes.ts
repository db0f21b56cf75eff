import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isRecord } from '@genesys-chat/protocol/web-messaging.js';
import {
  KNOWLEDGE_CLIENT_APPLICATION_TYPES, KNOWLEDGE_DOCUMENTS_PAGE_SIZE_MAX, KNOWLEDGE_FEEDBACK_COMMENT_MAX,
  KNOWLEDGE_FEEDBACK_RATINGS, KNOWLEDGE_FEEDBACK_REASONS, KNOWLEDGE_GUEST_APP_TYPES, KNOWLEDGE_GUEST_SESSIONS_PATH,
  KNOWLEDGE_QUERY_TYPES, KNOWLEDGE_SEARCH_MAX_RECORDS, KNOWLEDGE_SEARCH_QUERY_TYPES, KNOWLEDGE_SURFACING_METHODS,
  knowledgePaths, type GuestCategoryResponseListing, type KnowledgeDocumentGuestSearch,
  type KnowledgeGuestAnswerDocumentsResponse, type KnowledgeGuestDocumentFeedback,
  type KnowledgeGuestDocumentResponseListing, type KnowledgeGuestDocumentSuggestion, type KnowledgeGuestSession,
  type KnowledgeGuestSearchClientApplication,
} from '@genesys-chat/protocol/knowledge.js';
import type { EmulatorContext } from '../context.js';
import { sendPlatformError } from '../http-errors.js';
import { allowOrigin, requestOrigin } from '../web-messaging/cors.js';
import { originAllowed } from '../web-messaging/origin.js';
import type { WorldDeployment } from '../world-file.js';
import type { IndexedDocument, KnowledgeCatalog } from './catalog.js';
import { categoryResponse, documentResponse, searchDocumentResponse, variationOf } from './shapes.js';
import { knowledgeStoreFor, type KnowledgeSession, type KnowledgeStore } from './store.js';
import { checkKnowledge } from './world-check.js';
import {
  bodyObject, entityRef, integerIn, KnowledgeRequestError, listParam, optionalBoolean, optionalEnum, optionalString,
  requiredBoolean, requiredEnum, requiredString,
} from './validate.js';

/** Defaults where the SDK gives none (UNCONFIRMED; see docs/emulator-knowledge.md). */
export const KNOWLEDGE_DEFAULTS = {
  categoriesPageSize: 25,
  categoriesPageSizeMax: 100,
  documentsPageSize: 25,
  searchPageSize: 10,
  suggestionsPageSize: 5,
  suggestionsPageSizeMax: 20,
  queryMaxLength: 500,
} as const;

const CORS_METHODS = 'GET, POST, PATCH, OPTIONS';

type Params = { sessionId: string; documentId: string; searchId: string };
type Request = FastifyRequest<{ Params: Params; Querystring: Record<string, unknown> }>;

/** What every session-bound route works with. */
interface Scope {
  store: KnowledgeStore;
  session: KnowledgeSession;
  deployment: WorldDeployment;
  catalog: KnowledgeCatalog;
}

/** The deployment's knowledge catalog, or the reason it cannot serve knowledge. */
function catalogOrFail(store: KnowledgeStore, deployment: WorldDeployment | undefined, deploymentId: string): KnowledgeCatalog {
  if (!deployment) throw new KnowledgeRequestError(`deployment ${deploymentId} not found`, 404);
  if (deployment.status !== 'Active') throw new KnowledgeRequestError(`deployment ${deploymentId} is not active`);
  const catalog = store.catalogFor(deployment);
  if (!catalog) throw new KnowledgeRequestError(`knowledge is not enabled for deployment ${deploymentId}`);
  return catalog;
}

/** Origin must be one of the deployment's allowed domains (as for the guest socket and history); then CORS. */
function checkOrigin(request: FastifyRequest, reply: FastifyReply, deployment: WorldDeployment): void {
  const origin = requestOrigin(request);
  if (!originAllowed(deployment, origin)) {
    throw new KnowledgeRequestError('Origin is not an allowed domain of this deployment', 403, 'origin.not.allowed');
  }
  if (origin) allowOrigin(reply, origin, CORS_METHODS, 'Content-Type');
}

function scopeOf(ctx: EmulatorContext, request: Request, reply: FastifyReply): Scope {
  const store = knowledgeStoreFor(ctx);
  const session = store.session(request.params.sessionId);
  if (!session) throw new KnowledgeRequestError(`knowledge guest session ${request.params.sessionId} not found`, 404);
  const deployment = ctx.world.deployments.get(session.deploymentId);
  if (deployment) checkOrigin(request, reply, deployment);
  return { store, session, deployment: deployment as WorldDeployment, catalog: catalogOrFail(store, deployment, session.deploymentId) };
}

function documentOrFail(scope: Scope, documentId: string): IndexedDocument {
  const indexed = scope.catalog.document(documentId);
  if (!indexed) throw new KnowledgeRequestError(`document ${documentId} not found`, 404);
  return indexed;
}

function searchOrFail(scope: Scope, searchId: string | undefined): void {
  if (searchId !== undefined && !scope.session.searches.has(searchId)) {
    throw new KnowledgeRequestError(`searchId ${searchId} is not a search of this session`);
  }
}

/** `documentVariationId` / `documentVersionId` must name the document's published variation and version. */
function checkVariation(indexed: IndexedDocument, variationId: string, versionId: string): void {
  if (variationId !== indexed.variationId) throw new KnowledgeRequestError(`documentVariationId ${variationId} is not a variation of document ${indexed.doc.id}`);
  if (versionId !== indexed.versionId) throw new KnowledgeRequestError(`documentVersionId ${versionId} is not a version of document ${indexed.doc.id}`);
}

function application(body: Record<string, unknown>): KnowledgeGuestSearchClientApplication | undefined {
  const value = body.application;
  if (value === undefined || value === null) return undefined;
  const record = bodyObject(value, 'application: KnowledgeGuestSearchClientApplication');
  const app: KnowledgeGuestSearchClientApplication = { type: requiredEnum(record, 'type', KNOWLEDGE_CLIENT_APPLICATION_TYPES) };
  for (const field of ['deployment', 'botFlow', 'assistant'] as const) {
    const ref = entityRef(record, field, false);
    if (ref) app[field] = ref;
  }
  return app;
}

function cursor(index: number): string {
  return Buffer.from(JSON.stringify({ i: index })).toString('base64url');
}

function fromCursor(value: unknown, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(Buffer.from(value, 'base64url').toString()) : null;
    if (isRecord(parsed) && Number.isInteger(parsed.i) && (parsed.i as number) >= 0) return parsed.i as number;
  } catch {
    // fall through
  }
  throw new KnowledgeRequestError(`${field} is not a cursor this API gave out`);
}

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function registerSessionCreate(app: FastifyInstance, ctx: EmulatorContext): void {
  // POST /api/v2/knowledge/guest/sessions (KnowledgeGuestSession in and out).
  app.post(KNOWLEDGE_GUEST_SESSIONS_PATH, async (request, reply) => {
    const body = bodyObject(request.body, 'KnowledgeGuestSession');
    const appRecord = bodyObject(body.app, 'app: {deploymentId, type}');
    const deploymentId = requiredString(appRecord, 'deploymentId');
    const type = requiredEnum(appRecord, 'type', KNOWLEDGE_GUEST_APP_TYPES);
    const customerId = requiredString(body, 'customerId', 256);
    const pageUrl = optionalString(body, 'pageUrl', 2048);
    const journeySessionId = optionalString(body, 'journeySessionId', 256);
    let contexts: KnowledgeSession['contexts'];
    if (body.contexts !== undefined) {
      if (!Array.isArray(body.contexts)) throw new KnowledgeRequestError('contexts must be an array');
      contexts = body.contexts.map((c: unknown, i) => {
        const record = bodyObject(c, `contexts[${i}]: {id, values}`);
        const id = requiredString(record, 'id');
        if (!Array.isArray(record.values)) throw new KnowledgeRequestError(`contexts[${i}].values must be an array`);
        return { id, values: record.values.map((v: unknown) => (isRecord(v) && typeof v.id === 'string' ? { id: v.id } : {})) };
      });
    }
    const store = knowledgeStoreFor(ctx);
    const deployment = ctx.world.deployments.get(deploymentId);
    catalogOrFail(store, deployment, deploymentId);
    checkOrigin(request, reply, deployment as WorldDeployment);
    const input: Parameters<KnowledgeStore['createSession']>[0] = { deploymentId, appType: type, customerId };
    if (pageUrl !== undefined) input.pageUrl = pageUrl;
    if (journeySessionId !== undefined) input.journeySessionId = journeySessionId;
    if (contexts !== undefined) input.contexts = contexts;
    const session = store.createSession(input);
    const answer: KnowledgeGuestSession = { id: session.id, app: { deploymentId, type }, customerId };
    if (pageUrl !== undefined) answer.pageUrl = pageUrl;
    if (contexts !== undefined) answer.contexts = contexts;
    if (journeySessionId !== undefined) answer.journeySessionId = journeySessionId;
    return answer;
  });
}

function registerBrowsing(app: FastifyInstance, ctx: EmulatorContext): void {
  // GET .../categories: cursor-paged, filtered by parentId / isRoot / name prefix, sorted by name.
  app.get('/api/v2/knowledge/guest/sessions/:sessionId/categories', async (request: Request, reply) => {
    const scope = scopeOf(ctx, request, reply);
    const q = request.query;
    const pageSize = integerIn(q.pageSize, 'pageSize', 1, KNOWLEDGE_DEFAULTS.categoriesPageSizeMax, KNOWLEDGE_DEFAULTS.categoriesPageSize);
    const name = typeof q.name === 'string' ? q.name.toLowerCase() : undefined;
    const parentId = typeof q.parentId === 'string' && q.parentId ? q.parentId : undefined;
    if (q.isRoot !== undefined && q.isRoot !== 'true' && q.isRoot !== 'false') throw new KnowledgeRequestError('isRoot must be true or false');
    if (q.sortBy !== undefined && q.sortBy !== 'Name' && q.sortBy !== 'Hierarchy') throw new KnowledgeRequestError('sortBy must be Name or Hierarchy');
    const base = scope.catalog.base;
    const all = base.categories
      .filter((c) => (q.isRoot === 'true' ? !c.parentId : q.isRoot === 'false' ? Boolean(c.parentId) : true))
      .filter((c) => (parentId ? c.parentId === parentId : true))
      .filter((c) => (name ? c.name.toLowerCase().startsWith(name) : true))
      .sort((a, b) => a.name.localeCompare(b.name));
    const after = fromCursor(q.after, 'after');
    const before = fromCursor(q.before, 'before');
    const start = after !== undefined ? after + 1 : before !== undefined ? Math.max(0, before - pageSize) : 0;
    const end = before !== undefined && after === undefined ? before : start + pageSize;
    const page = all.slice(start, end);
    const path = knowledgePaths.categories(scope.session.id);
    const keep = { pageSize: String(pageSize), parentId, name: typeof q.name === 'string' ? q.name : undefined, isRoot: q.isRoot as string | undefined };
    const listing: GuestCategoryResponseListing = {
      entities: page.map((c) => categoryResponse(base, c, scope.session.id)),
      selfUri: withQuery(path, keep),
      sessionId: scope.session.id,
    };
    if (end < all.length && page.length > 0) listing.nextUri = withQuery(path, { ...keep, after: cursor(start + page.length - 1) });
    if (start > 0) listing.previousUri = withQuery(path, { ...keep, before: cursor(start) });
    return listing;
  });

  // GET .../documents: by category (repeated or comma separated categoryId), at most 200.
  app.get('/api/v2/knowledge/guest/sessions/:sessionId/documents', async (request: Request, reply) => {
    const scope = scopeOf(ctx, request, reply);
    const pageSize = integerIn(request.query.pageSize, 'pageSize', 1, KNOWLEDGE_DOCUMENTS_PAGE_SIZE_MAX, KNOWLEDGE_DEFAULTS.documentsPageSize);
    const categoryIds = listParam(request.query.categoryId);
    const docs = scope.catalog.documents
      .filter((d) => categoryIds.length === 0 || (d.doc.categoryId !== undefined && categoryIds.includes(d.doc.categoryId)))
      .slice(0, pageSize);
    const listing: KnowledgeGuestDocumentResponseListing = {
      entities: docs.map((d) => documentResponse(d, scope.session.id, false)),
      selfUri: withQuery(knowledgePaths.documents(scope.session.id), { pageSize: String(pageSize), categoryId: categoryIds.join(',') || undefined }),
    };
    return listing;
  });

  // GET .../documents/:documentId: the article with its published variation and body.
  app.get('/api/v2/knowledge/guest/sessions/:sessionId/documents/:documentId', async (request: Request, reply) => {
    const scope = scopeOf(ctx, request, reply);
    return documentResponse(documentOrFail(scope, request.params.documentId), scope.session.id, true);
  });
}

function registerSearch(app: FastifyInstance, ctx: EmulatorContext): void {
  // POST .../documents/search (KnowledgeDocumentGuestSearchRequest -> KnowledgeDocumentGuestSearch).
  app.post('/api/v2/knowledge/guest/sessions/:sessionId/documents/search', async (request: Request, reply) => {
    const scope = scopeOf(ctx, request, reply);
    const body = bodyObject(request.body, 'KnowledgeDocumentGuestSearchRequest');
    const query = requiredString(body, 'query', KNOWLEDGE_DEFAULTS.queryMaxLength);
    const pageSize = integerIn(body.pageSize, 'pageSize', 1, KNOWLEDGE_SEARCH_MAX_RECORDS, KNOWLEDGE_DEFAULTS.searchPageSize);
    const pageNumber = integerIn(body.pageNumber, 'pageNumber', 1, 1000, 1);
    const queryType = optionalEnum(body, 'queryType', KNOWLEDGE_SEARCH_QUERY_TYPES);
    const highlightTop = integerIn(body.answerHighlightTopResults, 'answerHighlightTopResults', 1, 5, 0);
    optionalBoolean(body, 'includeDraftDocuments');
    const expand = listParam(request.query.expand);
    const unknownExpand = expand.filter((e) => e !== 'documentVariations');
    if (unknownExpand.length > 0) throw new KnowledgeRequestError(`expand does not know ${unknownExpand.join(', ')} (documentVariations)`);
    const hits = scope.catalog.search(query);
    const searchId = randomUUID();
    scope.session.searches.set(searchId, { query, ...(queryType ? { queryType } : {}) });
    const start = (pageNumber - 1) * pageSize;
    const answer: KnowledgeDocumentGuestSearch = {
      query,
      pageSize,
      pageNumber,
      searchId,
      total: hits.length,
      pageCount: Math.ceil(hits.length / pageSize),
      sessionId: scope.session.id,
      results: hits.slice(start, start + pageSize).map((hit, i) => ({
        confidence: hit.confidence,
        document: searchDocumentResponse(
          hit.indexed, scope.session.id, expand.includes('documentVariations'),
          start + i < highlightTop ? scope.catalog.answer(hit.indexed, query) : undefined,
        ),
      })),
    };
    if (queryType) answer.queryType = queryType;
    scope.store.record(scope.session, 'search', { query, searchId, total: hits.length, ...(queryType ? { queryType } : {}) });
    return answer;
  });

  // POST .../documents/search/suggestions (phrases completing what the guest types).
  app.post('/api/v2/knowledge/guest/sessions/:sessionId/documents/search/suggestions', async (request: Request, reply) => {
    const scope = scopeOf(ctx, request, reply);
    const body = bodyObject(request.body, 'KnowledgeGuestDocumentSuggestionRequest');
    const query = requiredString(body, 'query', KNOWLEDGE_DEFAULTS.queryMaxLength);
    const pageSize = integerIn(body.pageSize, 'pageSize', 1, KNOWLEDGE_DEFAULTS.suggestionsPageSizeMax, KNOWLEDGE_DEFAULTS.suggestionsPageSize);
    optionalBoolean(body, 'includeDraftDocuments');
    const answer: KnowledgeGuestDocumentSuggestion = {
      query,
      pageSize,
      sessionId: scope.session.id,
      results: scope.catalog.suggest(query, pageSize).map((matchedPhrase) => ({ matchedPhrase })),
    };
    return answer;
  });

  // PATCH .../documents/search/:searchId (SearchUpdateRequest: was the search answered, and by what).
  app.patch('/api/v2/knowledge/guest/sessions/:sessionId/documents/search/:searchId', async (request: Request, reply) => {
    const scope = scopeOf(ctx, request, reply);
    const search = scope.session.searches.get(request.params.searchId);
    if (!search) throw new KnowledgeRequestError(`search ${request.params.searchId} not found`, 404);
    const body = bodyObject(request.body, 'SearchUpdateRequest');
    const answered = requiredBoolean(body, 'answered');
    const selected: string[] = [];
    const readAnswer = (value: unknown, field: string): void => {
      const record = bodyObject(value, `${field}: {document: {id}}`);
      const doc = entityRef(record, 'document', true);
      if (doc) selected.push(documentOrFail(scope, doc.id).doc.id);
    };
    if (body.selectedAnswer !== undefined) readAnswer(body.selectedAnswer, 'selectedAnswer');
    if (body.selectedAnswers !== undefined) {
      if (!Array.isArray(body.selectedAnswers)) throw new KnowledgeRequestError('selectedAnswers must be an array');
      body.selectedAnswers.forEach((a: unknown, i) => readAnswer(a, `selectedAnswers[${i}]`));
    }
    search.answered = answered;
    search.selected = selected;
    scope.store.record(scope.session, 'search-update', { searchId: request.params.searchId, answered, selected });
    return reply.code(204).send();
  });

  // POST .../documents/answers (KnowledgeDocumentsAnswerFilter -> the best passage of each variation).
  app.post('/api/v2/knowledge/guest/sessions/:sessionId/documents/answers', async (request: Request, reply) => {
    const scope = scopeOf(ctx, request, reply);
    const body = bodyObject(request.body, 'KnowledgeDocumentsAnswerFilter');
    if (!Array.isArray(body.variationIds) || body.variationIds.length === 0 || !body.variationIds.every((v) => typeof v === 'string')) {
      throw new KnowledgeRequestError('variationIds is required: a non-empty array of strings');
    }
    const query = optionalString(body, 'query', KNOWLEDGE_DEFAULTS.queryMaxLength);
    optionalString(body, 'language', 16);
    optionalEnum(body, 'appType', KNOWLEDGE_CLIENT_APPLICATION_TYPES);
    optionalEnum(body, 'queryType', KNOWLEDGE_QUERY_TYPES);
    searchOrFail(scope, optionalString(body, 'searchId'));
    optionalBoolean(body, 'insertHighlightIntoVariationContent');
    if (body.answerMode !== undefined && (!Array.isArray(body.answerMode)
      || !body.answerMode.every((m) => m === 'AnswerHighlight' || m === 'AnswerGeneration'))) {
      throw new KnowledgeRequestError('answerMode must be an array of AnswerHighlight, AnswerGeneration');
    }
    const answer: KnowledgeGuestAnswerDocumentsResponse = {
      results: (body.variationIds as string[]).flatMap((variationId) => {
        const indexed = scope.catalog.byVariationId(variationId);
        if (!indexed) return [];
        return [{
          id: indexed.doc.id,
          title: indexed.doc.title,
          answer: scope.catalog.answer(indexed, query),
          variation: variationOf(indexed, scope.session.id, true),
        }];
      }),
    };
    return answer;
  });
}

function registerAnalytics(app: FastifyInstance, ctx: EmulatorContext): void {
  // POST .../documents/presentations (KnowledgeGuestDocumentPresentation): which documents the guest was shown.
  app.post('/api/v2/knowledge/guest/sessions/:sessionId/documents/presentations', async (request: Request, reply) => {
    const scope = scopeOf(ctx, request, reply);
    const body = bodyObject(request.body, 'KnowledgeGuestDocumentPresentation');
    if (!Array.isArray(body.documents) || body.documents.length === 0) {
      throw new KnowledgeRequestError('documents is required: a non-empty array of {documentId, documentVariationId, documentVersionId}');
    }
    const documents = body.documents.map((d: unknown, i) => {
      const record = bodyObject(d, `documents[${i}]: PresentedKnowledgeDocument`);
      const indexed = documentOrFail(scope, requiredString(record, 'documentId'));
      checkVariation(indexed, requiredString(record, 'documentVariationId'), requiredString(record, 'documentVersionId'));
      optionalEnum(record, 'surfacingMethod', KNOWLEDGE_SURFACING_METHODS);
      return indexed.doc.id;
    });
    const searchId = optionalString(body, 'searchId');
    searchOrFail(scope, searchId);
    optionalEnum(body, 'queryType', KNOWLEDGE_QUERY_TYPES);
    optionalEnum(body, 'surfacingMethod', KNOWLEDGE_SURFACING_METHODS);
    application(body);
    scope.store.record(scope.session, 'presentation', { documents, ...(searchId ? { searchId } : {}) });
    return reply.code(204).send();
  });

  // POST .../documents/:documentId/views and .../copies (KnowledgeGuestDocumentView / Copy).
  for (const [route, type] of [['views', 'view'], ['copies', 'copy']] as const) {
    app.post(`/api/v2/knowledge/guest/sessions/:sessionId/documents/:documentId/${route}`, async (request: Request, reply) => {
      const scope = scopeOf(ctx, request, reply);
      const indexed = documentOrFail(scope, request.params.documentId);
      const body = bodyObject(request.body, type === 'view' ? 'KnowledgeGuestDocumentView' : 'KnowledgeGuestDocumentCopy');
      const documentVariationId = requiredString(body, 'documentVariationId');
      const documentVersionId = requiredString(body, 'documentVersionId');
      checkVariation(indexed, documentVariationId, documentVersionId);
      const searchId = optionalString(body, 'searchId');
      searchOrFail(scope, searchId);
      const queryType = optionalEnum(body, 'queryType', KNOWLEDGE_QUERY_TYPES);
      const surfacingMethod = optionalEnum(body, 'surfacingMethod', KNOWLEDGE_SURFACING_METHODS);
      if (type === 'copy') application(body);
      scope.store.record(scope.session, type, {
        documentVariationId, documentVersionId,
        ...(searchId ? { searchId } : {}), ...(queryType ? { queryType } : {}), ...(surfacingMethod ? { surfacingMethod } : {}),
      }, indexed.doc.id);
      return reply.code(204).send();
    });
  }

  // POST .../documents/:documentId/feedback (KnowledgeGuestDocumentFeedback in and out, with id and dateCreated).
  app.post('/api/v2/knowledge/guest/sessions/:sessionId/documents/:documentId/feedback', async (request: Request, reply) => {
    const scope = scopeOf(ctx, request, reply);
    const indexed = documentOrFail(scope, request.params.documentId);
    const body = bodyObject(request.body, 'KnowledgeGuestDocumentFeedback');
    const variation = entityRef(body, 'documentVariation', true) as { id: string };
    const documentRecord = bodyObject(body.document, 'document: {id?, versionId}');
    const versionId = requiredString(documentRecord, 'versionId');
    const documentId = optionalString(documentRecord, 'id');
    if (documentId !== undefined && documentId !== indexed.doc.id) throw new KnowledgeRequestError(`document.id ${documentId} does not match the path`);
    checkVariation(indexed, variation.id, versionId);
    const rating = requiredEnum(body, 'rating', KNOWLEDGE_FEEDBACK_RATINGS);
    const reason = optionalEnum(body, 'reason', KNOWLEDGE_FEEDBACK_REASONS);
    const comment = optionalString(body, 'comment', KNOWLEDGE_FEEDBACK_COMMENT_MAX);
    const search = entityRef(body, 'search', false);
    searchOrFail(scope, search?.id);
    const queryType = optionalEnum(body, 'queryType', KNOWLEDGE_QUERY_TYPES);
    const surfacingMethod = optionalEnum(body, 'surfacingMethod', KNOWLEDGE_SURFACING_METHODS);
    const state = optionalEnum(body, 'state', ['Draft', 'Final'] as const);
    const app = application(body);
    const feedback: KnowledgeGuestDocumentFeedback = {
      id: randomUUID(),
      documentVariation: { id: variation.id },
      rating,
      sessionId: scope.session.id,
      dateCreated: new Date().toISOString(),
      state: state ?? 'Final',
      document: { id: indexed.doc.id, versionId },
    };
    if (reason) feedback.reason = reason;
    if (comment !== undefined) feedback.comment = comment;
    if (search) feedback.search = search;
    if (queryType) feedback.queryType = queryType;
    if (surfacingMethod) feedback.surfacingMethod = surfacingMethod;
    if (app) feedback.application = app;
    scope.store.record(scope.session, 'feedback', { ...feedback }, indexed.doc.id);
    return feedback;
  });
}

/** The Knowledge guest API (`/api/v2/knowledge/guest/sessions/...`) over the world's knowledge bases. */
export const knowledgeRoutes: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  checkKnowledge(ctx.world.file, ctx.options.worldPath ?? 'world option');
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof KnowledgeRequestError) return sendPlatformError(reply, error.status, error.code, error.message);
    const status = typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 500) request.log.error(error);
    const message = status < 500 && error instanceof Error ? error.message : 'internal error';
    return sendPlatformError(reply, status, status < 500 ? 'bad.request' : 'internal.server.error', message);
  });

  // Preflight: a browser page asks before POSTing JSON. Allowed when any knowledge-enabled active deployment lists it.
  app.options('/api/v2/knowledge/guest/*', async (request, reply) => {
    const origin = requestOrigin(request);
    const store = knowledgeStoreFor(ctx);
    const allowed = origin !== undefined && [...ctx.world.deployments.values()]
      .some((d) => d.status === 'Active' && store.catalogFor(d) && originAllowed(d, origin));
    if (!allowed || !origin) return sendPlatformError(reply, 403, 'origin.not.allowed', 'Origin is not allowed');
    allowOrigin(reply, origin, CORS_METHODS, 'Content-Type');
    return reply.code(204).send();
  });

  registerSessionCreate(app, ctx);
  registerBrowsing(app, ctx);
  registerSearch(app, ctx);
  registerAnalytics(app, ctx);
};
