/**
 * What the widget remembers for the page between loads: whether the panel was open (this tab only, so a reload or
 * the next page of the site keeps it, and a new tab starts closed) and up to when the visitor has read (this
 * browser, so messages that came while they were away count as unread). Storage errors are ignored: private modes
 * and sandboxed frames simply forget.
 */

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function storage(kind: 'sessionStorage' | 'localStorage'): Store | null {
  try {
    return (globalThis as unknown as Record<string, Store | undefined>)[kind] ?? null;
  } catch {
    return null; // access itself throws where storage is blocked
  }
}

function read(store: Store | null, key: string): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(store: Store | null, key: string, value: string | null): void {
  try {
    if (value === null) store?.removeItem(key);
    else store?.setItem(key, value);
  } catch {
    // quota or blocked: nothing is remembered
  }
}

export class PanelMemory {
  /** @param scope what the chat is (deployment id or token endpoint); '' when not configured yet. */
  constructor(private readonly scope: () => string) {}

  private key(what: string): string | null {
    const scope = this.scope();
    return scope ? `genesys-chat:${scope}:${what}` : null;
  }

  /** Whether the panel was open when this tab last left the page. */
  wasOpen(): boolean {
    const key = this.key('open');
    return key !== null && read(storage('sessionStorage'), key) === '1';
  }

  rememberOpen(open: boolean): void {
    const key = this.key('open');
    if (key) write(storage('sessionStorage'), key, open ? '1' : null);
  }

  /** Epoch ms up to which the visitor has read, or null when never recorded. */
  readUpTo(): number | null {
    const key = this.key('read');
    const value = key ? Number(read(storage('localStorage'), key)) : NaN;
    return Number.isFinite(value) && value > 0 ? value : null;
  }

  rememberRead(until: number): void {
    const key = this.key('read');
    if (key && Number.isFinite(until)) write(storage('localStorage'), key, String(Math.round(until)));
  }
}
