/**
 * Bundle size of the built widget (the ES module leaves Lit external; the one-script loader imports dist/cdn/, Lit
 * inside): raw, minified (esbuild, whitespace + syntax + identifiers), and gzip (level 9) and brotli of the minified
 * files, summed over what a page fetches up front (the entry and its static imports; lazy chunks not counted).
 */
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { transform } from 'esbuild';

export interface BundleSize { file: string; raw: number; min: number; gzip: number; brotli: number }

/** Measures one built file in dist/. */
export async function measureBundle(distDir: string, file: string, format: 'esm' | 'iife'): Promise<BundleSize> {
  const source = await readFile(join(distDir, file), 'utf8');
  // A classic script stays a script (no second wrapper); a module keeps its exports.
  const options = format === 'esm' ? { format: 'esm' as const } : {};
  const minified = (await transform(source, { ...options, minify: true, target: 'es2021', legalComments: 'none' })).code;
  const bytes = Buffer.from(minified);
  return {
    file,
    raw: Buffer.byteLength(source),
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Static `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"` in a built file (not `import()`). */
const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[^'"`()]*?from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g;

/** The files a page fetches up front for `entry` (relative to distDir): the entry and its static imports, transitively. */
export async function upFrontFiles(distDir: string, entry: string): Promise<string[]> {
  const seen: string[] = [];
  const visit = async (file: string): Promise<void> => {
    if (seen.includes(file)) return;
    seen.push(file);
    const source = await readFile(join(distDir, file), 'utf8');
    for (const match of source.matchAll(STATIC_IMPORT)) await visit(posix.normalize(posix.join(posix.dirname(file), match[1]!)));
  };
  await visit(entry);
  return seen;
}

/** measureBundle summed over files (each compressed on its own, as a browser fetches them). */
export async function measureFiles(distDir: string, files: string[], format: 'esm' | 'iife'): Promise<BundleSize> {
  const sizes = await Promise.all(files.map((file) => measureBundle(distDir, file, file.endsWith('.iife.js') ? 'iife' : format)));
  const total = (key: 'raw' | 'min' | 'gzip' | 'brotli') => sizes.reduce((sum, size) => sum + size[key], 0);
  return { file: files.join(' + '), raw: total('raw'), min: total('min'), gzip: total('gzip'), brotli: total('brotli') };
}
