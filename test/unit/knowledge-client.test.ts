/**
 * The widget's knowledge client against the real emulator (port 0), then its edge parsing against hostile answers
 * (a stub fetch only for those edge cases): what a visitor relies on is search, suggestions, opening, rating.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.js';
import { KnowledgeClient, KnowledgeError, parseArticle, parseSearch, parseSuggestions } from '../../src/knowledge/client.js';
import { articleBlocks, articlePlainText, ARTICLE_LIMITS, type ArticleBlock } from '../../src/knowledge/article.js';

const ORIGIN = 'http://localhost:5173';
let emulator: Awaited<ReturnType<typeof startEmulator>>;

/** Node's fetch sends no Origin by itself; a browser would. */
const browserFetch: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), Origin: ORIGIN } });

function client(deploymentId = 'knowledge-deployment', extra: Partial<ConstructorParameters<typeof KnowledgeClient>[0]> = {}): KnowledgeClient {
  return new KnowledgeClient({ apiBase: emulator.url, deploymentId, fetch: browserFetch, ...extra });
}

async function activity(): Promise<{ type: string; sessionId: string; documentId?: string; body: Record<string, unknown> }[]> {
  return (await fetch(`${emulator.url}/emulator/knowledge/activity`)).json() as Promise<{ type: string; sessionId: string; documentId?: string; body: Record<string, unknown> }[]>;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rateLimitPerMinute: 0 });
});
afterAll(async () => {
  await emulator.close();
});

describe('KnowledgeClient against the emulator', () => {
  it('searches, opens the best article as safe blocks, records the view and the rating', async () => {
    const kb = client();
    const result = await kb.search('how long does shipping take');
    expect(result.searchId).toBeTruthy();
    expect(result.articles[0]).toMatchObject({ id: 'doc-en-shipping', title: 'Shipping times and costs', categoryId: 'cat-en-orders' });
    expect(result.articles[0]?.confidence).toBeGreaterThan(0);

    const article = await kb.article('doc-en-shipping');
    expect(article.blocks[0]).toEqual({ kind: 'paragraph', runs: [{ text: 'Standard delivery takes 2 to 4 working days and is free for orders over 50 euros.' }] });
    expect(article.blocks[1]).toMatchObject({ kind: 'list', ordered: false });
    expect(articlePlainText(article.blocks)).toContain('Express: next working day');

    await kb.recordView(article, { searchId: result.searchId, queryType: 'ManualSearch' });
    const feedback = await kb.sendFeedback(article, { rating: 'Positive', searchId: result.searchId });
    expect(feedback.id).toMatch(/^[0-9a-f-]{36}$/);
    await kb.updateSearch(result.searchId as string, true, [article.id]);

    const sessionId = await kb.session();
    const mine = (await activity()).filter((a) => a.sessionId === sessionId);
    expect(mine.map((a) => a.type)).toEqual(['search', 'view', 'feedback', 'search-update']);
    expect(mine[1]).toMatchObject({ documentId: 'doc-en-shipping', body: { searchId: result.searchId, surfacingMethod: 'Article' } });
    expect(mine[2]?.body).toMatchObject({ rating: 'Positive', search: { id: result.searchId } });
  });

  it('suggests completions while typing, lists categories and their articles, records a presentation', async () => {
    const kb = client();
    expect(await kb.suggestions('ret')).toContain('Returning an item');
    const categories = await kb.categories();
    expect(categories.map((c) => c.name)).toEqual(['Account and billing', 'Orders and delivery']);
    const articles = await kb.articles('cat-en-account');
    expect(articles.map((a) => a.title).sort()).toEqual(['Accepted payment methods', 'Downloading an invoice', 'Resetting your password']);
    const result = await kb.search('password', { highlightTop: 1 });
    expect(result.articles[0]?.answer).toMatch(/Forgot password/);
    expect(result.articles[0]?.variationId).toBeTruthy();
    await kb.recordPresentation(result.articles, { searchId: result.searchId, queryType: 'ManualSearch' });
    const sessionId = await kb.session();
    const presented = (await activity()).find((a) => a.type === 'presentation' && a.sessionId === sessionId);
    expect(presented?.body.documents).toEqual(result.articles.map((a) => a.id));
    // A category listing names no variations: nothing to present, and no request made for nothing.
    await kb.recordPresentation(articles, { queryType: 'Category' });
    expect((await activity()).filter((a) => a.type === 'presentation' && a.sessionId === sessionId)).toHaveLength(1);
  });

  it('one session per client, shared by concurrent first calls', async () => {
    const kb = client();
    const [a, b] = await Promise.all([kb.session(), kb.session()]);
    expect(a).toBe(b);
    await Promise.all([kb.search('invoice'), kb.suggestions('inv')]);
    expect(await kb.session()).toBe(a);
  });

  it('searches the German knowledge base for the German deployment', async () => {
    const result = await client('german-deployment').search('Lieferzeit');
    expect(result.articles[0]?.title).toBe('Lieferzeiten und Versandkosten');
  });

  it('re-creates a session the server no longer knows, once', async () => {
    let forget = true;
    const forgetful: typeof fetch = async (input, init) => {
      const url = String(input);
      if (forget && url.includes('/documents/search')) {
        forget = false;
        return new Response(JSON.stringify({ status: 404, code: 'not.found', message: 'session not found' }), { status: 404 });
      }
      return browserFetch(input, init);
    };
    const kb = client('knowledge-deployment', { fetch: forgetful });
    const first = await kb.session();
    const result = await kb.search('invoice');
    expect(result.articles.length).toBeGreaterThan(0);
    expect(await kb.session()).not.toBe(first);
  });

  it('fails with typed errors: not-found for an unknown article, http for a refused deployment, network when down', async () => {
    const kb = client();
    await expect(kb.article('doc-nope')).rejects.toMatchObject({ kind: 'not-found', status: 404, code: 'not.found' });
    const off = client('demo-deployment');
    await expect(off.search('x')).rejects.toMatchObject({ kind: 'http', status: 400, code: 'bad.request' });
    const down = new KnowledgeClient({ apiBase: 'http://127.0.0.1:9', deploymentId: 'knowledge-deployment' });
    const error = await down.search('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).kind).toBe('network');
  });

  it('times out a request that never answers', async () => {
    const hanging: typeof fetch = (_input, init) => new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
    const kb = new KnowledgeClient({ apiBase: emulator.url, deploymentId: 'knowledge-deployment', fetch: hanging, timeoutMs: 50 });
    await expect(kb.session()).rejects.toMatchObject({ kind: 'timeout' });
  });
});

describe('edge parsing: every remote value is hostile', () => {
  it('a number where a string belongs becomes its digits; other wrong types are dropped', () => {
    const result = parseSearch({
      searchId: 12, total: '3', results: [
        { confidence: 'high', document: { id: 7, title: 404 } },
        { document: { id: 'ok', title: { text: 'object' } } },
        { document: { id: ['x'], title: 'array id' } },
        null, 'junk',
        { confidence: 0.5, document: { id: 'good', title: 'Good', category: { id: 3 }, answer: 99 } },
      ],
    }, 'q');
    expect(result.searchId).toBe('12');
    expect(result.total).toBe(2);
    expect(result.articles).toEqual([
      { id: '7', title: '404' },
      { id: 'good', title: 'Good', categoryId: '3', answer: '99', confidence: 0.5 },
    ]);
    expect(parseSuggestions({ results: [{ matchedPhrase: 5 }, { matchedPhrase: null }, {}, { matchedPhrase: 'a' }, { matchedPhrase: 'a' }] })).toEqual(['5', 'a']);
    expect(parseSuggestions('nope')).toEqual([]);
    expect(() => parseSearch([], 'q')).toThrow(KnowledgeError);
  });

  it('an article without ids it needs for views and feedback is a bad-response, not a crash', () => {
    expect(() => parseArticle({ id: 'a', title: 'T' })).toThrow(/variation/);
    expect(() => parseArticle(null)).toThrow(KnowledgeError);
    const article = parseArticle({
      id: 'a', title: 'T', documentVersion: { id: 'v1' }, variations: [{ id: 'var', body: 'not a body' }],
    });
    expect(article).toMatchObject({ id: 'a', variationId: 'var', versionId: 'v1', blocks: [] });
  });

  it('links keep only http, https and mailto; knowledge links become article references; images need http(s)', () => {
    const blocks = articleBlocks({
      blocks: [
        { type: 'Paragraph', paragraph: { blocks: [
          { type: 'Text', text: { text: 'click', hyperlink: 'javascript:alert(1)' } },
          { type: 'Text', text: { text: ' docs', hyperlink: 'https://example.com/docs', marks: ['Bold', 'Evil'] } },
          { type: 'Text', text: { text: ' mail', hyperlink: 'mailto:help@example.com' } },
          { type: 'Text', text: { text: ' related', hyperlink: 'grn:knowledge:::document/kb-en/doc-en-return' } },
          { type: 'Text', text: { text: '<img src=x onerror=alert(1)>' } },
        ] } },
        { type: 'Image', image: { url: 'data:image/png;base64,AAAA' } },
        { type: 'Image', image: { url: 'https://cdn.example/a.png', properties: { altText: 'A chart' } } },
        { type: 'Video', video: { url: 'javascript:void(0)' } },
        { type: 'Script', script: 'alert(1)' },
      ],
    });
    expect(blocks).toEqual([
      { kind: 'paragraph', runs: [
        { text: 'click' },
        { text: ' docs', href: 'https://example.com/docs', bold: true },
        { text: ' mail', href: 'mailto:help@example.com' },
        { text: ' related', articleId: 'doc-en-return' },
        { text: '<img src=x onerror=alert(1)>' },
      ] },
      { kind: 'image', url: 'https://cdn.example/a.png', alt: 'A chart' },
    ]);
  });

  it('nesting and size are capped, so a hostile body cannot cost the page', () => {
    let list: Record<string, unknown> = { blocks: [{ type: 'ListItem', blocks: [{ type: 'Text', text: { text: 'deep' } }] }] };
    for (let i = 0; i < 50; i += 1) {
      list = { blocks: [{ type: 'ListItem', blocks: [{ type: 'Text', text: { text: `level ${i}` } }, { type: 'UnorderedList', list }] }] };
    }
    const nested = articleBlocks({ blocks: [{ type: 'UnorderedList', list }] });
    let depth = 0;
    let current: ArticleBlock | undefined = nested[0];
    while (current?.kind === 'list') {
      depth += 1;
      current = current.items[0]?.find((b) => b.kind === 'list');
    }
    expect(depth).toBeGreaterThan(1);
    expect(depth).toBeLessThanOrEqual(ARTICLE_LIMITS.maxDepth);
    const many = articleBlocks({ blocks: Array.from({ length: 5000 }, (_, i) => ({ type: 'Paragraph', paragraph: { blocks: [{ type: 'Text', text: { text: `p${i}` } }] } })) });
    expect(many.length).toBeLessThanOrEqual(ARTICLE_LIMITS.maxBlocks);
    const long = articleBlocks({ blocks: [{ type: 'Paragraph', paragraph: { blocks: [{ type: 'Text', text: { text: 'x'.repeat(100_000) } }] } }] });
    expect(long[0]?.kind === 'paragraph' && long[0].runs[0]?.text.length).toBe(ARTICLE_LIMITS.maxRunLength);
  });

  it('tables keep their cells', () => {
    const blocks = articleBlocks({ blocks: [{ type: 'Table', table: { rows: [
      { cells: [{ blocks: [{ type: 'Text', text: { text: 'Plan' } }] }, { blocks: [{ type: 'Paragraph', paragraph: { blocks: [{ type: 'Text', text: { text: 'Price' } }] } }] }] },
      { cells: 'bad' },
    ] } }] });
    expect(blocks).toEqual([{ kind: 'table', rows: [[[{ kind: 'paragraph', runs: [{ text: 'Plan' }] }], [{ kind: 'paragraph', runs: [{ text: 'Price' }] }]]] }]);
  });
});
