import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_SESSION_TOKEN_LENGTH } from '../../src/protocol/web-messaging.js';
import {
  SessionStore, defaultStorage, directTokenKey, gatewayTokenKey, memoryStorage, tokenTag,
} from '../../src/session-store.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('SessionStore', () => {
  it('uses the keys from the brief', () => {
    expect(directTokenKey('dep-1')).toBe('genesys-chat:dep-1:token');
    expect(gatewayTokenKey('https://site.example/api/session')).toBe('genesys-chat:gateway:https://site.example/api/session');
  });

  it('creates a UUID once and returns it again after a "reload" (new store, same storage)', () => {
    const storage = memoryStorage();
    const token = new SessionStore(directTokenKey('d'), storage).getOrCreate();
    expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(storage.getItem('genesys-chat:d:token')).toBe(token);
    expect(new SessionStore(directTokenKey('d'), storage).getOrCreate()).toBe(token);
    expect(new SessionStore(directTokenKey('other'), storage).getOrCreate()).not.toBe(token);
  });

  it('forgets the token so the next session is new', () => {
    const storage = memoryStorage();
    const store = new SessionStore('k', storage);
    const first = store.getOrCreate();
    store.forget();
    expect(storage.getItem('k')).toBeNull();
    expect(store.getOrCreate()).not.toBe(first);
  });

  it('keeps working in memory when storage throws (blocked localStorage)', () => {
    const throwing = {
      getItem: (): string | null => { throw new Error('SecurityError'); },
      setItem: (): void => { throw new Error('QuotaExceeded'); },
      removeItem: (): void => { throw new Error('SecurityError'); },
    };
    const store = new SessionStore('k', throwing);
    const token = store.getOrCreate();
    expect(store.getOrCreate()).toBe(token);
    expect(() => store.forget()).not.toThrow();
  });

  it('takes a stored token only when it is one: page-writable storage may hold anything', () => {
    const storage = memoryStorage();
    const store = () => new SessionStore('k', storage);
    storage.setItem('k', 'x'.repeat(MAX_SESSION_TOKEN_LENGTH));
    expect(store().load()).toBe('x'.repeat(MAX_SESSION_TOKEN_LENGTH));
    storage.setItem('k', 'x'.repeat(MAX_SESSION_TOKEN_LENGTH + 1));
    expect(store().load()).toBeNull();
    const fresh = store().getOrCreate(); // a new session replaces what was not a token
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
    expect(storage.getItem('k')).toBe(fresh);
    storage.setItem('k', '');
    expect(store().load()).toBeNull();
  });

  it('tags a token\'s companions with its last 12 characters', () => {
    expect(tokenTag('5b1f6a52-7c1e-4d8a-9e0b-3f2c1d4e5a6b')).toBe('3f2c1d4e5a6b');
  });
});

describe('defaultStorage', () => {
  it('is the page\'s localStorage, or a working memory store where there is none or it is blocked', () => {
    const local = memoryStorage();
    vi.stubGlobal('localStorage', local);
    expect(defaultStorage()).toBe(local);
    vi.unstubAllGlobals();
    const none = defaultStorage(); // Node: no localStorage
    none.setItem('a', '1');
    expect(none.getItem('a')).toBe('1');
    Object.defineProperty(globalThis, 'localStorage', { configurable: true, get() { throw new Error('SecurityError'); } });
    try {
      const blocked = defaultStorage();
      blocked.setItem('b', '2');
      expect(blocked.getItem('b')).toBe('2');
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});
