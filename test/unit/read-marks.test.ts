import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/model.js';
import type { PanelMemory } from '../../src/ui/panel-memory.js';
import { ReadMarks } from '../../src/ui/read-marks.js';

const at = (ms: number, role: ChatMessage['role'], id = `m-${ms}-${role}`): ChatMessage =>
  ({ id, direction: role === 'guest' ? 'inbound' : 'outbound', role, text: 'x', content: [], time: new Date(ms).toISOString(), state: 'sent' });

function memory(kept: number | null) {
  const saved: number[] = [];
  const store = { readUpTo: () => kept, rememberRead: (time: number) => saved.push(time) } as unknown as PanelMemory;
  return { store, saved };
}

describe('ReadMarks', () => {
  it('counts agent and bot messages newer than the mark, not the guest\'s own or system lines', () => {
    const now = Date.now();
    const messages = [at(now - 60_000, 'agent'), at(now + 1_000, 'guest'), at(now + 2_000, 'agent'), at(now + 3_000, 'system'), at(now + 4_000, 'bot')];
    const reads = new ReadMarks(() => messages, memory(null).store);
    expect(reads.unread()).toBe(2);
  });

  it('takes the kept mark: what came while the visitor was away is unread, what they had read is not', () => {
    const now = Date.now();
    const messages = [at(now - 120_000, 'agent'), at(now - 60_000, 'agent'), at(now - 30_000, 'bot')];
    const reads = new ReadMarks(() => messages, memory(now - 90_000).store);
    expect(reads.unread()).toBe(0); // before restore: the page view's start
    reads.restore();
    expect(reads.unread()).toBe(2);
    const fresh = new ReadMarks(() => messages, memory(null).store);
    fresh.restore(); // nothing kept: still the page view's start
    expect(fresh.unread()).toBe(0);
  });

  it('marks everything read, even a message stamped ahead of this clock, and keeps the mark only when asked', () => {
    const now = Date.now();
    const messages = [at(now + 3_600_000, 'agent')]; // the server's clock is an hour ahead
    const { store, saved } = memory(null);
    const reads = new ReadMarks(() => messages, store);
    expect(reads.unread()).toBe(1);
    reads.markRead(false);
    expect(reads.unread()).toBe(0);
    expect(saved).toEqual([]);
    reads.markRead(true);
    expect(saved).toEqual([now + 3_600_000]);
  });
});
