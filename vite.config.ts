import { defineConfig, type LibraryOptions } from 'vite';
import { readEntryImports, recordEntryImports } from './build/entry-imports.js';
import { minifyTemplates } from './build/minify-templates.js';
import { coreGroup, listShareableChunks, shareWithEsBuild } from './build/share-chunks.js';

/**
 * Left to the app by the ES build: one Lit per page, the app's own React, and the package itself (react.js imports
 * `genesys-chat`, so both entries share one element). @lit/react is bundled.
 */
const EXTERNAL = /^(lit|lit-html|lit-element|@lit\/reactive-element|react|react-dom|genesys-chat)($|\/)/;

/** The npm package's ES modules: dist/genesys-chat.js (the element) and dist/react.js (the React wrapper). */
const ES: LibraryOptions = { entry: { 'genesys-chat': 'src/index.ts', react: 'src/react.ts' }, formats: ['es'] };
/**
 * The browser build for a classic `<script>` tag (issue 11): the ES build's output bundled again with Lit inside, in
 * dist/cdn/; the ES build's chunks that never reach Lit are imported from dist/ as they are (build/share-chunks.ts).
 */
const CDN: LibraryOptions = { entry: { 'genesys-chat': 'build/cdn-entry.js' }, formats: ['es'] };
/** dist/genesys-chat.iife.js: the one-`<script>` file, a tiny loader that imports dist/cdn/ from next to itself. */
const LOADER: LibraryOptions = { entry: { 'genesys-chat': 'src/cdn-loader.ts' }, name: 'GenesysChatLoader', formats: ['iife'] };

// `vite build` builds the ES modules (Lit external), `--mode cdn` dist/cdn/ (Lit inside), `--mode loader` the loader.
// All minified (css`` templates too, build/minify-templates.ts), no source maps (the tarball ships no maps of the
// whole tree). Declarations are rolled up per entry by build/types.ts.
export default defineConfig(({ mode }) => {
  const lib = mode === 'cdn' ? CDN : mode === 'loader' ? LOADER : ES;
  return {
    plugins: lib === CDN ? [shareWithEsBuild('dist'), recordEntryImports()] : lib === ES ? [minifyTemplates(), listShareableChunks()] : [],
    // The loader preloads what the CDN entry imports (build/entry-imports.ts).
    define: lib === LOADER ? { __CDN_ENTRY_IMPORTS__: JSON.stringify(readEntryImports('dist/cdn')) } : {},
    build: {
      target: 'es2021',
      emptyOutDir: lib === ES,
      outDir: lib === CDN ? 'dist/cdn' : 'dist',
      sourcemap: false,
      // Library mode leaves ES output unminified (whitespace kept) by default; a widget ships minified.
      minify: 'oxc',
      lib,
      rolldownOptions: {
        external: lib === ES ? [EXTERNAL] : [],
        output: {
          minify: true,
          entryFileNames: lib === LOADER ? '[name].iife.js' : '[name].js',
          // The browser build's chunks are named after the ES chunks they come from: keep one hash, not two.
          ...(lib === CDN ? { chunkFileNames: (chunk: { name: string }) => `${chunk.name.replace(/-[\w-]{8}$/, '')}-[hash].js` } : {}),
          // What the element loads up front and never needs Lit for: one chunk both builds use.
          ...(lib === ES ? { codeSplitting: { groups: [coreGroup('src/index.ts')] } } : {}),
        },
      },
    },
  };
});
