import { describe, expect, it } from 'vitest';
import { fillGapFromHistory, NEWEST_SHOWN_FIRST } from '../../src/connection/history-sync.js';
import type { ChatMessage } from '../../src/model.js';

const agent = (i: number): ChatMessage => ({
  id: `m${i}`, direction: 'outbound', role: 'agent', text: `m${i}`, content: [],
  time: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), state: 'sent',
});

describe('fillGapFromHistory', () => {
  it('shows the newest messages of the first page while the older pages load, then merges the whole history once', async () => {
    const merged: string[][] = [];
    const all = Array.from({ length: 250 }, (_, i) => agent(i));
    let done = false;
    await fillGapFromHistory({
      fetchHistory: async (onNewest) => {
        onNewest(all.slice(150)); // the newest page of 100, oldest first
        return all;
      },
      isCurrent: () => true,
      merge: (messages) => merged.push(messages.map((m) => m.id)),
      done: () => { done = true; },
      logger: console,
    });
    expect(merged).toHaveLength(2);
    // A screenful and more of the newest, not the whole page: its render would hold up the rest.
    expect(merged[0]).toEqual(all.slice(-NEWEST_SHOWN_FIRST).map((m) => m.id));
    expect(merged[1]).toHaveLength(250);
    expect(done).toBe(true);
  });

  it('drops what a stale fill brings (another session started meanwhile) and does not report it done', async () => {
    const merged: string[][] = [];
    let done = false;
    await fillGapFromHistory({
      fetchHistory: async (onNewest) => {
        onNewest([agent(2)]);
        return [agent(1), agent(2)];
      },
      isCurrent: () => false,
      merge: (messages) => merged.push(messages.map((m) => m.id)),
      done: () => { done = true; },
      logger: console,
    });
    expect(merged).toEqual([]);
    expect(done).toBe(false);
  });
});
