import { describe, expect, it } from 'vitest';
import { SessionStore, directTokenKey, gatewayTokenKey, memoryStorage } from '../../src/session-store.js';

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
});
