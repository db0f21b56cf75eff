/**
 * The emulator's Knowledge guest API, route by route, written from the official SDK's models
 * (`purecloud-platform-client-v2` index.d.ts `Models.*`, enum values from its Java twin's docs): what a request
 * must carry, what comes back, and the 4xx (Platform error body) for what is wrong.
 */
import { describe, expect, it } from 'vitest';
import type platformClient from 'purecloud-platform-client-v2';
import {
  KNOWLEDGE_GUEST_SESSIONS_PATH, knowledgePaths, type KnowledgeDocumentGuestSearch, type KnowledgeGuestDocumentFeedback,
  type KnowledgeGuestDocumentResponse, type KnowledgeGuestSession,
} from '../../src/protocol/knowledge.js';
import { useEmulator } from './support/emulator-harness.js';

type M = {
  session: platformClient.Models.KnowledgeGuestSession;
  categories: platformClient.Models.GuestCategoryResponseListing;
  documents: platformClient.Models.KnowledgeGuestDocumentResponseListing;
  document: platformClient.Models.KnowledgeGuestDocumentResponse;
  search: platformClient.Models.KnowledgeDocumentGuestSearch;
  suggestion: platformClient.Models.KnowledgeGuestDocumentSuggestion;
  answers: platformClient.Models.KnowledgeGuestAnswerDocumentsResponse;
  feedback: platformClient.Models.KnowledgeGuestDocumentFeedback;
};

// Our protocol types must fit the SDK's models (checked by the type checker, so drift fails `npm run typecheck`).
const contract = {
  session: null as unknown as KnowledgeGuestSession satisfies M['session'],
  document: null as unknown as KnowledgeGuestDocumentResponse satisfies M['document'],
  search: null as unknown as KnowledgeDocumentGuestSearch satisfies M['search'],
  feedback: null as unknown as KnowledgeGuestDocumentFeedback satisfies M['feedback'],
};
void contract;

const ORIGIN = 'http://localhost:5173';
const emu = useEmulator({ rateLimitPerMinute: 0 });

interface Answer<T = Record<string, unknown>> { status: number; body: T; headers: Headers }

async function call<T = Record<string, unknown>>(path: string, init: { method?: string; body?: unknown; origin?: string | null; raw?: string } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (init.origin !== null) headers.Origin = init.origin ?? ORIGIN;
  if (init.body !== undefined || init.raw !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(emu.url + path, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

function expectPlatformError(answer: Answer, status: number, pattern?: RegExp): void {
  expect(answer.status).toBe(status);
  expect(answer.body).toMatchObject({ status, details: [], errors: [] });
  expect(typeof answer.body.code).toBe('string');
  expect(typeof answer.body.contextId).toBe('string');
  if (pattern) expect(String(answer.body.message)).toMatch(pattern);
}

async function session(deploymentId = 'knowledge-deployment'): Promise<string> {
  const answer = await call<M['session']>(KNOWLEDGE_GUEST_SESSIONS_PATH, {
    body: { app: { deploymentId, type: 'MessengerKnowledgeApp' }, customerId: 'customer-1' } satisfies M['session'],
  });
  expect(answer.status).toBe(200);
  return answer.body.id as string;
}

async function activity(): Promise<{ type: string; documentId?: string; sessionId: string; body: Record<string, unknown> }[]> {
  return (await fetch(`${emu.url}/emulator/knowledge/activity`)).json() as Promise<{ type: string; documentId?: string; sessionId: string; body: Record<string, unknown> }[]>;
}

describe('POST /api/v2/knowledge/guest/sessions (KnowledgeGuestSession)', () => {
  it('creates a session for a deployment with knowledge enabled and echoes the session with its id', async () => {
    const request: M['session'] = {
      app: { deploymentId: 'knowledge-deployment', type: 'MessengerKnowledgeApp' },
      customerId: 'customer-42',
      pageUrl: 'https://shop.example/help',
      contexts: [{ id: 'ctx-1', values: [{ id: 'value-1' }] }],
      journeySessionId: 'journey-1',
    };
    const answer = await call<M['session']>(KNOWLEDGE_GUEST_SESSIONS_PATH, { body: request });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ...request, id: expect.any(String) });
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('refuses what is missing or wrong with a 4xx in the Platform error shape', async () => {
    const ok = { app: { deploymentId: 'knowledge-deployment', type: 'MessengerKnowledgeApp' }, customerId: 'c' };
    expectPlatformError(await call(KNOWLEDGE_GUEST_SESSIONS_PATH, { body: { ...ok, customerId: undefined } }), 400, /customerId/);
    expectPlatformError(await call(KNOWLEDGE_GUEST_SESSIONS_PATH, { body: { ...ok, customerId: 17 } }), 400, /customerId/);
    expectPlatformError(await call(KNOWLEDGE_GUEST_SESSIONS_PATH, { body: { ...ok, app: { ...ok.app, type: 'Portal' } } }), 400, /MessengerKnowledgeApp/);
    expectPlatformError(await call(KNOWLEDGE_GUEST_SESSIONS_PATH, { body: { customerId: 'c' } }), 400, /app/);
    expectPlatformError(await call(KNOWLEDGE_GUEST_SESSIONS_PATH, { body: [ok] }), 400);
    expectPlatformError(await call(KNOWLEDGE_GUEST_SESSIONS_PATH, { raw: '{"app":' }), 400);
    expectPlatformError(await call(KNOWLEDGE_GUEST_SESSIONS_PATH, { body: { ...ok, app: { ...ok.app, deploymentId: 'nope' } } }), 404);
    // The demo deployment has no knowledge app; the inactive one is switched off.
    expectPlatformError(await call(KNOWLEDGE_GUEST_SESSIONS_PATH, { body: { ...ok, app: { ...ok.app, deploymentId: 'demo-deployment' } } }), 400, /not enabled/);
    expectPlatformError(await call(KNOWLEDGE_GUEST_SESSIONS_PATH, { body: { ...ok, app: { ...ok.app, deploymentId: 'inactive-deployment' } } }), 400, /not active/);
    expectPlatformError(await call(KNOWLEDGE_GUEST_SESSIONS_PATH, { body: ok, origin: 'https://evil.example' }), 403, /Origin/);
    expectPlatformError(await call(KNOWLEDGE_GUEST_SESSIONS_PATH, { body: ok, origin: null }), 403, /Origin/);
  });

  it('answers a CORS preflight from an allowed origin and refuses others', async () => {
    const allowed = await fetch(emu.url + KNOWLEDGE_GUEST_SESSIONS_PATH, {
      method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('PATCH');
    const refused = await fetch(emu.url + KNOWLEDGE_GUEST_SESSIONS_PATH, { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
    expect(refused.status).toBe(403);
  });

  it('an unknown session id is a 404 on every session route', async () => {
    expectPlatformError(await call(knowledgePaths.categories('no-such-session')), 404, /session/);
    expectPlatformError(await call(knowledgePaths.search('no-such-session'), { body: { query: 'x' } }), 404, /session/);
  });
});

describe('GET .../categories (GuestCategoryResponseListing)', () => {
  it('lists the categories by name with the session id', async () => {
    const sid = await session();
    const answer = await call<M['categories']>(knowledgePaths.categories(sid));
    expect(answer.status).toBe(200);
    expect(answer.body.sessionId).toBe(sid);
    expect(answer.body.entities?.map((c) => [c.id, c.name])).toEqual([
      ['cat-en-account', 'Account and billing'],
      ['cat-en-orders', 'Orders and delivery'],
    ]);
    expect(answer.body.entities?.[0]).toMatchObject({ description: 'Passwords, invoices and payment', dateCreated: expect.any(String) });
  });

  it('pages with after/before cursors (nextUri, previousUri) and filters by name prefix and isRoot', async () => {
    const sid = await session();
    const first = await call<M['categories']>(`${knowledgePaths.categories(sid)}?pageSize=1`);
    expect(first.body.entities?.map((c) => c.id)).toEqual(['cat-en-account']);
    expect(first.body.nextUri).toBeDefined();
    expect(first.body.previousUri).toBeUndefined();
    const second = await call<M['categories']>(first.body.nextUri as string);
    expect(second.body.entities?.map((c) => c.id)).toEqual(['cat-en-orders']);
    expect(second.body.nextUri).toBeUndefined();
    const back = await call<M['categories']>(second.body.previousUri as string);
    expect(back.body.entities?.map((c) => c.id)).toEqual(['cat-en-account']);
    const named = await call<M['categories']>(`${knowledgePaths.categories(sid)}?name=ord`);
    expect(named.body.entities?.map((c) => c.id)).toEqual(['cat-en-orders']);
    const roots = await call<M['categories']>(`${knowledgePaths.categories(sid)}?isRoot=true`);
    expect(roots.body.entities).toHaveLength(2);
  });

  it('refuses bad paging and filters', async () => {
    const sid = await session();
    expectPlatformError(await call(`${knowledgePaths.categories(sid)}?pageSize=0`), 400, /pageSize/);
    expectPlatformError(await call(`${knowledgePaths.categories(sid)}?pageSize=ten`), 400, /pageSize/);
    expectPlatformError(await call(`${knowledgePaths.categories(sid)}?after=not-a-cursor`), 400, /after/);
    expectPlatformError(await call(`${knowledgePaths.categories(sid)}?isRoot=maybe`), 400, /isRoot/);
    expectPlatformError(await call(`${knowledgePaths.categories(sid)}?sortBy=Date`), 400, /sortBy/);
  });
});

describe('GET .../documents and .../documents/{documentId}', () => {
  it('lists documents, by category (repeated or comma separated), up to pageSize', async () => {
    const sid = await session();
    const all = await call<M['documents']>(knowledgePaths.documents(sid));
    expect(all.body.entities).toHaveLength(6);
    const orders = await call<M['documents']>(`${knowledgePaths.documents(sid)}?categoryId=cat-en-orders`);
    expect(orders.body.entities?.map((d) => d.id).sort()).toEqual(['doc-en-return', 'doc-en-shipping', 'doc-en-track']);
    expect(orders.body.entities?.every((d) => d.category?.id === 'cat-en-orders' && d.state === 'Published')).toBe(true);
    const both = await call<M['documents']>(`${knowledgePaths.documents(sid)}?categoryId=cat-en-orders&categoryId=cat-en-account`);
    expect(both.body.entities).toHaveLength(6);
    const comma = await call<M['documents']>(`${knowledgePaths.documents(sid)}?categoryId=cat-en-orders,cat-en-account&pageSize=2`);
    expect(comma.body.entities).toHaveLength(2);
    expectPlatformError(await call(`${knowledgePaths.documents(sid)}?pageSize=201`), 400, /pageSize/);
  });

  it('serves one document with its published variation and a body in the DocumentBody shape', async () => {
    const sid = await session();
    const answer = await call<M['document']>(knowledgePaths.document(sid, 'doc-en-track'));
    expect(answer.status).toBe(200);
    const doc = answer.body;
    expect(doc).toMatchObject({
      id: 'doc-en-track', title: 'How do I track my order?', visible: true, state: 'Published', sessionId: sid,
      category: { id: 'cat-en-orders' }, lastPublishedVersionNumber: 1,
    });
    expect(doc.alternatives).toContainEqual({ phrase: 'order status', autocomplete: true });
    const variation = doc.variations?.[0];
    expect(variation?.id).toBeTruthy();
    expect(variation?.documentVersion?.id).toBe(doc.documentVersion?.id);
    expect(variation?.contexts).toEqual([]);
    const blocks = variation?.body?.blocks ?? [];
    expect(blocks.map((b) => b.type)).toEqual(['Paragraph', 'OrderedList', 'Paragraph']);
    expect(blocks[0]?.paragraph?.blocks[0]).toEqual({ type: 'Text', text: { text: 'Every order gets a tracking number as soon as it leaves our warehouse.' } });
    expect(blocks[1]?.list?.blocks.map((item) => item.type)).toEqual(['ListItem', 'ListItem', 'ListItem']);
    expect(blocks[2]?.paragraph?.blocks.some((b) => b.text?.marks?.includes('Bold'))).toBe(true);
  });

  it('404 for a document that does not exist, or of another knowledge base', async () => {
    const sid = await session();
    expectPlatformError(await call(knowledgePaths.document(sid, 'doc-nope')), 404, /doc-nope/);
    expectPlatformError(await call(knowledgePaths.document(sid, 'doc-de-track')), 404);
  });
});

describe('POST .../documents/search (KnowledgeDocumentGuestSearchRequest -> KnowledgeDocumentGuestSearch)', () => {
  it('finds articles by words in title and body, best first, with a searchId and paging fields', async () => {
    const sid = await session();
    const request: platformClient.Models.KnowledgeDocumentGuestSearchRequest = { query: 'How can I get a refund?', queryType: 'ManualSearch' };
    const answer = await call<M['search']>(knowledgePaths.search(sid), { body: request });
    expect(answer.status).toBe(200);
    const search = answer.body;
    expect(search).toMatchObject({ query: request.query, queryType: 'ManualSearch', pageNumber: 1, sessionId: sid });
    expect(search.searchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(search.results?.[0]?.document?.id).toBe('doc-en-return');
    expect(search.total).toBe(search.results?.length);
    const confidences = search.results?.map((r) => r.confidence ?? -1) ?? [];
    expect(confidences.every((c) => c > 0 && c <= 1)).toBe(true);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    // No body unless expanded.
    expect(search.results?.[0]?.document?.variations).toBeUndefined();
    // A body word, not a title word: "warehouse" only appears in the tracking article's text.
    const body = await call<M['search']>(knowledgePaths.search(sid), { body: { query: 'warehouse' } });
    expect(body.body.results?.map((r) => r.document?.id)).toEqual(['doc-en-track']);
  });

  it('expands variations, highlights answers for the top results, and pages', async () => {
    const sid = await session();
    const expanded = await call<M['search']>(`${knowledgePaths.search(sid)}?expand=documentVariations`, {
      body: { query: 'password reset', answerHighlightTopResults: 1 },
    });
    const top = expanded.body.results?.[0]?.document;
    expect(top?.id).toBe('doc-en-password');
    expect(top?.variations?.[0]?.body?.blocks.length).toBeGreaterThan(0);
    expect(top?.answer).toMatch(/Forgot password/);
    expect(expanded.body.results?.[1]?.document?.answer).toBeUndefined();

    const page1 = await call<M['search']>(knowledgePaths.search(sid), { body: { query: 'order', pageSize: 1 } });
    const page2 = await call<M['search']>(knowledgePaths.search(sid), { body: { query: 'order', pageSize: 1, pageNumber: 2 } });
    expect(page1.body.total).toBeGreaterThan(1);
    expect(page1.body.pageCount).toBe(page1.body.total);
    expect(page2.body.results?.[0]?.document?.id).not.toBe(page1.body.results?.[0]?.document?.id);
  });

  it('searches the German knowledge base of the German deployment', async () => {
    const sid = await session('german-deployment');
    const answer = await call<M['search']>(knowledgePaths.search(sid), { body: { query: 'Wie setze ich mein Passwort zurück?' } });
    expect(answer.body.results?.[0]?.document?.title).toBe('Passwort zurücksetzen');
    const umlaut = await call<M['search']>(knowledgePaths.search(sid), { body: { query: 'ZURÜCKSENDEN' } });
    expect(umlaut.body.results?.map((r) => r.document?.id)).toContain('doc-de-return');
  });

  it('an unmatched query is an empty result, not an error', async () => {
    const sid = await session();
    const answer = await call<M['search']>(knowledgePaths.search(sid), { body: { query: 'zebra xylophone' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ total: 0, pageCount: 0, results: [] });
  });

  it('refuses a missing or mistyped query, paging out of range, unknown enums and expands', async () => {
    const sid = await session();
    const path = knowledgePaths.search(sid);
    expectPlatformError(await call(path, { body: {} }), 400, /query/);
    expectPlatformError(await call(path, { body: { query: 42 } }), 400, /query/);
    expectPlatformError(await call(path, { body: { query: '   ' } }), 400, /query/);
    expectPlatformError(await call(path, { body: { query: 'x'.repeat(501) } }), 400, /query/);
    expectPlatformError(await call(path, { body: { query: 'order', pageSize: 31 } }), 400, /pageSize/);
    expectPlatformError(await call(path, { body: { query: 'order', pageNumber: 0 } }), 400, /pageNumber/);
    expectPlatformError(await call(path, { body: { query: 'order', queryType: 'Telepathy' } }), 400, /queryType/);
    expectPlatformError(await call(path, { body: { query: 'order', answerHighlightTopResults: 6 } }), 400, /answerHighlightTopResults/);
    expectPlatformError(await call(`${path}?expand=everything`, { body: { query: 'order' } }), 400, /expand/);
  });
});

describe('POST .../documents/search/suggestions and PATCH .../documents/search/{searchId}', () => {
  it('completes what the guest types from titles and autocomplete phrases', async () => {
    const sid = await session();
    const request: platformClient.Models.KnowledgeGuestDocumentSuggestionRequest = { query: 'pass' };
    const answer = await call<M['suggestion']>(knowledgePaths.suggestions(sid), { body: request });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ query: 'pass', sessionId: sid, pageSize: 5 });
    const phrases = answer.body.results?.map((r) => r.matchedPhrase) ?? [];
    expect(phrases).toContain('Resetting your password');
    expect(phrases).toContain('forgot password');
    const limited = await call<M['suggestion']>(knowledgePaths.suggestions(sid), { body: { query: 'o', pageSize: 1 } });
    expect(limited.body.results).toHaveLength(1);
    expectPlatformError(await call(knowledgePaths.suggestions(sid), { body: { pageSize: 3 } }), 400, /query/);
    expectPlatformError(await call(knowledgePaths.suggestions(sid), { body: { query: 'pa', pageSize: 'many' } }), 400, /pageSize/);
  });

  it('records whether a search answered the question (204), for known searches only', async () => {
    const sid = await session();
    const search = await call<M['search']>(knowledgePaths.search(sid), { body: { query: 'invoice' } });
    const searchId = search.body.searchId as string;
    const update: platformClient.Models.SearchUpdateRequest = { answered: true, selectedAnswer: { document: { id: 'doc-en-invoice' } } };
    const answer = await call(knowledgePaths.searchUpdate(sid, searchId), { method: 'PATCH', body: update });
    expect(answer.status).toBe(204);
    const recorded = (await activity()).find((a) => a.type === 'search-update' && a.sessionId === sid);
    expect(recorded?.body).toEqual({ searchId, answered: true, selected: ['doc-en-invoice'] });
    expectPlatformError(await call(knowledgePaths.searchUpdate(sid, 'no-such-search'), { method: 'PATCH', body: update }), 404);
    expectPlatformError(await call(knowledgePaths.searchUpdate(sid, searchId), { method: 'PATCH', body: {} }), 400, /answered/);
    expectPlatformError(await call(knowledgePaths.searchUpdate(sid, searchId), {
      method: 'PATCH', body: { answered: true, selectedAnswers: [{ document: { id: 'doc-nope' } }] },
    }), 404);
  });
});

describe('POST .../documents/answers (KnowledgeDocumentsAnswerFilter)', () => {
  it('answers each variation with its best passage for the query', async () => {
    const sid = await session();
    const doc = (await call<M['document']>(knowledgePaths.document(sid, 'doc-en-return'))).body;
    const variationId = doc.variations?.[0]?.id as string;
    const filter: platformClient.Models.KnowledgeDocumentsAnswerFilter = { variationIds: [variationId, 'unknown-variation'], query: 'when is my refund paid' };
    const answer = await call<M['answers']>(knowledgePaths.answers(sid), { body: filter });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toHaveLength(1);
    expect(answer.body.results?.[0]).toMatchObject({ id: 'doc-en-return', title: 'Returning an item' });
    expect(answer.body.results?.[0]?.answer).toMatch(/refund to the original payment method/);
    expect(answer.body.results?.[0]?.variation?.id).toBe(variationId);
    expectPlatformError(await call(knowledgePaths.answers(sid), { body: { query: 'refund' } }), 400, /variationIds/);
    expectPlatformError(await call(knowledgePaths.answers(sid), { body: { variationIds: [1] } }), 400, /variationIds/);
    expectPlatformError(await call(knowledgePaths.answers(sid), { body: { variationIds: [variationId], answerMode: ['Guess'] } }), 400, /answerMode/);
  });
});

describe('presentations, views, copies and feedback', () => {
  async function opened(sid: string, documentId: string): Promise<{ variationId: string; versionId: string }> {
    const doc = (await call<M['document']>(knowledgePaths.document(sid, documentId))).body;
    return { variationId: doc.variations?.[0]?.id as string, versionId: doc.documentVersion?.id as string };
  }

  it('records presented documents (204) and refuses a version that is not the document\'s', async () => {
    const sid = await session();
    const ids = await opened(sid, 'doc-en-shipping');
    const search = await call<M['search']>(knowledgePaths.search(sid), { body: { query: 'shipping' } });
    const presentation: platformClient.Models.KnowledgeGuestDocumentPresentation = {
      documents: [{ documentId: 'doc-en-shipping', documentVariationId: ids.variationId, documentVersionId: ids.versionId, surfacingMethod: 'Snippet' }],
      searchId: search.body.searchId as string,
      queryType: 'ManualSearch',
      application: { type: 'MessengerKnowledgeApp', deployment: { id: 'knowledge-deployment' } },
    };
    expect((await call(knowledgePaths.presentations(sid), { body: presentation })).status).toBe(204);
    expect((await activity()).some((a) => a.type === 'presentation' && a.sessionId === sid)).toBe(true);
    expectPlatformError(await call(knowledgePaths.presentations(sid), {
      body: { documents: [{ documentId: 'doc-en-shipping', documentVariationId: ids.variationId, documentVersionId: 'other' }] },
    }), 400, /documentVersionId/);
    expectPlatformError(await call(knowledgePaths.presentations(sid), { body: { documents: [] } }), 400, /documents/);
    expectPlatformError(await call(knowledgePaths.presentations(sid), { body: { ...presentation, application: { type: 'Toaster' } } }), 400, /type/);
  });

  it('records a view and a copy (204) per document, with the search that surfaced it', async () => {
    const sid = await session();
    const ids = await opened(sid, 'doc-en-invoice');
    const search = await call<M['search']>(knowledgePaths.search(sid), { body: { query: 'invoice' } });
    const view: platformClient.Models.KnowledgeGuestDocumentView = {
      documentVariationId: ids.variationId, documentVersionId: ids.versionId, searchId: search.body.searchId as string,
      queryType: 'ManualSearch', surfacingMethod: 'Article',
    };
    expect((await call(knowledgePaths.views(sid, 'doc-en-invoice'), { body: view })).status).toBe(204);
    const copy: platformClient.Models.KnowledgeGuestDocumentCopy = { documentVariationId: ids.variationId, documentVersionId: ids.versionId };
    expect((await call(knowledgePaths.copies(sid, 'doc-en-invoice'), { body: copy })).status).toBe(204);
    const mine = (await activity()).filter((a) => a.sessionId === sid);
    expect(mine.find((a) => a.type === 'view')).toMatchObject({ documentId: 'doc-en-invoice', body: { searchId: search.body.searchId, surfacingMethod: 'Article' } });
    expect(mine.some((a) => a.type === 'copy' && a.documentId === 'doc-en-invoice')).toBe(true);

    expectPlatformError(await call(knowledgePaths.views(sid, 'doc-en-invoice'), { body: { documentVersionId: ids.versionId } }), 400, /documentVariationId/);
    expectPlatformError(await call(knowledgePaths.views(sid, 'doc-en-payment'), { body: view }), 400, /not a variation/);
    expectPlatformError(await call(knowledgePaths.views(sid, 'doc-nope'), { body: view }), 404);
    expectPlatformError(await call(knowledgePaths.views(sid, 'doc-en-invoice'), { body: { ...view, searchId: 'made-up' } }), 400, /searchId/);
    expectPlatformError(await call(knowledgePaths.views(sid, 'doc-en-invoice'), { body: { ...view, surfacingMethod: 'Smoke' } }), 400, /surfacingMethod/);
  });

  it('stores feedback and answers it with id, date, session and state', async () => {
    const sid = await session();
    const ids = await opened(sid, 'doc-en-payment');
    const request: platformClient.Models.KnowledgeGuestDocumentFeedback = {
      documentVariation: { id: ids.variationId },
      document: { id: 'doc-en-payment', versionId: ids.versionId },
      rating: 'Negative',
      reason: 'DocumentContent',
      comment: 'Does not say whether you take Maestro.',
      surfacingMethod: 'Article',
    };
    const answer = await call<M['feedback']>(knowledgePaths.feedback(sid, 'doc-en-payment'), { body: request });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ...request, sessionId: sid, state: 'Final' });
    expect(answer.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(answer.body.dateCreated as string))).toBe(false);
    const stored = (await activity()).find((a) => a.type === 'feedback' && a.sessionId === sid);
    expect(stored?.body).toMatchObject({ rating: 'Negative', comment: request.comment });

    const path = knowledgePaths.feedback(sid, 'doc-en-payment');
    expectPlatformError(await call(path, { body: { ...request, rating: 'Meh' } }), 400, /rating/);
    expectPlatformError(await call(path, { body: { ...request, rating: undefined } }), 400, /rating/);
    expectPlatformError(await call(path, { body: { ...request, reason: 'Mood' } }), 400, /reason/);
    expectPlatformError(await call(path, { body: { ...request, comment: 'x'.repeat(2001) } }), 400, /comment/);
    expectPlatformError(await call(path, { body: { ...request, documentVariation: undefined } }), 400, /documentVariation/);
    expectPlatformError(await call(path, { body: { ...request, document: { id: 'doc-en-payment' } } }), 400, /versionId/);
    expectPlatformError(await call(path, { body: { ...request, document: { id: 'doc-en-track', versionId: ids.versionId } } }), 400, /document.id/);
    expectPlatformError(await call(path, { body: { ...request, search: { id: 'made-up' } } }), 400, /searchId/);
  });
});

describe('knowledge follows the deployment configuration at run time', () => {
  it('switching apps.knowledge off through the control API stops new and existing sessions', async () => {
    const sid = await session('german-deployment');
    const patch = await fetch(`${emu.url}/emulator/deployments/german-deployment`, {
      method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ messenger: { apps: { knowledge: { enabled: false } } } }),
    });
    expect(patch.status).toBe(200);
    try {
      expectPlatformError(await call(knowledgePaths.categories(sid)), 400, /not enabled/);
      expectPlatformError(await call(KNOWLEDGE_GUEST_SESSIONS_PATH, {
        body: { app: { deploymentId: 'german-deployment', type: 'MessengerKnowledgeApp' }, customerId: 'c' },
      }), 400, /not enabled/);
    } finally {
      await fetch(`${emu.url}/emulator/deployments/german-deployment`, {
        method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ messenger: { apps: { knowledge: { enabled: true } } } }),
      });
    }
    expect((await call(knowledgePaths.categories(sid))).status).toBe(200);
  });
});
