// The history reader's edges (src/connection/history.ts): how refusals and bad answers are reported, servers that
// give no page count, pages out of time order, copies of one message, malformed entries, and the stored length hint.
// Written from the mutants that survived the paging tests alone (make mutation MODULE=history).
import { describe, expect, it } from 'vitest';
import { fetchWebMessagingHistory, storedHistoryHint } from '../../src/connection/history.js';
import { tokenTag } from '../../src/session-store.js';

const API = 'http://127.0.0.1:1';

/** An entity of the history API (newest-first pages); `at` in seconds after 2025-01-01. */
function entity(id: string, at: number, text = id): Record<string, unknown> {
  return { id, type: 'Text', text, direction: 'Outbound', channel: { time: new Date(Date.UTC(2025, 0, 1) + at * 1000).toISOString() } };
}

/** Answers page n with `pages[n - 1]` (a body, or a Response for anything else); records the page numbers asked for. */
function pagesServer(pages: (Record<string, unknown> | Response | (() => Response))[]) {
  const asked: string[] = [];
  const fetchImpl = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    asked.push(`${url.searchParams.get('pageSize')}:${url.searchParams.get('pageNumber')}`);
    const page = pages[Number(url.searchParams.get('pageNumber')) - 1] ?? { entities: [] };
    if (typeof page === 'function') return page();
    return page instanceof Response ? page : new Response(JSON.stringify(page));
  }) as typeof fetch;
  return { fetchImpl, asked };
}

const read = (fetchImpl: typeof fetch, extra: Partial<Parameters<typeof fetchWebMessagingHistory>[0]> = {}) =>
  fetchWebMessagingHistory({ fetchImpl, apiBase: API, jwt: 'j', ...extra });

describe('history: refusals and bad answers', () => {
  it.each([
    [401, 'unauthorized'],
    [403, 'origin-not-allowed'],
    [500, 'server'],
    [404, 'server'],
  ])('an answer %i is a ChatFailure %s with the status, and is not asked again', async (status, code) => {
    const s = pagesServer([() => new Response('{}', { status })]);
    await expect(read(s.fetchImpl)).rejects.toMatchObject({ code, detail: { status } });
    expect(s.asked).toEqual(['100:1']);
  });

  it('a network failure is `network`', async () => {
    const fetchImpl = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    await expect(read(fetchImpl)).rejects.toMatchObject({ code: 'network', detail: 'TypeError: Failed to fetch',
      message: 'The conversation history could not be loaded.' });
  });

  it('says what went wrong in words, with the status', async () => {
    await expect(read(pagesServer([() => new Response('{}', { status: 401 })]).fetchImpl)).rejects.toMatchObject({ message: 'History refused (401).' });
    await expect(read(pagesServer([() => new Response('{}', { status: 503 })]).fetchImpl)).rejects.toMatchObject({ message: 'History failed (503).' });
  });

  it('an answer that is not JSON, or JSON that is not an object, is `protocol`', async () => {
    await expect(read(pagesServer([new Response('<html>')]).fetchImpl)).rejects.toMatchObject({ code: 'protocol', message: 'History answer is not JSON.' });
    await expect(read(pagesServer([new Response('[1,2]')]).fetchImpl)).rejects.toMatchObject({ code: 'protocol', message: 'History answer is not an object.' });
    await expect(read(pagesServer([new Response('42')]).fetchImpl)).rejects.toMatchObject({ code: 'protocol' });
  });

  it('only a 400 for the large page size falls back to 25; a 400 at 25 is reported', async () => {
    const s = pagesServer([() => new Response('{}', { status: 400 })]);
    await expect(read(s.fetchImpl)).rejects.toMatchObject({ code: 'server', detail: { status: 400 } });
    expect(s.asked).toEqual(['100:1', '25:1']);
    const small = pagesServer([() => new Response('{}', { status: 400 })]);
    await expect(read(small.fetchImpl, { pageSize: 25 })).rejects.toMatchObject({ code: 'server' });
    expect(small.asked).toEqual(['25:1']);
  });
});

describe('history: pages', () => {
  it('without pageCount, the pages come from total', async () => {
    const s = pagesServer([
      { entities: [entity('c', 3), entity('b', 2)], total: 3 },
      { entities: [entity('a', 1)] },
    ]);
    const history = await read(s.fetchImpl, { pageSize: 2 });
    expect(history.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(s.asked).toEqual(['2:1', '2:2']);
  });

  it('without pageCount or total, pages are read until one comes back empty (at most maxPages)', async () => {
    const s = pagesServer([
      { entities: [entity('d', 4)] },
      { entities: [entity('c', 3)] },
      { entities: [] },
      { entities: [entity('never', 0)] },
    ]);
    expect((await read(s.fetchImpl)).map((m) => m.id)).toEqual(['c', 'd']);
    expect(s.asked).toEqual(['100:1', '100:2', '100:3']);
    const capped = pagesServer([{ entities: [entity('b', 2)] }, { entities: [entity('a', 1)] }, { entities: [entity('x', 0)] }]);
    expect((await read(capped.fetchImpl, { maxPages: 2 })).map((m) => m.id)).toEqual(['a', 'b']);
    expect(capped.asked).toHaveLength(2);
  });

  it('an empty first page is the whole history (no other page is asked for), and a page without entities is empty', async () => {
    const s = pagesServer([{ entities: [], total: 0, pageCount: 0 }]);
    expect(await read(s.fetchImpl)).toEqual([]);
    const odd = pagesServer([{ entities: 'none', pageCount: 3 }]);
    expect(await read(odd.fetchImpl)).toEqual([]);
    expect(odd.asked).toEqual(['100:1']);
    const uncounted = pagesServer([{ entities: [] }, { entities: [entity('never', 0)] }]);
    expect(await read(uncounted.fetchImpl)).toEqual([]);
    expect(uncounted.asked).toEqual(['100:1']);
  });

  it('a history of one page is asked for once', async () => {
    const s = pagesServer([{ entities: [entity('b', 2), entity('a', 1)], total: 2, pageCount: 1 }, { entities: [entity('never', 0)] }]);
    expect((await read(s.fetchImpl)).map((m) => m.id)).toEqual(['a', 'b']);
    expect(s.asked).toEqual(['100:1']);
  });

  it('orders the whole history by time, whatever order the pages hold it in (an unreadable time is when the page came)', async () => {
    const s = pagesServer([
      { entities: [entity('e', 5), entity('b', 2)], pageCount: 2 }, // b is older than a page-2 message
      { entities: [entity('d', 4), { ...entity('bad-time', 0), channel: { time: 'not a time' } }, entity('a', 1)] },
    ]);
    expect((await read(s.fetchImpl)).map((m) => m.id)).toEqual(['a', 'b', 'd', 'e', 'bad-time']);
  });

  it('keeps one copy of a message: the newest page\'s over an older page\'s, the first within a page', async () => {
    const s = pagesServer([
      { entities: [entity('c', 3), entity('b', 2, 'b as page 1 has it'), entity('c', 3, 'c again')], pageCount: 2 },
      { entities: [entity('b', 2, 'b as page 2 has it'), entity('a', 1), entity('a', 1, 'a again')] },
    ]);
    const history = await read(s.fetchImpl);
    expect(history.map((m) => `${m.id}:${m.text}`)).toEqual(['a:a again', 'b:b as page 1 has it', 'c:c again']);
  });

  it('skips a malformed entry, says why, and keeps the rest of its page', async () => {
    const skipped: string[] = [];
    const s = pagesServer([{ entities: [entity('b', 2), { id: 42, type: 'Text' }, entity('a', 1)], pageCount: 1 }]);
    const history = await read(s.fetchImpl, { onSkipped: (reason) => skipped.push(reason) });
    expect(history.map((m) => m.id)).toEqual(['a', 'b']);
    expect(skipped).toHaveLength(1);
    await expect(read(pagesServer([{ entities: [{ id: 42 }], pageCount: 1 }]).fetchImpl)).resolves.toEqual([]); // no listener: no throw
  });

  it('leaves out what is not shown in a transcript (receipts, typing) without calling it malformed', async () => {
    const skipped: string[] = [];
    const receipt = { id: 'r', type: 'Receipt', direction: 'Inbound', status: 'Delivered', channel: { time: new Date(Date.UTC(2025, 0, 1)).toISOString() } };
    const s = pagesServer([{ entities: [entity('a', 1), receipt], pageCount: 1 }]);
    expect((await read(s.fetchImpl, { onSkipped: (reason) => skipped.push(reason) })).map((m) => m.id)).toEqual(['a']);
    expect(skipped).toEqual([]);
  });
});

describe('history: the stored length hint', () => {
  const TOKEN = '0d7c5a9e-5b2f-4c33-9a51-2f9d0c1e7b44';
  function storage(value: string | null) {
    const map = new Map<string, string>(value === null ? [] : [['k', value]]);
    return { getItem: (key: string) => map.get(key) ?? null, setItem: (key: string, v: string) => void map.set(key, v), map };
  }

  it('is a positive whole number stored for this token; anything else is no hint', () => {
    const tag = tokenTag(TOKEN);
    expect(storedHistoryHint('k', TOKEN, storage(`${tag} 250`)).total()).toBe(250);
    for (const stored of [null, '', `${tag} 0`, `${tag} -3`, `${tag} 2.5`, `${tag} many`, `other-tag 250`, `${tag}`]) {
      expect(storedHistoryHint('k', TOKEN, storage(stored)).total(), String(stored)).toBeNull();
    }
  });

  it('storage that throws is no hint, and forgets quietly', () => {
    const blocked = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('QuotaExceededError'); } };
    const hint = storedHistoryHint('k', TOKEN, blocked);
    expect(hint.total()).toBeNull();
    expect(() => hint.remember(5)).not.toThrow();
  });

  it('remembers the total the first page gave, only when it gave one', async () => {
    const store = storage(null);
    const hint = storedHistoryHint('k', TOKEN, store);
    await read(pagesServer([{ entities: [entity('a', 1)], pageCount: 1 }]).fetchImpl, { hint });
    expect(store.map.size).toBe(0);
    await read(pagesServer([{ entities: [entity('a', 1)], total: 1, pageCount: 1 }]).fetchImpl, { hint });
    expect(hint.total()).toBe(1);
  });
});
