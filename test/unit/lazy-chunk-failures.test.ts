/**
 * A feature's chunk that cannot load (a CDN hiccup, a deploy that removed old chunks) must not break the chat: the
 * step that needed it fails with a clear error or the feature stays off, everything else goes on.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('../../src/connection/auth.js');
  vi.doUnmock('../../src/ui/prechat-form.js');
  vi.doUnmock('../../src/markdown-core.js');
  vi.restoreAllMocks();
  vi.resetModules();
});

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  } as Storage;
}

describe('lazy chunks that fail to load', () => {
  it('sign-in: an anonymous visitor never needs the chunk; signing in fails as a network error', async () => {
    vi.doMock('../../src/connection/auth.js', () => {
      throw new Error('chunk 404');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { LazyAuth } = await import('../../src/connection/lazy-auth.js');
    const auth = new LazyAuth({ deploymentId: 'dep', apiBase: () => 'http://127.0.0.1:9', fetchImpl: fetch, storage: memoryStorage() });
    expect(auth.signedIn).toBe(false);
    auth.startTimer();
    auth.forget();
    await auth.revoke(); // nothing held: nothing to load
    await expect(auth.exchange({ code: 'c', redirectUri: 'https://shop.example/' }))
      .rejects.toMatchObject({ name: 'AuthFailure', authError: { code: 'network' } });
    expect(warn).toHaveBeenCalled();
  });

  it('pre-chat form: the chat starts without it', async () => {
    vi.doMock('../../src/ui/prechat-form.js', () => {
      throw new Error('chunk 404');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { LazyPrechat } = await import('../../src/ui/prechat-loader.js');
    const loads: Promise<unknown>[] = [];
    let updates = 0;
    const host = { requestUpdate: () => { updates += 1; } } as unknown as ConstructorParameters<typeof LazyPrechat>[0];
    const prechat = new LazyPrechat(host, {
      fields: () => [{ name: 'email', label: 'Email' }], storageKey: () => 'k', ctx: () => { throw new Error('unused'); },
      root: () => document, submitted: () => {},
    } as unknown as ConstructorParameters<typeof LazyPrechat>[1], (loading) => loads.push(loading));
    expect(prechat.pending).toBe(true); // no conversation before we know whether the form is needed
    await Promise.all(loads);
    expect(prechat.pending).toBe(false);
    expect(prechat.connection()).toBe(null);
    expect(updates).toBeGreaterThan(0);
    expect(warn).toHaveBeenCalled();
  });

  it('Markdown: the text stays readable, without marks', async () => {
    vi.doMock('../../src/markdown-core.js', () => {
      throw new Error('chunk 404');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { preloadMarkdown, renderMarkdown, parseMarkdown } = await import('../../src/markdown.js');
    await preloadMarkdown();
    expect(renderMarkdown('Your order **shipped**, see [tracking](https://x.example/t)')).toBe('Your order shipped, see tracking');
    expect(parseMarkdown('a *b*')).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: 'a b' }] }]);
    expect(warn).toHaveBeenCalled();
  });
});
