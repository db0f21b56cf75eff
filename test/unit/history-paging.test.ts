import { describe, expect, it, vi } from 'vitest';
import { fetchWebMessagingHistory, storedHistoryHint } from '../../src/connection/history.js';

/** A history endpoint holding `total` messages newest-first; records the pages asked for and how many were in flight. */
function server(total: number, maxPageSize = 100) {
  const asked: string[] = [];
  let inFlight = 0;
  let peak = 0;
  const fetchImpl = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    const pageSize = Number(url.searchParams.get('pageSize'));
    const pageNumber = Number(url.searchParams.get('pageNumber'));
    asked.push(`${pageSize}:${pageNumber}`);
    if (pageSize > maxPageSize) return new Response(JSON.stringify({ message: 'pageSize too large' }), { status: 400 });
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight -= 1;
    const ids = Array.from({ length: total }, (_, i) => total - 1 - i); // newest first
    const entities = ids.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((i) => ({
      id: `m${i}`, type: 'Text', text: `m${i}`, direction: 'Outbound',
      channel: { time: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString() },
    }));
    return new Response(JSON.stringify({ entities, pageSize, pageNumber, total, pageCount: Math.ceil(total / pageSize) }));
  }) as typeof fetch;
  return { fetchImpl, asked, peak: () => peak };
}

describe('history paging', () => {
  it('asks for the newest page first at the largest size, then every other page at once, merged oldest first', async () => {
    const s = server(1000);
    const history = await fetchWebMessagingHistory({ fetchImpl: s.fetchImpl, apiBase: 'http://127.0.0.1:1', jwt: 'j' });
    expect(history).toHaveLength(1000);
    expect(history[0]?.id).toBe('m0');
    expect(history.at(-1)?.id).toBe('m999');
    expect(s.asked[0]).toBe('100:1');
    expect(s.asked).toHaveLength(10);
    expect(s.peak()).toBe(9); // pages 2..10 in parallel
  });

  it('falls back to the documented page size of 25 when the large one is refused', async () => {
    const s = server(60, 25);
    const history = await fetchWebMessagingHistory({ fetchImpl: s.fetchImpl, apiBase: 'http://127.0.0.1:1', jwt: 'j' });
    expect(history.map((m) => m.id)).toEqual(Array.from({ length: 60 }, (_, i) => `m${i}`));
    expect(s.asked).toEqual(['100:1', '25:1', '25:2', '25:3']);
  });

  it('hands the newest page over while the older pages are still on their way', async () => {
    const s = server(250);
    let newest: string[] = [];
    let askedThen = 0;
    const history = await fetchWebMessagingHistory({
      fetchImpl: s.fetchImpl, apiBase: 'http://127.0.0.1:1', jwt: 'j',
      onNewest: (messages) => {
        newest = messages.map((m) => m.id);
        askedThen = s.asked.length;
      },
    });
    expect(newest).toEqual(Array.from({ length: 100 }, (_, i) => `m${150 + i}`)); // oldest first
    expect(askedThen).toBe(3); // the older pages were already asked for
    expect(history.map((m) => m.id)).toEqual(Array.from({ length: 250 }, (_, i) => `m${i}`));
  });

  it('asks for the older pages before it reads the newest one', async () => {
    const s = server(250);
    const fetchImpl = (async (input: string | URL | Request) => {
      const response = await s.fetchImpl(input);
      if (!String(input).includes('pageNumber=1')) return response;
      const page = await response.json() as { entities: unknown[] };
      page.entities.push({ id: 'bad', type: 'Text', text: 'x', direction: 'Sideways' }); // skipped, reported as it is read
      return new Response(JSON.stringify(page));
    }) as typeof fetch;
    const askedWhenRead: number[] = [];
    const history = await fetchWebMessagingHistory({
      fetchImpl, apiBase: 'http://127.0.0.1:1', jwt: 'j', onSkipped: () => askedWhenRead.push(s.asked.length),
    });
    expect(askedWhenRead).toEqual([3]); // page 1's entities were read with pages 2 and 3 already on their way
    expect(history).toHaveLength(250);
  });

  it('does not call onNewest when the newest page is all there is', async () => {
    const s = server(40);
    let called = false;
    const history = await fetchWebMessagingHistory({
      fetchImpl: s.fetchImpl, apiBase: 'http://127.0.0.1:1', jwt: 'j', onNewest: () => { called = true; },
    });
    expect(called).toBe(false);
    expect(history).toHaveLength(40);
  });

  it('shows a message once when pages shift between requests (a new message arrived after the first page)', async () => {
    // The first page is read at 150 messages; the others after one more arrived, so page 2 repeats the oldest of page 1.
    let total = 150;
    const fetchImpl = (async (input: string | URL | Request) => {
      const url = new URL(String(input));
      const pageSize = Number(url.searchParams.get('pageSize'));
      const pageNumber = Number(url.searchParams.get('pageNumber'));
      const ids = Array.from({ length: total }, (_, i) => total - 1 - i);
      const entities = ids.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((i) => ({
        id: `m${i}`, type: 'Text', text: `m${i}`, direction: 'Outbound',
        channel: { time: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString() },
      }));
      if (pageNumber === 1) total += 1;
      return new Response(JSON.stringify({ entities, pageSize, pageNumber, total, pageCount: Math.ceil(total / pageSize) }));
    }) as typeof fetch;
    const history = await fetchWebMessagingHistory({ fetchImpl, apiBase: 'http://127.0.0.1:1', jwt: 'j' });
    expect(history.map((m) => m.id)).toEqual(Array.from({ length: 150 }, (_, i) => `m${i}`));
  });

  it('reads each older page when it arrives, not once the last one came', async () => {
    // Page 2 holds a malformed entity and comes at once; page 3 is held back until the test lets it go.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => { release = resolve; });
    const entity = (i: number) => ({ id: `m${i}`, type: 'Text', text: `m${i}`, direction: 'Outbound',
      channel: { time: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString() } });
    const fetchImpl = (async (input: string | URL | Request) => {
      const pageNumber = Number(new URL(String(input)).searchParams.get('pageNumber'));
      if (pageNumber === 3) await held;
      const ids = Array.from({ length: 100 }, (_, i) => 300 - 1 - (pageNumber - 1) * 100 - i);
      const entities: unknown[] = ids.map(entity);
      if (pageNumber === 2) entities[5] = { id: 'broken', type: 'Text', text: 42 };
      return new Response(JSON.stringify({ entities, pageSize: 100, pageNumber, total: 300, pageCount: 3 }));
    }) as typeof fetch;
    const skipped: string[] = [];
    const loading = fetchWebMessagingHistory({
      fetchImpl, apiBase: 'http://127.0.0.1:1', jwt: 'j', onSkipped: (reason) => skipped.push(reason),
    });
    await vi.waitFor(() => expect(skipped).toHaveLength(1)); // page 2 was read while page 3 was still on its way
    release();
    const history = await loading;
    expect(history).toHaveLength(299);
    expect(history[0]?.id).toBe('m0');
    expect(skipped).toHaveLength(1);
  });

  it('with the last length as a hint, asks for every page at once and remembers the new length', async () => {
    const s = server(1000);
    let remembered = 0;
    const hint = { total: () => 990, remember: (total: number) => { remembered = total; } };
    const history = await fetchWebMessagingHistory({ fetchImpl: s.fetchImpl, apiBase: 'http://127.0.0.1:1', jwt: 'j', hint });
    expect(history.map((m) => m.id)).toEqual(Array.from({ length: 1000 }, (_, i) => `m${i}`));
    expect(s.peak()).toBe(10); // the newest page and the nine others together
    expect(remembered).toBe(1000);
  });

  it('a hint that is out of date costs a round trip at most: missing pages are fetched, extra ones ignored', async () => {
    for (const stale of [120, 5000]) {
      const s = server(450);
      const history = await fetchWebMessagingHistory({
        fetchImpl: s.fetchImpl, apiBase: 'http://127.0.0.1:1', jwt: 'j', hint: { total: () => stale, remember: () => {} },
      });
      expect(history.map((m) => m.id), `hint ${stale}`).toEqual(Array.from({ length: 450 }, (_, i) => `m${i}`));
    }
  });
});

describe('stored history hint', () => {
  it('is kept per session: another token finds no hint', () => {
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
    const token = '6f1c0a4e-3b2d-4c8e-9a7f-0d5e8b2c1a3f';
    storedHistoryHint('h', token, storage).remember(640);
    expect(storedHistoryHint('h', token, storage).total()).toBe(640);
    expect(storedHistoryHint('h', '0b9e7d21-5c4a-4f3e-8d2b-7a6c5e4d3b2a', storage).total()).toBe(null);
    expect([...items.values()].join(), 'the token itself is not stored').not.toContain(token);
  });
});
