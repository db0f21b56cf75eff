import { defineConfig } from 'vite';

// `vite build` -> dist/genesys-chat.js (ES module, lit bundled in) ;
// `vite build --mode iife` -> dist/genesys-chat.iife.js (one file for a plain <script> tag).
export default defineConfig(({ mode }) => ({
  build: {
    target: 'es2021',
    emptyOutDir: mode !== 'iife',
    sourcemap: true,
    // Library mode leaves ES output unminified (whitespace kept) by default; a widget ships minified.
    minify: 'oxc',
    rolldownOptions: { output: { minify: true } },
    lib: {
      entry: 'src/index.ts',
      name: 'GenesysChat',
      formats: mode === 'iife' ? ['iife'] : ['es'],
      fileName: (format) => (format === 'iife' ? 'genesys-chat.iife.js' : 'genesys-chat.js'),
    },
  },
}));
