/**
 * `dist/genesys-chat.iife.js`: the one classic `<script src>` a page pastes (also the package's unpkg/jsdelivr file).
 * A few hundred bytes that import the browser build (`dist/cdn/`, ES chunks with Lit inside) from next to its own
 * URL, so the gateway transport, the knowledge panel and non-English strings load only when used. When loaded, the
 * module's exports are the global `GenesysChat`, set when the element is defined (`customElements.whenDefined`).
 * The entry's static imports are preloaded beside it. Works with `defer` and `async`; without a script element of
 * its own (injected code), it looks for a `<script src=".../genesys-chat.iife.js">`, and last resolves against the
 * page's base URL. A failed load is an error in the console naming the URL it tried.
 */
import { cdnEntryUrl, loaderSrc, preloadUrls } from './cdn-loader-url.js';

/** What the CDN entry imports statically (Lit, the shared core), written in by the build (vite.config.ts). */
declare const __CDN_ENTRY_IMPORTS__: readonly string[];

const entry = cdnEntryUrl(loaderSrc(document) ?? './genesys-chat.iife.js', document.baseURI);
// The entry's own imports are fetched beside it, not after it arrived and was parsed (one round trip less).
for (const href of preloadUrls(entry, __CDN_ENTRY_IMPORTS__)) {
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = href;
  (document.head ?? document.documentElement).append(link);
}
// The entry sets the global `GenesysChat` itself (build/cdn-entry.js), in the evaluation that defines the element.
import(/* @vite-ignore */ entry).catch((error: unknown) => {
  console.error(`[genesys-chat] could not load ${entry}: serve dist/cdn/ next to genesys-chat.iife.js.`, error);
});
