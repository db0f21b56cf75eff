/**
 * Browser-safe client of the Knowledge guest API (what Messenger's knowledge app calls): one guest session per
 * client, created on first use and re-created once if the server forgot it. fetch only, no DOM, no Node APIs.
 * Every answer is validated at the edge into the small types below; nothing the server sends reaches the caller raw.
 */
import { isRecord } from '../protocol/web-messaging.js';
import {
  knowledgePaths, type KnowledgeFeedbackRating, type KnowledgeFeedbackReason, type KnowledgeGuestAppType,
  type KnowledgeQueryType, type KnowledgeSearchQueryType, type KnowledgeSurfacingMethod,
} from '../protocol/knowledge.js';
import { articleBlocks, textOf, type ArticleBlock } from './article.js';

export type { ArticleBlock, ArticleRun } from './article.js';

/** Default time a request may take before it fails with `timeout`. */
export const KNOWLEDGE_TIMEOUT_MS = 10_000;

export interface KnowledgeClientOptions {
  /** Base of the Platform API, e.g. `https://api.mypurecloud.de` (config.json `apiEndpoint`) or the emulator's URL. */
  apiBase: string;
  deploymentId: string;
  /** Identifies the visitor across sessions; a random UUID when not given. */
  customerId?: string;
  /** `MessengerKnowledgeApp` (default) or `SupportCenter`. */
  appType?: KnowledgeGuestAppType;
  /** The page the visitor is on (KnowledgeGuestSession `pageUrl`). */
  pageUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type KnowledgeErrorKind = 'network' | 'timeout' | 'http' | 'not-found' | 'bad-response';

/** A failed knowledge request: what kind, the HTTP status and the Platform error code when there was one. */
export class KnowledgeError extends Error {
  constructor(message: string, readonly kind: KnowledgeErrorKind, readonly status?: number, readonly code?: string) {
    super(message);
    this.name = 'KnowledgeError';
  }
}

export interface KnowledgeCategory { id: string; name: string; description?: string; parentId?: string }

/** An article as lists and search results show it. */
export interface KnowledgeArticleSummary {
  id: string;
  title: string;
  categoryId?: string;
  /** Search confidence, 0..1. */
  confidence?: number;
  /** The highlighted answer passage, when the search asked for one. */
  answer?: string;
  variationId?: string;
  versionId?: string;
}

export interface KnowledgeSearchOptions {
  pageSize?: number;
  pageNumber?: number;
  /** How the search started: typed and submitted (default), typed as you go, or a chosen suggestion. */
  queryType?: KnowledgeSearchQueryType;
  /** Ask for a highlighted answer passage in the top N results (1-5). */
  highlightTop?: number;
  /** Expand the results' variations (default true: presentations and views need their ids). */
  withVariations?: boolean;
}

export interface KnowledgeSearchResult {
  query: string;
  /** Keep it: views, feedback and the search update refer to it. */
  searchId: string | null;
  total: number;
  pageNumber: number;
  pageCount: number;
  articles: KnowledgeArticleSummary[];
}

/** An opened article: its safe body and the ids views and feedback need. */
export interface KnowledgeArticle {
  id: string;
  title: string;
  categoryId?: string;
  variationId: string;
  versionId: string;
  dateModified?: string;
  blocks: ArticleBlock[];
}

/** Where an article was found, for views and feedback analytics. */
export interface KnowledgeSurfacing {
  searchId?: string | null;
  queryType?: KnowledgeQueryType;
  surfacingMethod?: KnowledgeSurfacingMethod;
}

export interface KnowledgeFeedbackInput extends KnowledgeSurfacing {
  rating: KnowledgeFeedbackRating;
  reason?: KnowledgeFeedbackReason;
  comment?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Edge parsing: remote JSON into the types above (never throws on a wrong field; drops what it cannot use)
// ---------------------------------------------------------------------------------------------------------------

function id(value: unknown): string | null {
  const text = textOf(value);
  return text !== null && text.length > 0 && text.length <= 256 ? text : null;
}

function refId(value: unknown): string | undefined {
  return isRecord(value) ? id(value.id) ?? undefined : undefined;
}

function finite(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The first variation's id and version id (the published one the guest API serves). */
function variationIds(doc: Record<string, unknown>): { variationId?: string; versionId?: string; body?: unknown } {
  const variation = Array.isArray(doc.variations) ? doc.variations.find(isRecord) : undefined;
  const out: { variationId?: string; versionId?: string; body?: unknown } = {};
  const variationId = variation ? id(variation.id) : null;
  if (variationId) out.variationId = variationId;
  const versionId = refId(variation?.documentVersion) ?? refId(doc.documentVersion);
  if (versionId) out.versionId = versionId;
  if (variation) out.body = variation.body;
  return out;
}

export function parseSummary(value: unknown): KnowledgeArticleSummary | null {
  if (!isRecord(value)) return null;
  const articleId = id(value.id);
  const title = textOf(value.title);
  if (!articleId || title === null) return null;
  const summary: KnowledgeArticleSummary = { id: articleId, title };
  const categoryId = refId(value.category);
  if (categoryId) summary.categoryId = categoryId;
  const answer = textOf(value.answer);
  if (answer) summary.answer = answer;
  const { variationId, versionId } = variationIds(value);
  if (variationId) summary.variationId = variationId;
  if (versionId) summary.versionId = versionId;
  return summary;
}

export function parseSearch(value: unknown, query: string): KnowledgeSearchResult {
  if (!isRecord(value)) throw new KnowledgeError('search answer is not an object', 'bad-response');
  const articles: KnowledgeArticleSummary[] = [];
  for (const result of Array.isArray(value.results) ? value.results : []) {
    if (!isRecord(result)) continue;
    const summary = parseSummary(result.document);
    if (!summary) continue;
    if (typeof result.confidence === 'number' && Number.isFinite(result.confidence)) summary.confidence = result.confidence;
    articles.push(summary);
  }
  return {
    query,
    searchId: id(value.searchId),
    total: finite(value.total, articles.length),
    pageNumber: finite(value.pageNumber, 1),
    pageCount: finite(value.pageCount, articles.length > 0 ? 1 : 0),
    articles,
  };
}

export function parseSuggestions(value: unknown): string[] {
  if (!isRecord(value) || !Array.isArray(value.results)) return [];
  const phrases = value.results
    .map((r) => (isRecord(r) ? textOf(r.matchedPhrase) : null))
    .filter((p): p is string => p !== null && p.trim().length > 0);
  return [...new Set(phrases)];
}

export function parseArticle(value: unknown): KnowledgeArticle {
  if (!isRecord(value)) throw new KnowledgeError('document answer is not an object', 'bad-response');
  const articleId = id(value.id);
  const title = textOf(value.title);
  const { variationId, versionId, body } = variationIds(value);
  if (!articleId || title === null || !variationId || !versionId) {
    throw new KnowledgeError('document answer lacks its id, title, variation or version', 'bad-response');
  }
  const article: KnowledgeArticle = { id: articleId, title, variationId, versionId, blocks: articleBlocks(body) };
  const categoryId = refId(value.category);
  if (categoryId) article.categoryId = categoryId;
  const dateModified = textOf(value.dateModified);
  if (dateModified) article.dateModified = dateModified;
  return article;
}

export function parseCategories(value: unknown): KnowledgeCategory[] {
  if (!isRecord(value) || !Array.isArray(value.entities)) return [];
  const categories: KnowledgeCategory[] = [];
  for (const entity of value.entities) {
    if (!isRecord(entity)) continue;
    const categoryId = id(entity.id);
    const name = textOf(entity.name);
    if (!categoryId || name === null) continue;
    const category: KnowledgeCategory = { id: categoryId, name };
    const description = textOf(entity.description);
    if (description) category.description = description;
    const parentId = refId(entity.parentCategory);
    if (parentId) category.parentId = parentId;
    categories.push(category);
  }
  return categories;
}

function platformCode(body: unknown): string | undefined {
  return isRecord(body) && typeof body.code === 'string' ? body.code : undefined;
}

function newCustomerId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `guest-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------------------------------

interface CallOptions { method: 'GET' | 'POST' | 'PATCH'; body?: unknown; sessionBound: boolean }

export class KnowledgeClient {
  readonly customerId: string;
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private sessionId: Promise<string> | null = null;

  constructor(private readonly options: KnowledgeClientOptions) {
    this.base = options.apiBase.replace(/\/+$/, '');
    this.customerId = options.customerId ?? newCustomerId();
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? KNOWLEDGE_TIMEOUT_MS;
  }

  /** The guest session id (created on first use; every caller of a pending creation shares it). */
  session(): Promise<string> {
    if (!this.sessionId) {
      const body: Record<string, unknown> = {
        app: { deploymentId: this.options.deploymentId, type: this.options.appType ?? 'MessengerKnowledgeApp' },
        customerId: this.customerId,
      };
      if (this.options.pageUrl) body.pageUrl = this.options.pageUrl;
      this.sessionId = this.call(knowledgePaths.sessions(), { method: 'POST', body, sessionBound: false }).then((answer) => {
        const sessionId = isRecord(answer) ? id(answer.id) : null;
        if (!sessionId) throw new KnowledgeError('session answer has no id', 'bad-response');
        return sessionId;
      });
      this.sessionId.catch(() => {
        this.sessionId = null;
      });
    }
    return this.sessionId;
  }

  /** Articles matching the query, best first. `queryType` says how the search started (typed, chosen suggestion). */
  async search(query: string, options: KnowledgeSearchOptions = {}): Promise<KnowledgeSearchResult> {
    const body: Record<string, unknown> = { query, queryType: options.queryType ?? 'ManualSearch' };
    if (options.pageSize !== undefined) body.pageSize = options.pageSize;
    if (options.pageNumber !== undefined) body.pageNumber = options.pageNumber;
    if (options.highlightTop !== undefined) body.answerHighlightTopResults = options.highlightTop;
    // Expanded variations give each result the variation and version ids presentations and views need.
    const expand = options.withVariations === false ? '' : '?expand=documentVariations';
    const answer = await this.sessionCall((sid) => knowledgePaths.search(sid) + expand, { method: 'POST', body, sessionBound: true });
    return parseSearch(answer, query);
  }

  /** Phrases that complete what the visitor is typing. */
  async suggestions(query: string, limit = 5): Promise<string[]> {
    const answer = await this.sessionCall((sid) => knowledgePaths.suggestions(sid), { method: 'POST', body: { query, pageSize: limit }, sessionBound: true });
    return parseSuggestions(answer);
  }

  async categories(): Promise<KnowledgeCategory[]> {
    return parseCategories(await this.sessionCall((sid) => knowledgePaths.categories(sid), { method: 'GET', sessionBound: true }));
  }

  /** The articles of a category (or all, up to `pageSize`). */
  async articles(categoryId?: string, pageSize = 50): Promise<KnowledgeArticleSummary[]> {
    const query = new URLSearchParams({ pageSize: String(pageSize) });
    if (categoryId) query.set('categoryId', categoryId);
    const answer = await this.sessionCall((sid) => `${knowledgePaths.documents(sid)}?${query.toString()}`, { method: 'GET', sessionBound: true });
    if (!isRecord(answer) || !Array.isArray(answer.entities)) return [];
    return answer.entities.map(parseSummary).filter((s): s is KnowledgeArticleSummary => s !== null);
  }

  /** An article with its body, ready to render safely. Fails with kind `not-found` for an unknown id. */
  async article(documentId: string): Promise<KnowledgeArticle> {
    return parseArticle(await this.sessionCall((sid) => knowledgePaths.document(sid, documentId), { method: 'GET', sessionBound: true }));
  }

  /** Records that the visitor read the article. */
  async recordView(article: KnowledgeArticle, surfacing: KnowledgeSurfacing = {}): Promise<void> {
    await this.sessionCall((sid) => knowledgePaths.views(sid, article.id), {
      method: 'POST', sessionBound: true, body: { ...this.surfacingBody(surfacing, 'Article'), documentVariationId: article.variationId, documentVersionId: article.versionId },
    });
  }

  /** Records which articles a result list showed. */
  async recordPresentation(articles: readonly KnowledgeArticleSummary[], surfacing: KnowledgeSurfacing = {}): Promise<void> {
    const documents = articles
      .filter((a) => a.variationId && a.versionId)
      .map((a) => ({ documentId: a.id, documentVariationId: a.variationId, documentVersionId: a.versionId }));
    if (documents.length === 0) return;
    await this.sessionCall((sid) => knowledgePaths.presentations(sid), {
      method: 'POST', sessionBound: true, body: { ...this.surfacingBody(surfacing, 'Snippet'), documents },
    });
  }

  /** Rates an article (thumbs up or down, optional reason and comment); answers the stored feedback's id. */
  async sendFeedback(article: KnowledgeArticle, input: KnowledgeFeedbackInput): Promise<{ id: string | null; rating: KnowledgeFeedbackRating }> {
    const body: Record<string, unknown> = {
      documentVariation: { id: article.variationId },
      document: { id: article.id, versionId: article.versionId },
      rating: input.rating,
      surfacingMethod: input.surfacingMethod ?? 'Article',
    };
    if (input.reason) body.reason = input.reason;
    if (input.comment) body.comment = input.comment;
    if (input.searchId) body.search = { id: input.searchId };
    if (input.queryType) body.queryType = input.queryType;
    const answer = await this.sessionCall((sid) => knowledgePaths.feedback(sid, article.id), { method: 'POST', body, sessionBound: true });
    return { id: isRecord(answer) ? id(answer.id) : null, rating: input.rating };
  }

  /** Tells whether a search answered the visitor's question (and with which articles). */
  async updateSearch(searchId: string, answered: boolean, articleIds: readonly string[] = []): Promise<void> {
    const body: Record<string, unknown> = { answered };
    if (articleIds.length > 0) body.selectedAnswers = articleIds.map((documentId) => ({ document: { id: documentId } }));
    await this.sessionCall((sid) => knowledgePaths.searchUpdate(sid, searchId), { method: 'PATCH', body, sessionBound: true });
  }

  private surfacingBody(surfacing: KnowledgeSurfacing, method: KnowledgeSurfacingMethod): Record<string, unknown> {
    const body: Record<string, unknown> = { surfacingMethod: surfacing.surfacingMethod ?? method };
    if (surfacing.searchId) body.searchId = surfacing.searchId;
    if (surfacing.queryType) body.queryType = surfacing.queryType;
    return body;
  }

  /** A session-bound call; if the server forgot the session (404), a new one is created and the call tried once more. */
  private async sessionCall(path: (sessionId: string) => string, options: CallOptions): Promise<unknown> {
    const sessionId = await this.session();
    try {
      return await this.call(path(sessionId), options);
    } catch (error) {
      if (!(error instanceof KnowledgeError) || error.kind !== 'not-found') throw error;
      if (this.sessionId && (await this.sessionId.catch(() => null)) === sessionId) this.sessionId = null;
      return this.call(path(await this.session()), options);
    }
  }

  private async call(path: string, options: CallOptions): Promise<unknown> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let response: Response;
    try {
      const init: RequestInit = { method: options.method, signal: controller.signal, headers: { Accept: 'application/json' } };
      if (options.body !== undefined) {
        init.body = JSON.stringify(options.body);
        init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
      }
      response = await this.fetchImpl(this.base + path, init);
    } catch (error) {
      clearTimeout(timer);
      if (controller.signal.aborted) throw new KnowledgeError(`knowledge request timed out after ${this.timeoutMs} ms`, 'timeout');
      throw new KnowledgeError(`knowledge request failed: ${error instanceof Error ? error.message : String(error)}`, 'network');
    }
    try {
      if (response.status === 204) return null;
      let body: unknown = null;
      const text = await response.text();
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          if (response.ok) throw new KnowledgeError('knowledge answer is not JSON', 'bad-response', response.status);
        }
      }
      if (!response.ok) {
        const message = isRecord(body) && typeof body.message === 'string' ? body.message : `knowledge request answered ${response.status}`;
        throw new KnowledgeError(message, response.status === 404 ? 'not-found' : 'http', response.status, platformCode(body));
      }
      return body;
    } catch (error) {
      if (error instanceof KnowledgeError) throw error;
      if (controller.signal.aborted) throw new KnowledgeError(`knowledge request timed out after ${this.timeoutMs} ms`, 'timeout');
      throw new KnowledgeError(`knowledge answer could not be read: ${error instanceof Error ? error.message : String(error)}`, 'network');
    } finally {
      clearTimeout(timer);
    }
  }
}
