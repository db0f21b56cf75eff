/**
 * Bundle size of the built widget (the ES module leaves Lit external, the iife holds it): raw, minified (esbuild,
 * whitespace + syntax + identifiers), and gzip (level 9) and brotli of the minified file, for both bundles.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
