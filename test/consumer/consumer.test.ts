/**
 * The widget as an adopter gets it: `npm pack`, install the tarball into a fresh strict TypeScript project
 * (test/consumer/project), type-check plain TS, React TSX, Vue templates, Preact and Solid JSX against it, import it
 * in Node, and look at what the install brought in. Needs a built dist/ (`npm run build`). Run: `npm run test:consumer`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const VUE_TSC = join(ROOT, 'node_modules/vue-tsc/bin/vue-tsc.js');
// Issue 7's bound. What keeps it: one browser bundle (genesys-chat.iife.js is a loader of dist/cdn/), one copy of the
// Lit-free code shared by dist/ and dist/cdn/, declarations rolled up per entry, a manifest of the public API only.
const MAX_UNPACKED_BYTES = 600 * 1024;

interface PackedFile { path: string; size: number }
interface PackResult { filename: string; size: number; unpackedSize: number; files: PackedFile[] }

const work = mkdtempSync(join(tmpdir(), 'genesys-chat-consumer-'));
const app = join(work, 'app');
let packed: PackResult;

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${failed.stdout ?? ''}${failed.stderr ?? failed.message}`);
  }
}

/** npm install from the registry through the local cache (CI installs the same versions every run). */
function npmInstall(args: string[]): void {
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...args], app);
}

/** The version the repository itself installed, so the app gets the same one (and npm's cache has it). */
function rootVersion(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

function typecheck(project: string): void {
  run(process.execPath, [TSC, '-p', project], app);
}

/** Every package directory under node_modules (scoped ones as `@scope/name`). */
function installedPackages(dir: string): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) names.push(...readdirSync(join(dir, entry)).map((name) => `${entry}/${name}`));
    else names.push(entry);
  }
  return names.sort();
}

/** `name` and everything its package.json says it depends on, transitively (read from the installed tree). */
function dependencyClosure(name: string, modules: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  const manifest = JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')) as
    { dependencies?: Record<string, string> };
  for (const dependency of Object.keys(manifest.dependencies ?? {})) dependencyClosure(dependency, modules, seen);
  return seen;
}

describe('genesys-chat as an installed npm package', () => {
  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist/genesys-chat.js')) && existsSync(join(ROOT, 'dist/types/index.d.ts')),
      'dist/ is not built: run `npm run build` first');
    // --ignore-scripts: pack what `npm run build` made (prepack would rebuild it).
    const output = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT);
    packed = (JSON.parse(output) as PackResult[])[0]!;
    cpSync(join(import.meta.dirname, 'project'), app, { recursive: true });
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  test('the tarball holds the package and nothing else, within the size budget', () => {
    const paths = packed.files.map((file) => file.path);
    for (const required of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'custom-elements.json',
      'dist/genesys-chat.js', 'dist/genesys-chat.iife.js', 'dist/cdn/genesys-chat.js', 'dist/react.js', 'dist/types/index.d.ts',
      'dist/types/react.d.ts', 'dist/types/jsx.d.ts']) {
      assert.ok(paths.includes(required), `the tarball lacks ${required}`);
    }
    const unexpected = paths.filter((path) => /(^|\/)(test|tests|src|server|emulator|demo|bench|examples)\//.test(path)
      || /\.(map|ts|tsx)$/.test(path) && !path.endsWith('.d.ts'));
    assert.deepEqual(unexpected, [], 'tests, sources and source maps stay out of the tarball');
    assert.ok(packed.unpackedSize <= MAX_UNPACKED_BYTES,
      `unpacked size ${packed.unpackedSize} B is over the ${MAX_UNPACKED_BYTES} B budget`);
    console.log(`tarball: ${packed.size} B packed, ${packed.unpackedSize} B unpacked, ${paths.length} files`);
  });

  test('the one-script bundle loads from the tarball alone: every file it can import is packed, no bare specifier', () => {
    const paths = new Set(packed.files.map((file) => file.path));
    // The loader imports cdn/genesys-chat.js next to itself; from there, static and dynamic relative imports.
    const loader = readFileSync(join(ROOT, 'dist/genesys-chat.iife.js'), 'utf8');
    assert.match(loader, /cdn\/genesys-chat\.js/, 'the loader names the browser build');
    const seen = new Set<string>();
    const visit = (path: string): void => {
      if (seen.has(path)) return;
      seen.add(path);
      assert.ok(paths.has(path), `${path} is imported but not in the tarball`);
      const source = readFileSync(join(ROOT, path), 'utf8');
      for (const [, specifier] of source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'`]([^"'`]+)["'`]/g)) {
        assert.ok(specifier!.startsWith('.'), `${path} imports "${specifier}": a page without an import map cannot load it`);
        visit(posix.normalize(posix.join(posix.dirname(path), specifier!)));
      }
    };
    visit('dist/cdn/genesys-chat.js');
    assert.ok(seen.size > 3, `the walk found the lazy chunks too (${[...seen].join(', ')})`);
  });

  test('installs with lit and its own dependencies only', () => {
    npmInstall([join(work, packed.filename)]);
    const modules = join(app, 'node_modules');
    const allowed = dependencyClosure('lit', modules);
    allowed.add('genesys-chat');
    assert.ok(allowed.size > 1, 'lit has dependencies of its own');
    const installed = installedPackages(modules);
    assert.deepEqual(installed.filter((name) => !allowed.has(name)), [], 'packages that are neither lit nor its dependencies');
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(modules, 'genesys-chat/package.json'), 'utf8'))
      .dependencies as Record<string, string>), ['lit'], 'the only runtime dependency is lit');
    console.log(`installed packages: ${installed.length} (${installed.join(', ')})`);
  });

  test('a strict TypeScript app type-checks without React types (NodeNext and Bundler resolution)', () => {
    assert.ok(!existsSync(join(app, 'node_modules/@types/react')), 'no React types in this step');
    typecheck('tsconfig.json');
    typecheck('tsconfig.bundler.json');
  });

  test('importing it in Node (server-side rendering) does not throw', () => {
    run(process.execPath, ['node-import.mjs'], app);
  });

  test('React 19 TSX: <genesys-chat> in JSX and the React wrapper type-check (NodeNext, and node10 resolution)', () => {
    npmInstall([`react@${rootVersion('react')}`, `react-dom@${rootVersion('react-dom')}`,
      `@types/react@${rootVersion('@types/react')}`]);
    typecheck('tsconfig.react.json');
    // Older projects ("moduleResolution": "node") find the subpaths through typesVersions.
    typecheck('tsconfig.node10.json');
  });

  test('the React wrapper imports and renders on a server', () => {
    run(process.execPath, ['node-react-ssr.mjs'], app);
  });

  test('React 18: the wrapper type-checks with React 18 types and renders on a server with react-dom 18', () => {
    npmInstall(['react@18', 'react-dom@18', '@types/react@18']);
    const installed = (JSON.parse(readFileSync(join(app, 'node_modules/react-dom/package.json'), 'utf8')) as
      { version: string }).version;
    assert.match(installed, /^18\./, 'react-dom 18 is installed');
    typecheck('tsconfig.react18.json');
    run(process.execPath, ['node-react-ssr.mjs'], app);
  });

  test('Vue 3: <genesys-chat> in strict templates type-checks with genesys-chat/vue (vue-tsc), and refuses bad bindings', () => {
    npmInstall([`vue@${rootVersion('vue')}`, `vue-tsc@${rootVersion('vue-tsc')}`, `typescript@${rootVersion('typescript')}`]);
    run(process.execPath, [join(app, 'node_modules/vue-tsc/bin/vue-tsc.js'), '-p', 'tsconfig.vue.json'], app);
  });

  test("Preact 11 and Solid 1.9: README's few lines type <genesys-chat> in their JSX, and refuse bad values", () => {
    npmInstall([`preact@${rootVersion('preact')}`, `solid-js@${rootVersion('solid-js')}`]);
    typecheck('tsconfig.preact.json');
    typecheck('tsconfig.solid.json');
  });

  test('the framework examples type-check against the built package (the Vue one with vue-tsc)', () => {
    run(process.execPath, [VUE_TSC, '-p', join(ROOT, 'examples/tsconfig.json')], ROOT);
  });
});
