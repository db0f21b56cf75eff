/**
 * The ES build leaves Lit to the page: a browser without a bundler needs an import map for Lit's bare specifiers.
 * This is the map a page uses (README "Without a bundler"), pointing at a local node_modules instead of a CDN, and
 * the server side that serves exactly those packages.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';

const NODE_MODULES = resolve(import.meta.dirname, '../../node_modules');

/** Lit and the packages its modules import, with the file a bare import of each resolves to in a browser. */
const LIT_PACKAGES: Record<string, string> = {
  lit: 'index.js',
  'lit-html': 'lit-html.js',
  'lit-element': 'index.js',
  '@lit/reactive-element': 'reactive-element.js',
};

/** `<script type="importmap">` content mapping Lit to `${base}<package>/…` (base ends with a slash). */
export function litImportMap(base: string, extra: Record<string, string> = {}): string {
  const imports: Record<string, string> = { ...extra };
  for (const [name, main] of Object.entries(LIT_PACKAGES)) {
    imports[name] = `${base}${name}/${main}`;
    imports[`${name}/`] = `${base}${name}/`;
  }
  return JSON.stringify({ imports });
}

/** The CSP source that allows exactly this inline import map (import maps count as inline scripts). */
export function cspHash(inlineScript: string): string {
  return `'sha256-${createHash('sha256').update(inlineScript).digest('base64')}'`;
}

/** The file for `/node_modules/<path>` when it belongs to one of Lit's packages, else null. */
export async function readLitFile(path: string): Promise<Buffer | null> {
  const file = normalize(join(NODE_MODULES, path));
  const inLit = Object.keys(LIT_PACKAGES).some((name) => file.startsWith(join(NODE_MODULES, name) + '/'));
  if (!inLit || !file.endsWith('.js')) return null;
  return readFile(file).catch(() => null);
}
