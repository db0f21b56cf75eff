/**
 * `dist/genesys-chat.cdn.js`: a one-line classic script for pages that paste one `<script src>` tag and want only
 * what they use: it imports the CDN build (`dist/cdn/`, ES chunks with Lit inside) from next to itself, so the
 * gateway transport and non-English strings load only when needed. `dist/genesys-chat.iife.js` stays the
 * everything-in-one-file alternative.
 */
const script = document.currentScript as HTMLScriptElement | null;
const entry = new URL('./cdn/genesys-chat.js', script?.src || document.baseURI).href;
import(/* @vite-ignore */ entry).catch((error: unknown) => console.error('[genesys-chat] could not load', entry, error));
