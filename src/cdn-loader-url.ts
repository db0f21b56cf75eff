/**
 * Where the one-`<script>` loader (src/cdn-loader.ts) finds the CDN build: `cdn/genesys-chat.js` next to its own file.
 * Pure functions, unit-tested (test/unit/cdn-loader-url.test.ts).
 */

/** The loader's file name as built and as the unpkg/jsdelivr fields name it. */
export const LOADER_FILE = 'genesys-chat.iife.js';

/**
 * The URL of the CDN build's entry for a loader served from `scriptSrc`. A package URL without a file
 * (`https://unpkg.com/genesys-chat@0.1`, which npm CDNs answer with the `unpkg`/`jsdelivr` file) resolves under
 * its `dist/`; any `….js` URL resolves next to the file. Query and fragment are dropped.
 */
export function cdnEntryUrl(scriptSrc: string, baseUri: string): string {
  const url = new URL(scriptSrc, baseUri);
  url.search = '';
  url.hash = '';
  if (!/\.m?js$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/+$/, '')}/dist/`;
  return new URL('cdn/genesys-chat.js', url).href;
}

/** What the loader needs of `document` (a narrow view, so the unit test needs no DOM). */
export interface LoaderDocument {
  /** An SVG `<script>` has no `src`: any object is accepted, only a string `src` counts. */
  currentScript: object | null;
  baseURI: string;
  scripts: ArrayLike<{ src: string }>;
}

/**
 * The loader's own URL: `document.currentScript` (a classic script, `defer` and `async` included), else the last
 * `<script src>` naming the loader file (currentScript is null when the code runs outside a script element, e.g.
 * injected by a tag manager or a test harness), else null.
 */
export function loaderSrc(doc: LoaderDocument): string | null {
  const current = doc.currentScript as { src?: unknown } | null;
  if (typeof current?.src === 'string' && current.src) return current.src;
  const named = Array.from(doc.scripts).filter((script) => new URL(script.src || 'about:blank').pathname.endsWith(`/${LOADER_FILE}`));
  return named.at(-1)?.src ?? null;
}

/**
 * The absolute URLs of the files the CDN entry imports statically (`imports`, relative to the entry as the build
 * wrote them), for `<link rel="modulepreload">`: fetched with the entry instead of after it was parsed.
 */
export function preloadUrls(entry: string, imports: readonly string[]): string[] {
  return imports.map((file) => new URL(file, entry).href);
}
