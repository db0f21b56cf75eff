/**
 * The official SDK (`purecloud-platform-client-v2`, KnowledgeApi guest methods) driving the emulator: if Genesys'
 * own client can walk the whole guest flow against it, the paths, methods, query encoding and bodies fit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import platformClient from 'purecloud-platform-client-v2';
import { useEmulator } from './support/emulator-harness.js';

const ORIGIN = 'http://localhost:5173';
const emu = useEmulator({ rateLimitPerMinute: 0 });
const headers = { customHeaders: { Origin: ORIGIN } };

let api: InstanceType<typeof platformClient.KnowledgeApi>;

beforeAll(() => {
  const url = new URL(emu.url);
  // The SDK's one ApiClient, pointed at the emulator (test files run in their own processes).
  const client = platformClient.ApiClient.instance;
  client.setGateway({ host: url.hostname, protocol: 'http', port: Number(url.port), path_params_login: '', path_params_api: '' });
  api = new platformClient.KnowledgeApi(client);
});

describe('KnowledgeApi guest methods against the emulator', () => {
  it('walks the guest flow: session, categories, documents, search, suggestions, answers, presentation, view, copy, feedback, search update', async () => {
    const session = await api.postKnowledgeGuestSessions(
      { app: { deploymentId: 'knowledge-deployment', type: 'MessengerKnowledgeApp' }, customerId: 'sdk-customer' }, headers);
    const sid = session.id as string;
    expect(sid).toBeTruthy();

    const categories = await api.getKnowledgeGuestSessionCategories(sid, { pageSize: '10', ...headers });
    expect(categories.entities?.map((c) => c.name)).toEqual(['Account and billing', 'Orders and delivery']);

    const documents = await api.getKnowledgeGuestSessionDocuments(sid, { categoryId: ['cat-en-account'], pageSize: 50, ...headers });
    expect(documents.entities?.map((d) => d.id).sort()).toEqual(['doc-en-invoice', 'doc-en-password', 'doc-en-payment']);

    const search = await api.postKnowledgeGuestSessionDocumentsSearch(sid, {
      expand: ['documentVariations'], body: { query: 'download invoice', queryType: 'ManualSearch', pageSize: 5 }, ...headers,
    });
    const top = search.results?.[0]?.document;
    expect(top?.id).toBe('doc-en-invoice');
    const variationId = top?.variations?.[0]?.id as string;
    const versionId = top?.documentVersion?.id as string;
    expect(variationId && versionId).toBeTruthy();

    const suggestions = await api.postKnowledgeGuestSessionDocumentsSearchSuggestions(sid, { body: { query: 'invo' }, ...headers });
    expect(suggestions.results?.map((r) => r.matchedPhrase)).toContain('Downloading an invoice');

    const answers = await api.postKnowledgeGuestSessionDocumentsAnswers(sid, { variationIds: [variationId], query: 'VAT number' }, headers);
    expect(answers.results?.[0]?.answer).toMatch(/VAT number/);

    const document = await api.getKnowledgeGuestSessionDocument(sid, 'doc-en-invoice', headers);
    expect(document.variations?.[0]?.body?.blocks.length).toBe(2);

    await api.postKnowledgeGuestSessionDocumentsPresentations(sid, {
      body: { documents: [{ documentId: 'doc-en-invoice', documentVariationId: variationId, documentVersionId: versionId }], searchId: search.searchId },
      ...headers,
    });
    await api.postKnowledgeGuestSessionDocumentViews(sid, 'doc-en-invoice', {
      body: { documentVariationId: variationId, documentVersionId: versionId, searchId: search.searchId, surfacingMethod: 'Article' }, ...headers,
    });
    await api.postKnowledgeGuestSessionDocumentCopies(sid, 'doc-en-invoice', {
      body: { documentVariationId: variationId, documentVersionId: versionId }, ...headers,
    });
    const feedback = await api.postKnowledgeGuestSessionDocumentFeedback(sid, 'doc-en-invoice', {
      body: { documentVariation: { id: variationId }, document: { versionId }, rating: 'Positive', search: { id: search.searchId as string } },
      ...headers,
    });
    expect(feedback).toMatchObject({ rating: 'Positive', sessionId: sid, document: { id: 'doc-en-invoice', versionId } });
    await api.patchKnowledgeGuestSessionDocumentsSearchSearchId(sid, search.searchId as string,
      { answered: true, selectedAnswers: [{ document: { id: 'doc-en-invoice' } }] }, headers);

    const activity = await (await fetch(`${emu.url}/emulator/knowledge/activity?deploymentId=knowledge-deployment`)).json() as { type: string; sessionId: string }[];
    expect(activity.filter((a) => a.sessionId === sid).map((a) => a.type)).toEqual(['search', 'presentation', 'view', 'copy', 'feedback', 'search-update']);
  });

  it('the SDK rejects with the emulator\'s Platform error body on a 4xx', async () => {
    // Without `returnExtended`, the SDK rejects with the response body itself.
    const failure: unknown = await api.postKnowledgeGuestSessions(
      { app: { deploymentId: 'demo-deployment', type: 'MessengerKnowledgeApp' }, customerId: 'sdk-customer' }, headers,
    ).then(() => null, (error: unknown) => error);
    expect(failure).toMatchObject({ status: 400, code: 'bad.request', message: expect.stringMatching(/not enabled/) });
  });
});
