/**
 * The outbox (src/connection/outbox.ts): guest messages in the order sent, each once, with what happens when a
 * connection dies mid-flight (uncertain, then settled after the history check).
 */
import { describe, expect, it } from 'vitest';
import { Outbox } from '../../src/connection/outbox.js';

const entry = (id: string, extra: Record<string, unknown> = {}) => ({ id, text: `text ${id}`, ...extra });

describe('Outbox', () => {
  it('keeps entries in the order added, once per id, with their fields', () => {
    const outbox = new Outbox();
    expect(outbox.size).toBe(0);
    outbox.add(entry('a', { attachmentIds: ['f1'] }));
    outbox.add(entry('b', { answer: { type: 'QuickReply', text: 'Yes', payload: 'y' }, originatingMessageId: 'm0' }));
    outbox.add({ id: 'a', text: 'a duplicate' });
    expect(outbox.size).toBe(2);
    expect(outbox.unsent()).toEqual([
      { id: 'a', text: 'text a', attachmentIds: ['f1'], inFlight: false, uncertain: false },
      { id: 'b', text: 'text b', answer: { type: 'QuickReply', text: 'Yes', payload: 'y' }, originatingMessageId: 'm0', inFlight: false, uncertain: false },
    ]);
    expect(outbox.has('a')).toBe(true);
    expect(outbox.has('zzz')).toBe(false);
  });

  it('removes by id and says whether it was there', () => {
    const outbox = new Outbox();
    outbox.add(entry('a'));
    outbox.add(entry('b'));
    expect(outbox.remove('a')).toBe(true);
    expect(outbox.remove('a')).toBe(false);
    expect(outbox.remove('never')).toBe(false);
    expect(outbox.unsent().map((e) => e.id)).toEqual(['b']);
    expect(outbox.size).toBe(1);
  });

  it('entries in flight are not unsent; a lost connection makes them uncertain and unsent again, in order', () => {
    const outbox = new Outbox();
    for (const id of ['a', 'b', 'c']) outbox.add(entry(id));
    const [a, b] = outbox.unsent();
    a!.inFlight = true;
    b!.inFlight = true;
    expect(outbox.unsent().map((e) => e.id)).toEqual(['c']);
    expect(outbox.hasUncertain()).toBe(false);
    outbox.connectionLost();
    expect(outbox.hasUncertain()).toBe(true);
    expect(outbox.unsent().map((e) => [e.id, e.inFlight, e.uncertain])).toEqual([['a', false, true], ['b', false, true], ['c', false, false]]);
    outbox.settleUncertain();
    expect(outbox.hasUncertain()).toBe(false);
    expect(outbox.unsent().every((e) => !e.uncertain && !e.inFlight)).toBe(true);
  });

  it('a lost connection with nothing in flight changes nothing', () => {
    const outbox = new Outbox();
    outbox.add(entry('a'));
    outbox.connectionLost();
    expect(outbox.hasUncertain()).toBe(false);
  });

  it('drain empties it and hands back everything, oldest first', () => {
    const outbox = new Outbox();
    outbox.add(entry('a'));
    outbox.add(entry('b'));
    outbox.unsent()[0]!.inFlight = true;
    expect(outbox.drain().map((e) => e.id)).toEqual(['a', 'b']);
    expect(outbox.size).toBe(0);
    expect(outbox.drain()).toEqual([]);
    expect(outbox.has('a')).toBe(false);
  });
});
