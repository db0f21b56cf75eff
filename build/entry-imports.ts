/**
 * The browser build's entry imports Lit and the shared core statically; the one-script loader preloads them beside
 * the entry (src/cdn-loader.ts) instead of discovering them after the entry arrived. The CDN build records them
 * (`recordEntryImports`), the loader build reads them (`readEntryImports`) into the loader as a constant.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const FILE = '.entry-imports.json';

/** CDN build: writes `<outDir>/.entry-imports.json`, the entry's static imports relative to it (not shipped). */
export function recordEntryImports(): Plugin {
  return {
    name: 'genesys-chat:record-entry-imports',
    apply: 'build',
    generateBundle(_, bundle) {
      const entry = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
      if (entry?.type !== 'chunk') return;
      const imports = entry.imports.map((file) => (file.startsWith('.') ? file : `./${file}`));
      this.emitFile({ type: 'asset', fileName: FILE, source: JSON.stringify(imports) });
    },
  };
}

/** Loader build: what the CDN build recorded in `cdnDir`; the CDN build must have run first. */
export function readEntryImports(cdnDir: string): string[] {
  const file = join(cdnDir, FILE);
  if (!existsSync(file)) throw new Error(`${file} is missing: run the CDN build (\`vite build --mode cdn\`) first`);
  const imports: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(imports) || !imports.every((item) => typeof item === 'string')) throw new Error(`${file} is not a list of files`);
  return imports;
}
