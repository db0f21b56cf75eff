import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/model.js';
import { EarlyHistory } from '../../src/transports/web-messaging/early-history.js';

const message = (id: string): ChatMessage => ({
  id, direction: 'outbound', role: 'agent', text: id, content: [], time: '2026-01-01T00:00:00.000Z', state: 'sent',
});

/** A history load the test drives: the newest page, then the rest (or a failure). */
function controlledLoad() {
  let newest: (messages: ChatMessage[]) => void = () => undefined;
  let finish: (messages: ChatMessage[]) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const load = (onNewest: (messages: ChatMessage[]) => void) => {
    newest = onNewest;
    return new Promise<ChatMessage[]>((resolve, reject) => { finish = resolve; fail = reject; });
  };
  return { load, newest: (m: ChatMessage[]) => newest(m), finish: (m: ChatMessage[]) => finish(m), fail: (e: Error) => fail(e) };
}

describe('EarlyHistory: a history asked for before the session took it', () => {
  it('passes on a newest page that came before it was taken, then resolves with the whole history', async () => {
    const c = controlledLoad();
    const early = new EarlyHistory('token-1', c.load);
    c.newest([message('m2')]);
    const heard: string[][] = [];
    const result = early.take((messages) => heard.push(messages.map((m) => m.id)));
    expect(heard).toEqual([['m2']]);
    c.finish([message('m1'), message('m2')]);
    expect((await result).map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(heard).toEqual([['m2']]);
  });

  it('passes on a newest page that comes after it was taken', () => {
    const c = controlledLoad();
    const early = new EarlyHistory('token-1', c.load);
    const heard: string[][] = [];
    void early.take((messages) => heard.push(messages.map((m) => m.id)));
    expect(heard).toEqual([]);
    c.newest([message('m9')]);
    expect(heard).toEqual([['m9']]);
  });

  it('does not pass the newest page on when the whole history is here already', async () => {
    const c = controlledLoad();
    const early = new EarlyHistory('token-1', c.load);
    c.newest([message('m2')]);
    c.finish([message('m1'), message('m2')]);
    await Promise.resolve();
    await Promise.resolve();
    const heard: string[][] = [];
    expect((await early.take((messages) => heard.push(messages.map((m) => m.id)))).map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(heard).toEqual([]);
  });

  it('once dropped, says so and passes nothing more on', () => {
    const c = controlledLoad();
    const early = new EarlyHistory('token-1', c.load);
    const heard: string[][] = [];
    void early.take((messages) => heard.push(messages.map((m) => m.id)));
    expect(early.dropped).toBe(false);
    early.drop();
    c.newest([message('m9')]);
    expect(early.dropped).toBe(true);
    expect(heard).toEqual([]);
  });

  it('rejects as the load did when taken, and a failure nobody takes is not an unhandled rejection', async () => {
    const c = controlledLoad();
    const early = new EarlyHistory('token-1', c.load);
    c.fail(new Error('401'));
    await expect(early.take()).rejects.toThrow('401');
    const untaken = controlledLoad();
    new EarlyHistory('token-2', untaken.load);
    untaken.fail(new Error('nobody asked')); // vitest fails the run on an unhandled rejection
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

  it('does not pass on the newest page of a history that failed after it (the older pages did not come)', async () => {
    const c = controlledLoad();
    const early = new EarlyHistory('token-1', c.load);
    c.newest([message('m2')]);
    c.fail(new Error('page 2: 503'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const heard: string[][] = [];
    await expect(early.take((messages) => heard.push(messages.map((m) => m.id)))).rejects.toThrow('503');
    expect(heard).toEqual([]);
  });
});
