import { defineConfig, type LibraryOptions } from 'vite';

/**
 * Left to the app by the ES build: one Lit per page, the app's own React, and the package itself (react.js imports
 * `genesys-chat`, so both entries share one element). @lit/react is bundled.
 */
const EXTERNAL = /^(lit|lit-html|lit-element|@lit\/reactive-element|react|react-dom|genesys-chat)($|\/)/;

/** The npm package's ES modules: dist/genesys-chat.js (the element) and dist/react.js (the React wrapper). */
const ES: LibraryOptions = { entry: { 'genesys-chat': 'src/index.ts', react: 'src/react.ts' }, formats: ['es'] };
/** One file with Lit inside, for a classic <script> tag: dist/genesys-chat.iife.js. */
const IIFE: LibraryOptions = { entry: { 'genesys-chat': 'src/index.ts' }, name: 'GenesysChat', formats: ['iife'] };

/** The CDN build (issue 11): ES chunks with Lit inside (dist/cdn/), loaded by a classic-script loader. */
const CDN: LibraryOptions = { entry: { 'genesys-chat': 'src/index.ts' }, formats: ['es'] };
const LOADER: LibraryOptions = { entry: { 'genesys-chat': 'src/cdn-loader.ts' }, name: 'GenesysChatLoader', formats: ['iife'] };

// `vite build` builds ES, `vite build --mode iife` the single file. Both minified, no source maps (the tarball
// ships no maps of the whole tree). Declarations come from `tsc -p tsconfig.build.json`.
export default defineConfig(({ mode }) => {
  // `--mode cdn`: dist/cdn/*.js; `--mode loader`: dist/genesys-chat.cdn.js (imports ./cdn/genesys-chat.js).
  if (mode === 'cdn' || mode === 'loader') {
    const cdn = mode === 'cdn';
    return {
      build: {
        target: 'es2021', emptyOutDir: false, sourcemap: false, minify: 'oxc', outDir: cdn ? 'dist/cdn' : 'dist',
        lib: cdn ? CDN : LOADER,
        rolldownOptions: { output: { minify: true, entryFileNames: cdn ? '[name].js' : '[name].cdn.js' } },
      },
    };
  }
  const iife = mode === 'iife';
  return {
    build: {
      target: 'es2021',
      emptyOutDir: !iife,
      sourcemap: false,
      // Library mode leaves ES output unminified (whitespace kept) by default; a widget ships minified.
      minify: 'oxc',
      lib: iife ? IIFE : ES,
      rolldownOptions: {
        external: iife ? [] : [EXTERNAL],
        output: { minify: true, entryFileNames: iife ? '[name].iife.js' : '[name].js' },
      },
    },
  };
});
