/**
 * Render helpers that load on first use (rich content, Markdown): a template asks for one; until its chunk is there
 * the template shows a plain fallback, and every connected `<genesys-chat>` is told twice: that a chunk is loading
 * (its `updateComplete` waits for it) and that it arrived (it renders again). A chunk that cannot load is logged once
 * and the fallback stays: the chat goes on in plain text.
 */
export interface LazyRenderWatcher {
  loading(chunk: Promise<unknown>): void;
  loaded(): void;
}

const watchers = new Set<LazyRenderWatcher>();
let generation = 0;
let fallbacks = 0;

/** An element follows lazily loaded renderers while it is on the page; call the returned function to stop. */
export function watchLazyRenderers(watcher: LazyRenderWatcher): () => void {
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}

/** Bumped each time a renderer arrives: rows rendered with a fallback before that render again. */
export function lazyRenderGeneration(): number {
  return generation;
}

/** How many fallbacks templates were given so far: a render that moved it showed one (its renderer was not there). */
export function fallbacksShown(): number {
  return fallbacks;
}

/**
 * `get()`: the module once loaded, else null (and the load starts). `preload()` starts it without asking for it yet
 * and resolves once it settled (loaded or failed).
 */
export function lazyRenderer<T>(what: string, load: () => Promise<T>): { get(): T | null; preload(): Promise<void> } {
  let module: T | null = null;
  let pending: Promise<void> | null = null;
  const start = (): Promise<void> => {
    if (pending) return pending;
    pending = load().then((loaded) => {
      module = loaded;
      generation += 1;
    }, (error: unknown) => {
      console.warn(`[genesys-chat] ${what} could not be loaded; shown as plain text`, error);
    }).finally(() => {
      for (const watcher of watchers) watcher.loaded();
    });
    for (const watcher of watchers) watcher.loading(pending);
    return pending;
  };
  return {
    get: () => {
      if (!module) {
        fallbacks += 1;
        void start();
      }
      return module;
    },
    preload: start,
  };
}
