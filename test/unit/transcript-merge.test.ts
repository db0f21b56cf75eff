/**
 * Transcript merge rules (src/transcript.ts), one field at a time: which copies count as a change, which never
 * downgrade, what `update`/`remove` do with unknown ids. Found by mutation testing (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/model.js';
import { Transcript } from '../../src/transcript.js';

function msg(id: string, second: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id, direction: 'outbound', role: 'agent', text: id, content: [], state: 'sent',
    time: new Date(Date.UTC(2024, 0, 1, 12, 0, second)).toISOString(), ...extra,
  };
}

describe('Transcript: what counts as a change', () => {
  const base = msg('m', 1, { sender: { name: 'Ana', avatarUrl: 'https://cdn/a.png' }, content: [{ contentType: 'Card', card: { title: 'T' } }] as never });
  const changes: [string, Partial<ChatMessage>][] = [
    ['text', { text: 'other words' }],
    ['time', { time: new Date(Date.UTC(2024, 0, 1, 12, 0, 2)).toISOString() }],
    ['role', { role: 'bot' }],
    ['direction', { direction: 'inbound' }],
    ['presence', { presence: 'join' }],
    ['sender name', { sender: { name: 'Bea', avatarUrl: 'https://cdn/a.png' } }],
    ['sender avatar', { sender: { name: 'Ana', avatarUrl: 'https://cdn/b.png' } }],
    ['content', { content: [{ contentType: 'Card', card: { title: 'Other' } }] as never }],
  ];
  for (const [field, change] of changes) {
    it(`a copy with another ${field} updates the stored message`, () => {
      const t = new Transcript();
      t.upsert(base);
      const { result, message } = t.upsert({ ...base, ...change });
      expect(result).toBe('updated');
      expect(t.get('m')).toBe(message);
      expect(t.get('m')).toMatchObject(change);
    });
  }

  it('an identical copy (equal content in new objects) is unchanged and keeps the stored object', () => {
    const t = new Transcript();
    t.upsert(base);
    const copy = JSON.parse(JSON.stringify(base)) as ChatMessage;
    const { result, message } = t.upsert(copy);
    expect(result).toBe('unchanged');
    expect(message).toBe(base);
    expect(t.get('m')).toBe(base);
  });

  it('a failed copy with another failure code updates; the same code does not', () => {
    const t = new Transcript();
    t.upsert(msg('f', 1, { role: 'guest', direction: 'inbound', state: 'failed', failure: { code: 'network', message: 'x' } }));
    expect(t.upsert(msg('f', 1, { role: 'guest', direction: 'inbound', state: 'failed', failure: { code: 'network', message: 'y' } })).result).toBe('unchanged');
    expect(t.upsert(msg('f', 1, { role: 'guest', direction: 'inbound', state: 'failed', failure: { code: 'rate-limited', message: 'z' } })).result).toBe('updated');
    expect(t.get('f')?.failure?.code).toBe('rate-limited');
  });
});

describe('Transcript: delivery state', () => {
  const guest = (state: ChatMessage['state'], extra: Partial<ChatMessage> = {}) => msg('g', 1, { role: 'guest', direction: 'inbound', state, ...extra });

  it('a sent message is never downgraded by a pending or failed copy', () => {
    for (const state of ['pending', 'failed'] as const) {
      const t = new Transcript();
      t.upsert(guest('sent'));
      const { result, message } = t.upsert(guest(state, { text: 'changed', failure: state === 'failed' ? { code: 'network', message: 'x' } : undefined }));
      expect(result, state).toBe('unchanged');
      expect(message.state).toBe('sent');
      expect(t.get('g')).toMatchObject({ state: 'sent', text: 'g' });
    }
  });

  it('a copy that differs only in its state is a change', () => {
    const t = new Transcript();
    t.upsert(guest('pending'));
    expect(t.upsert(guest('failed')).result).toBe('updated');
    expect(t.get('g')?.state).toBe('failed');
  });

  it('pending and failed replace each other (a retry, a refusal)', () => {
    const t = new Transcript();
    t.upsert(guest('pending'));
    expect(t.upsert(guest('failed', { failure: { code: 'network', message: 'x' } })).result).toBe('updated');
    expect(t.get('g')).toMatchObject({ state: 'failed', failure: { code: 'network' } });
    expect(t.upsert(guest('pending')).result).toBe('updated');
    expect(t.get('g')?.state).toBe('pending');
  });

  it('a sent copy drops the failure; a failed copy keeps it', () => {
    const t = new Transcript();
    t.upsert(guest('failed', { failure: { code: 'network', message: 'x' } }));
    const { message } = t.upsert(guest('sent', { failure: { code: 'network', message: 'stale' } }));
    expect(message.state).toBe('sent');
    expect('failure' in message).toBe(false);
    const other = new Transcript();
    other.upsert(guest('pending'));
    expect(other.upsert(guest('failed', { failure: { code: 'server', message: 'no' } })).message.failure).toEqual({ code: 'server', message: 'no' });
  });

  it('a copy without a sender keeps the stored sender; a copy with one replaces it', () => {
    const t = new Transcript();
    t.upsert(msg('s', 1, { state: 'pending', sender: { name: 'Ana' } }));
    expect(t.upsert(msg('s', 1, { sender: undefined })).message.sender).toEqual({ name: 'Ana' });
    expect(t.upsert(msg('s', 1, { sender: { name: 'Bea' } })).message.sender).toEqual({ name: 'Bea' });
    const none = new Transcript();
    none.upsert(msg('n', 1, { state: 'pending' }));
    expect('sender' in none.upsert(msg('n', 1)).message).toBe(false);
  });
});

describe('Transcript: unknown ids and bookkeeping', () => {
  it('get, has, update and remove of an unknown id change nothing', () => {
    const t = new Transcript();
    t.upsert(msg('a', 1));
    const before = t.messages;
    expect(t.get('nope')).toBeUndefined();
    expect(t.has('nope')).toBe(false);
    expect(t.has('a')).toBe(true);
    expect(t.update('nope', { text: 'x' })).toBeUndefined();
    expect(t.remove('nope')).toBe(false);
    expect(t.messages).toBe(before);
    expect(t.size).toBe(1);
  });

  it('update: a field patched to undefined is removed; the position follows the new time', () => {
    const t = new Transcript();
    t.upsert(msg('a', 1, { state: 'failed', failure: { code: 'network', message: 'x' } }));
    t.upsert(msg('b', 2));
    const updated = t.update('a', { state: 'pending', failure: undefined });
    expect(updated).toMatchObject({ id: 'a', state: 'pending' });
    expect('failure' in (updated as object)).toBe(false);
    expect('failure' in (t.get('a') as object)).toBe(false);
    t.update('a', { time: new Date(Date.UTC(2024, 0, 1, 12, 0, 3)).toISOString() });
    expect(t.messages.map((m) => m.id)).toEqual(['b', 'a']);
  });

  it('remove, size and clear', () => {
    const t = new Transcript();
    for (let i = 0; i < 5; i++) t.upsert(msg(`m${i}`, i));
    expect(t.size).toBe(5);
    expect(t.remove('m2')).toBe(true);
    expect(t.size).toBe(4);
    expect(t.has('m2')).toBe(false);
    expect(t.messages.map((m) => m.id)).toEqual(['m0', 'm1', 'm3', 'm4']);
    t.clear();
    expect(t.size).toBe(0);
    expect(t.messages).toEqual([]);
    expect(t.get('m1')).toBeUndefined();
    t.upsert(msg('again', 1));
    expect(t.messages.map((m) => m.id)).toEqual(['again']);
  });

  it('unparseable times sort first, in arrival order', () => {
    const t = new Transcript();
    t.upsert(msg('late', 5));
    t.upsert(msg('bad-1', 0, { time: 'not a time' }));
    t.upsert(msg('bad-2', 0, { time: '' }));
    expect(t.messages.map((m) => m.id)).toEqual(['bad-1', 'bad-2', 'late']);
  });
});
