/**
 * Type declarations shipped in the package: `tsc -p tsconfig.build.json` declares every module into a scratch
 * directory, then rollup-plugin-dts rolls them up to one file per entry (`dist/types/index.d.ts`, `react.d.ts`,
 * `jsx.d.ts`, `vue.d.ts`, plus a shared chunk when entries share declarations), holding only what the public API reaches.
 * One rollup build for all entries, so a class declared once is the same type from every entry.
 * Run: `tsx build/types.ts` (part of `npm run build`).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

const ROOT = resolve(import.meta.dirname, '..');
// Not under node_modules: rollup-plugin-dts leaves anything there as an external import.
const SCRATCH = join(ROOT, 'dist/.types-scratch');
const OUT = join(ROOT, 'dist/types');
/** Left as imports: Lit, React, Vue and the package itself (react.d.ts imports `genesys-chat`, i.e. index.d.ts). */
const EXTERNAL = /^(lit|lit-html|lit-element|@lit\/|react|react-dom|vue|genesys-chat)($|\/)/;

rmSync(SCRATCH, { recursive: true, force: true });
rmSync(OUT, { recursive: true, force: true });
execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', SCRATCH],
  { cwd: ROOT, stdio: 'inherit' });

const bundle = await rollup({
  input: { index: join(SCRATCH, 'index.d.ts'), react: join(SCRATCH, 'react.d.ts'), jsx: join(SCRATCH, 'jsx.d.ts'),
    vue: join(SCRATCH, 'vue.d.ts') },
  external: (id) => EXTERNAL.test(id),
  plugins: [dts()],
  onwarn(warning, warn) {
    // An unresolved import would become `any` for the consumer: fail the build instead.
    if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(warning.message);
    warn(warning);
  },
});
await bundle.write({ dir: OUT, format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: '[name]-[hash].d.ts' });
await bundle.close();
rmSync(SCRATCH, { recursive: true, force: true });
