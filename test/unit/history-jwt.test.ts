// The history JWT (src/transports/web-messaging/history-jwt.ts): one getJwt at a time, cached until shortly before it
// expires, kept in the page's storage for the next load under its session token's tag (storage is page-writable: a
// kept value is validated before use), renewed past half its life. Written from the mutants that survived the
// transport tests alone (make mutation MODULE=history-jwt).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClientRequest, ServerFrame } from '../../src/protocol/web-messaging.js';
import { memoryStorage, tokenTag, type TokenStorage } from '../../src/session-store.js';
import { HistoryJwt } from '../../src/transports/web-messaging/history-jwt.js';

const KEY = 'genesys-chat:test:jwt';
const TOKEN = '5b1f6a52-7c1e-4d8a-9e0b-3f2c1d4e5a6b';
const OTHER_TOKEN = '9e0b3f2c-1d4e-4a6b-8b1f-6a527c1e4d8a';
const HOUR_S = 3600;

afterEach(() => {
  vi.useRealTimers();
});

/** A getJwt server: answers with `jwt-<n>` expiring in `lifetimeS` (exp in seconds, as Genesys sends it). */
function rig(options: { lifetimeS?: number; reply?: (n: number) => ServerFrame; storage?: TokenStorage | null; token?: () => string } = {}) {
  const asked: ClientRequest[] = [];
  const releases: (() => void)[] = [];
  let hold = false;
  const request = async (request: ClientRequest, isReply: (frame: ServerFrame) => boolean): Promise<ServerFrame> => {
    asked.push(request);
    const n = asked.length;
    if (hold) await new Promise<void>((resolve) => releases.push(resolve));
    const frame = options.reply?.(n) ?? { type: 'response', class: 'JwtResponse', code: 200,
      body: { jwt: `jwt-${n}`, exp: Math.floor(Date.now() / 1000) + (options.lifetimeS ?? HOUR_S) } } as ServerFrame;
    expect(isReply(frame)).toBe(frame.class === 'JwtResponse');
    return frame;
  };
  const storage = options.storage === undefined ? memoryStorage() : options.storage;
  const jwt = new HistoryJwt(request, options.token ?? (() => TOKEN), storage ? { storage: () => storage, key: KEY } : null);
  return { jwt, asked, storage, holdReplies: () => { hold = true; }, release: () => releases.splice(0).forEach((go) => go()),
    releaseFirst: () => releases.shift()?.() };
}

const keep = (storage: TokenStorage, value: unknown) => storage.setItem(KEY, typeof value === 'string' ? value : JSON.stringify(value));
const keptFor = (token: string, extra: Record<string, unknown> = {}) =>
  ({ tag: tokenTag(token), jwt: 'kept-jwt', exp: Date.now() + HOUR_S * 1000, at: Date.now(), ...extra });

describe('HistoryJwt: asking', () => {
  it('asks once with the session token, and answers from the cache after that', async () => {
    const { jwt, asked } = rig();
    await expect(jwt.get()).resolves.toBe('jwt-1');
    await expect(jwt.get()).resolves.toBe('jwt-1');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ action: 'getJwt', token: TOKEN });
  });

  it('shares one request between callers, and asks again after a failure', async () => {
    let fail = true;
    const { jwt, asked, holdReplies, release } = rig({ reply: (n) => (fail
      ? { type: 'response', class: 'Error', code: 400, body: { errorMessage: 'nope' } } as unknown as ServerFrame
      : { type: 'response', class: 'JwtResponse', code: 200, body: { jwt: `jwt-${n}`, exp: Math.floor(Date.now() / 1000) + HOUR_S } } as ServerFrame) });
    holdReplies();
    const first = jwt.get();
    const second = jwt.get();
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    release();
    await expect(first).rejects.toMatchObject({ code: 'unauthorized', message: 'No history token: nope', detail: { class: 'Error' } });
    await expect(second).rejects.toMatchObject({ code: 'unauthorized' });
    fail = false;
    const third = jwt.get();
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    release();
    await expect(third).resolves.toBe('jwt-2');
  });

  it('a reset while a request is out: the next request is shared by later callers, not dropped by the first one\'s end', async () => {
    const { jwt, asked, holdReplies, release, releaseFirst } = rig({ lifetimeS: 20 }); // never cached
    holdReplies();
    const first = jwt.get();
    jwt.reset();
    const second = jwt.get();
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    releaseFirst();
    await first;
    const third = jwt.get(); // the second request is still out: shared
    release();
    await Promise.all([second, third]);
    expect(asked).toHaveLength(2);
  });

  it('uses a JWT until 30 s before it expires; `exp` in seconds or in ms', async () => {
    const short = rig({ lifetimeS: 20 });
    await short.jwt.get();
    await short.jwt.get();
    expect(short.asked).toHaveLength(2); // inside the margin: never cached
    const inMs = rig({ reply: (n) => ({ type: 'response', class: 'JwtResponse', code: 200, body: { jwt: `jwt-${n}`, exp: Date.now() + HOUR_S * 1000 } }) as ServerFrame });
    await inMs.jwt.get();
    await inMs.jwt.get();
    expect(inMs.asked).toHaveLength(1);
    const shortInMs = rig({ reply: (n) => ({ type: 'response', class: 'JwtResponse', code: 200, body: { jwt: `jwt-${n}`, exp: Date.now() + 20_000 } }) as ServerFrame });
    await shortInMs.jwt.get();
    await shortInMs.jwt.get();
    expect(shortInMs.asked).toHaveLength(2); // 20 s in ms is 20 s, not 20,000 s
    const stringExp = rig({ reply: (n) => ({ type: 'response', class: 'JwtResponse', code: 200,
      body: { jwt: `jwt-${n}`, exp: String(Math.floor(Date.now() / 1000) + HOUR_S) } }) as unknown as ServerFrame });
    await expect(stringExp.jwt.get()).resolves.toBe('jwt-1');
    await stringExp.jwt.get();
    expect(stringExp.asked).toHaveLength(2); // an `exp` that is not a number: used once, neither cached nor kept
    expect(stringExp.jwt.kept()).toBeNull();
  });

  it('reset() forgets the cached JWT of this connection, forget() the kept one too', async () => {
    const { jwt, asked, storage } = rig();
    await jwt.get();
    jwt.reset();
    await jwt.get();
    expect(asked).toHaveLength(2);
    expect(jwt.kept()).toBe('jwt-2');
    jwt.forget();
    expect(jwt.kept()).toBeNull();
    expect(storage?.getItem(KEY)).toBeNull();
    expect(() => rig({ storage: null }).jwt.forget()).not.toThrow();
  });
});

describe('HistoryJwt: keeping', () => {
  it('keeps a fresh JWT under the session token\'s tag, for this token only', async () => {
    const { jwt, storage } = rig();
    await jwt.get();
    expect(JSON.parse(storage?.getItem(KEY) ?? '{}')).toMatchObject({ tag: tokenTag(TOKEN), jwt: 'jwt-1' });
    expect(jwt.kept()).toBe('jwt-1');
    let token = TOKEN;
    const another = new HistoryJwt(async () => { throw new Error('not asked'); }, () => token, { storage: () => storage as TokenStorage, key: KEY });
    expect(another.kept()).toBe('jwt-1');
    token = OTHER_TOKEN; // another session on this browser: not its JWT
    expect(another.kept()).toBeNull();
  });

  it('does not keep a JWT that is about to expire, nor keep anything without a store', async () => {
    const short = rig({ lifetimeS: 20 });
    await short.jwt.get();
    expect(short.storage?.getItem(KEY)).toBeNull();
    const memoryOnly = rig({ storage: null });
    await memoryOnly.jwt.get();
    expect(memoryOnly.jwt.kept()).toBeNull();
  });

  it('ignores anything else the page may have put there', () => {
    const storage = memoryStorage();
    const { jwt } = rig({ storage });
    for (const value of [
      'not json', '"a string"', '42', 'null', keptFor(OTHER_TOKEN), keptFor(TOKEN, { jwt: '' }), keptFor(TOKEN, { jwt: 42 }),
      keptFor(TOKEN, { tag: undefined }), keptFor(TOKEN, { exp: 'soon' }), keptFor(TOKEN, { at: null }),
      keptFor(TOKEN, { exp: Date.now() + 10_000 }), // inside the margin
      JSON.stringify(keptFor(TOKEN)) + ' '.repeat(8_192), // too long to be ours
    ]) {
      keep(storage, value);
      expect(jwt.kept(), JSON.stringify(value).slice(0, 60)).toBeNull();
    }
    keep(storage, keptFor(TOKEN));
    expect(jwt.kept()).toBe('kept-jwt');
  });

  it('storage that throws keeps nothing and breaks nothing', async () => {
    const blocked: TokenStorage = {
      getItem: () => { throw new Error('SecurityError'); },
      setItem: () => { throw new Error('QuotaExceededError'); },
      removeItem: () => { throw new Error('SecurityError'); },
    };
    const { jwt } = rig({ storage: blocked });
    await expect(jwt.get()).resolves.toBe('jwt-1');
    expect(jwt.kept()).toBeNull();
    expect(() => jwt.forget()).not.toThrow();
  });
});

describe('HistoryJwt: renewing the kept one', () => {
  it('asks when nothing is kept, or the kept one is past half its life; not when it is younger', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1), toFake: ['Date'] });
    const none = rig();
    none.jwt.renewKept();
    await vi.waitFor(() => expect(none.asked).toHaveLength(1));

    const young = rig();
    keep(young.storage as TokenStorage, keptFor(TOKEN, { at: Date.now() - 10 * 60_000, exp: Date.now() + 50 * 60_000 }));
    young.jwt.renewKept();
    await Promise.resolve();
    expect(young.asked).toHaveLength(0);

    const old = rig();
    keep(old.storage as TokenStorage, keptFor(TOKEN, { at: Date.now() - 40 * 60_000, exp: Date.now() + 20 * 60_000 }));
    old.jwt.renewKept();
    await vi.waitFor(() => expect(old.asked).toHaveLength(1));
    await vi.waitFor(() => expect(old.jwt.kept()).toBe('jwt-1'));
  });

  it('does not ask without a store, while a request is out, or when this connection holds a usable JWT', async () => {
    const memoryOnly = rig({ storage: null });
    memoryOnly.jwt.renewKept();
    const busy = rig();
    busy.holdReplies();
    const out = busy.jwt.get();
    busy.jwt.renewKept();
    const holding = rig();
    await holding.jwt.get();
    holding.storage?.removeItem(KEY);
    holding.jwt.renewKept();
    await Promise.resolve();
    expect(memoryOnly.asked).toHaveLength(0);
    expect(busy.asked).toHaveLength(1);
    expect(holding.asked).toHaveLength(1);
    busy.release();
    await out;
  });
});
