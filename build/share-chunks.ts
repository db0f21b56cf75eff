/**
 * One copy of the code that does not need Lit, shared by the npm ES build (dist/, Lit external) and the browser build
 * (dist/cdn/, Lit inside). Without this the tarball held two copies of the controller, transports, locales…
 *
 * 1. ES build, `coreGroup()`: the modules the entry loads up front that never reach Lit (statically or through a
 *    dynamic import) go into one chunk, `dist/core-<hash>.js`, instead of being inlined into `dist/genesys-chat.js`.
 *    Lazy modules stay lazy chunks. `listShareableChunks()` writes `dist/.shareable.json`: the chunks whose whole
 *    import graph (static and dynamic) has no bare specifier, so a browser can load them with no import map.
 * 2. Browser build, `shareWithEsBuild()`: bundles the ES build's output (not the sources) with Lit resolved from
 *    node_modules, and leaves every shareable chunk as an import of `../<chunk>.js`. dist/cdn/ then holds Lit, the
 *    element and the UI; everything else is loaded from dist/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** Written by the ES build next to its chunks (not shipped: package.json `files` takes `dist/*.js`). */
export const SHAREABLE_LIST = '.shareable.json';

interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[]; dynamicallyImportedIds: readonly string[]; isExternal?: boolean } | null;
}

/** Bare specifiers (`lit`, `lit/decorators.js`, `react`) are what a browser without an import map cannot load. */
const isBare = (id: string): boolean => !id.startsWith('/') && !id.startsWith('.') && !/^[a-zA-Z]:[\\/]/.test(id) && !id.startsWith('\0');

/**
 * The ES build's `codeSplitting` group: a module goes to the `core` chunk when the entry (`src/index.ts`) reaches it
 * through static imports only and nothing it can load (statically or dynamically) imports a bare specifier.
 */
export function coreGroup(entry: string): { name: (id: string, ctx: ModuleGraph) => string | null } {
  const entryId = resolve(entry);
  let upFront: Set<string> | null = null;
  const bareFree = new Map<string, boolean>();
  const reachesNoBare = (id: string, graph: ModuleGraph, visiting: Set<string>): boolean => {
    const known = bareFree.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return true; // a cycle: decided by the other edges
    const info = graph.getModuleInfo(id);
    if (!info || info.isExternal || isBare(id)) return false;
    visiting.add(id);
    const result = [...info.importedIds, ...info.dynamicallyImportedIds].every((dep) => reachesNoBare(dep, graph, visiting));
    visiting.delete(id);
    bareFree.set(id, result);
    return result;
  };
  const staticClosure = (graph: ModuleGraph): Set<string> => {
    const seen = new Set<string>();
    const stack = [entryId];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const dep of graph.getModuleInfo(id)?.importedIds ?? []) if (!isBare(dep)) stack.push(dep);
    }
    return seen;
  };
  return {
    name(id, graph) {
      upFront ??= staticClosure(graph);
      if (id === entryId || !upFront.has(id)) return null;
      return reachesNoBare(id, graph, new Set()) ? 'core' : null;
    },
  };
}

/** ES build: writes the list of chunks a browser can load as they are (no bare specifier anywhere below them). */
export function listShareableChunks(): Plugin {
  return {
    name: 'genesys-chat:list-shareable-chunks',
    apply: 'build',
    generateBundle(_, bundle) {
      const chunks = new Map<string, { imports: string[]; dynamicImports: string[] }>();
      for (const [fileName, output] of Object.entries(bundle)) if (output.type === 'chunk') chunks.set(fileName, output);
      const memo = new Map<string, boolean>();
      const shareable = (fileName: string, visiting: Set<string>): boolean => {
        const known = memo.get(fileName);
        if (known !== undefined) return known;
        if (visiting.has(fileName)) return true;
        const chunk = chunks.get(fileName);
        if (!chunk) return false; // external: a bare specifier
        visiting.add(fileName);
        const result = [...chunk.imports, ...chunk.dynamicImports].every((dep) => shareable(dep, visiting));
        visiting.delete(fileName);
        memo.set(fileName, result);
        return result;
      };
      const list = [...chunks.keys()].filter((fileName) => shareable(fileName, new Set())).sort();
      this.emitFile({ type: 'asset', fileName: SHAREABLE_LIST, source: `${JSON.stringify(list, null, 2)}\n` });
    },
  };
}

/** Browser build: the ES build's shareable chunks stay imports of `../<chunk>.js` (dist/cdn/ sits in dist/). */
export function shareWithEsBuild(esDir: string): Plugin {
  const dir = resolve(esDir);
  const listFile = join(dir, SHAREABLE_LIST);
  let shareable: Set<string> = new Set();
  return {
    name: 'genesys-chat:share-with-es-build',
    enforce: 'pre',
    apply: 'build',
    buildStart() {
      if (!existsSync(listFile)) this.error(`${listFile} is missing: run the ES build (\`vite build\`) first`);
      shareable = new Set(JSON.parse(readFileSync(listFile, 'utf8')) as string[]);
    },
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.')) return null;
      const file = resolve(dirname(importer), source);
      if (dirname(file) !== dir || !shareable.has(basename(file))) return null;
      return { id: `../${basename(file)}`, external: true };
    },
  };
}
