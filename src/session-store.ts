/**
 * Where the guest's session token lives between page loads: localStorage, one key per deployment (direct) or per
 * token endpoint (gateway). A reload reads the same token and so resumes the same conversation.
 */
import { MAX_SESSION_TOKEN_LENGTH } from './protocol/web-messaging.js';
import { newId } from './connection/ids.js';

/** The localStorage key of a direct (Web Messaging) session token. */
export function directTokenKey(deploymentId: string): string {
  return `genesys-chat:${deploymentId}:token`;
}

/** The localStorage key of a gateway session token. */
export function gatewayTokenKey(tokenEndpoint: string): string {
  return `genesys-chat:gateway:${tokenEndpoint}`;
}

/**
 * What a token's companions (the kept history JWT, the history length) are stored with: enough of the session token
 * to tell sessions apart (its last 12 characters: 48 bits of a UUID) without storing the token a second time.
 */
export function tokenTag(token: string): string {
  return token.slice(-12);
}

/** The subset of the Web Storage API the store uses (a test passes a Map-backed object). */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A storage that lives as long as the page, for browsers that refuse localStorage (private modes, sandboxed iframes). */
export function memoryStorage(): TokenStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  };
}

/**
 * The page's localStorage, or a memory store when it is missing or access throws (SecurityError). No write probe:
 * a page's first localStorage write costs milliseconds at start-up, and every write is guarded where it happens (a
 * write that fails keeps the value in memory for the page: SessionStore's cache, the sign-in's JWT).
 */
export function defaultStorage(): TokenStorage {
  try {
    const storage = (globalThis as { localStorage?: Storage }).localStorage;
    if (storage) return storage;
  } catch {
    // fall through: storage exists but is blocked
  }
  return memoryStorage();
}

/**
 * `given`, or else the page's storage (defaultStorage), opened on first use and not before: a page's first
 * localStorage access costs milliseconds, which should fall after the socket was created, while it opens.
 */
export function lazyStorage(given?: TokenStorage | null): () => TokenStorage {
  let storage = given ?? null;
  return () => (storage ??= defaultStorage());
}

/** Reads, creates and forgets one session token. Storage errors (quota, blocked) never reach the caller. */
export class SessionStore {
  private readonly openStorage: () => TokenStorage;
  /** Kept so the session survives within the page even when storage writes fail. */
  private cached: string | null = null;

  constructor(readonly key: string, storage?: TokenStorage | null) {
    this.openStorage = lazyStorage(storage);
  }

  /** Where the token is kept (its companions, such as the history hint, are kept beside it); opened on first use. */
  get storage(): TokenStorage {
    return this.openStorage();
  }

  /** The stored token, or null when there is none (or it is not a usable token). */
  load(): string | null {
    if (this.cached) return this.cached;
    let value: string | null = null;
    try {
      value = this.storage.getItem(this.key);
    } catch {
      value = null;
    }
    if (!value || value.length > MAX_SESSION_TOKEN_LENGTH) return null;
    this.cached = value;
    return value;
  }

  /** The stored token, creating and saving a fresh UUID when there is none. */
  getOrCreate(): string {
    const existing = this.load();
    if (existing) return existing;
    const token = newId();
    this.save(token);
    return token;
  }

  save(token: string): void {
    this.cached = token;
    try {
      this.storage.setItem(this.key, token);
    } catch {
      // quota or blocked storage: the token still lives in memory for this page
    }
  }

  /** Drops the token: the next connection starts a new session. */
  forget(): void {
    this.cached = null;
    try {
      this.storage.removeItem(this.key);
    } catch {
      // nothing to do
    }
  }
}
