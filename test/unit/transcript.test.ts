import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/model.js';
import { Transcript } from '../../src/transcript.js';

function msg(id: string, second: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id, direction: 'outbound', role: 'agent', text: id, content: [], state: 'sent',
    time: new Date(Date.UTC(2024, 0, 1, 12, 0, second)).toISOString(), ...extra,
  };
}

const ids = (t: Transcript): string[] => t.messages.map((m) => m.id);

describe('Transcript', () => {
  it('orders by channel time whatever order messages arrive in', () => {
    const t = new Transcript();
    for (const m of [msg('c', 3), msg('a', 1), msg('e', 5), msg('b', 2), msg('d', 4)]) t.upsert(m);
    expect(ids(t)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps arrival order for equal times (stable)', () => {
    const t = new Transcript();
    t.upsert(msg('first', 1));
    t.upsert(msg('later', 2));
    t.upsert(msg('second', 1));
    t.upsert(msg('third', 1));
    expect(ids(t)).toEqual(['first', 'second', 'third', 'later']);
  });

  it('stores a duplicate id once and reports it unchanged', () => {
    const t = new Transcript();
    expect(t.upsert(msg('a', 1)).result).toBe('added');
    expect(t.upsert(msg('a', 1)).result).toBe('unchanged');
    expect(t.merge([msg('a', 1), msg('b', 2), msg('b', 2)]).map((m) => m.id)).toEqual(['b']);
    expect(ids(t)).toEqual(['a', 'b']);
  });

  it('turns a pending guest message sent on its echo, moving it to the server time', () => {
    const t = new Transcript();
    t.upsert(msg('agent-1', 1));
    t.upsert(msg('guest', 9, { direction: 'inbound', role: 'guest', state: 'pending' }));
    t.upsert(msg('agent-2', 3));
    expect(ids(t)).toEqual(['agent-1', 'agent-2', 'guest']);
    const echo = t.upsert(msg('guest', 2, { direction: 'inbound', role: 'guest', state: 'sent' }));
    expect(echo.result).toBe('updated');
    expect(t.get('guest')?.state).toBe('sent');
    expect(ids(t)).toEqual(['agent-1', 'guest', 'agent-2']);
  });

  it('never downgrades a sent message, and a sent copy clears a failure', () => {
    const t = new Transcript();
    t.upsert(msg('g', 1, { direction: 'inbound', role: 'guest', state: 'failed', failure: { code: 'rate-limited', message: 'x' } }));
    t.upsert(msg('g', 1, { direction: 'inbound', role: 'guest', state: 'sent' }));
    expect(t.get('g')?.state).toBe('sent');
    expect(t.get('g')?.failure).toBeUndefined();
    expect(t.upsert(msg('g', 1, { direction: 'inbound', role: 'guest', state: 'pending' })).result).toBe('unchanged');
    expect(t.get('g')?.state).toBe('sent');
  });

  it('merges history with live messages: nothing lost, nothing twice, in time order', () => {
    const t = new Transcript();
    t.merge([msg('m1', 1), msg('m4', 4)]);
    t.merge([msg('m1', 1), msg('m2', 2), msg('m3', 3), msg('m4', 4), msg('m5', 5)]);
    expect(ids(t)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('updates state in place and removes by id', () => {
    const t = new Transcript();
    t.upsert(msg('a', 1, { state: 'pending' }));
    t.upsert(msg('b', 2));
    const failed = t.update('a', { state: 'failed', failure: { code: 'read-only', message: 'ended' } });
    expect(failed?.failure?.code).toBe('read-only');
    expect(t.update('a', { state: 'pending', failure: undefined })?.failure).toBeUndefined();
    expect(t.remove('a')).toBe(true);
    expect(ids(t)).toEqual(['b']);
  });

  it('hands out a new messages array after a change and the same one otherwise', () => {
    const t = new Transcript();
    t.upsert(msg('a', 1));
    const first = t.messages;
    expect(t.messages).toBe(first);
    t.upsert(msg('a', 1));
    expect(t.messages).toBe(first);
    t.upsert(msg('b', 2));
    expect(t.messages).not.toBe(first);
  });

  it('places late arrivals correctly in a large transcript', () => {
    const t = new Transcript();
    for (let i = 0; i < 5000; i++) t.upsert(msg(`m${i}`, 0, { time: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString() }));
    t.upsert(msg('late', 0, { time: new Date(Date.UTC(2024, 0, 1) + 2500.5 * 1000).toISOString() }));
    const all = ids(t);
    expect(all.length).toBe(5001);
    expect(all.indexOf('late')).toBe(2501);
    expect(all[2500]).toBe('m2500');
    expect(all[2502]).toBe('m2501');
  });
});
