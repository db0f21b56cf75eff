import { defineConfig } from 'vite';

// React without a plugin: Vite's own transform compiles JSX for React's automatic runtime.
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
});
