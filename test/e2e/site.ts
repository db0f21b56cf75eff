/**
 * A tiny static site for end-to-end tests: a page that loads the built widget (`dist/`) and puts one
 * `<genesys-chat>` on it, configured from the page's query string (`?a-<attribute>=<value>`). Served on
 * 127.0.0.1:0 so the emulator's allowed-domains check sees a loopback origin.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { cspHash, litImportMap, readLitFile } from './lit-import-map.js';

/** The built widget: dist/, or E2E_DIST (a private build, when others rebuild dist/ at the same time). */
const DIST_DIR = resolve(process.env.E2E_DIST ?? resolve(import.meta.dirname, '../../dist'));

const MIME: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.html': 'text/html; charset=utf-8',
};

/** The ES build imports Lit by name: the ESM page maps it to /node_modules/ (lit-import-map.ts). */
const IMPORT_MAP = litImportMap('/node_modules/');

/**
 * Strict CSP for the test page: no inline script or style, no eval. The widget must work under it
 * (issue 3). `connect-src`/`img-src` allow loopback only, where the emulator listens.
 */
const STRICT_CSP = [
  "default-src 'self'",
  `script-src 'self' ${cspHash(IMPORT_MAP)}`,
  "style-src 'self'",
  'connect-src http://127.0.0.1:* ws://127.0.0.1:*',
  "img-src 'self' data: blob: http://127.0.0.1:*",
  "media-src 'self' blob: http://127.0.0.1:*",
].join('; ');

/**
 * Runs in the page: builds the element from `?a-<name>=<value>` and records every `genesys-chat:*` event
 * (`?bare`: no element; the caller attaches its own).
 */
const PAGE_SCRIPT = `
const params = new URLSearchParams(location.search);
window.__events = [];
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
const element = document.createElement('genesys-chat');
for (const [name, value] of params) {
  if (name.startsWith('a-')) element.setAttribute(name.slice(2), value);
}
for (const type of ['status', 'message', 'typing', 'error', 'open', 'close']) {
  element.addEventListener('genesys-chat:' + type, (event) => {
    let detail = null;
    try { detail = JSON.parse(JSON.stringify(event.detail ?? null)); } catch { detail = String(event.detail); }
    window.__events.push({ type, detail });
  });
}
if (!params.has('bare')) document.body.append(element);
`;

function pageHtml(bundle: 'esm' | 'iife'): string {
  const widget = bundle === 'iife'
    ? '<script src="/dist/genesys-chat.iife.js"></script>'
    : `<script type="importmap">${IMPORT_MAP}</script>\n<script type="module" src="/dist/genesys-chat.js"></script>`;
  // The page script only sets attributes and listens (no method calls), so it works before the element is defined:
  // the one-script loader defines it asynchronously.
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>genesys-chat e2e</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
${widget}
<script type="module" src="/page.js"></script>
</head><body><h1>Test shop</h1></body></html>`;
}

export interface TestSite {
  url: string;
  close(): Promise<void>;
}

export interface TestSiteOptions {
  /** Serve the page with a strict Content-Security-Policy (default true). */
  strictCsp?: boolean;
  /** Where the built widget is (default: the repository's dist/). */
  distDir?: string;
}

/**
 * Starts the test site. `/` and `/iife.html` are the test page (ES module bundle / classic-script bundle),
 * `/page.js` builds the element, `/dist/*` are the built files.
 */
export async function startTestSite(options: TestSiteOptions = {}): Promise<TestSite> {
  const csp = options.strictCsp ?? true;
  const distDir = resolve(options.distDir ?? DIST_DIR);
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (csp) headers['content-security-policy'] = STRICT_CSP;
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { ...headers, 'content-type': type });
      response.end(body);
    };
    if (path === '/' || path === '/index.html') return send(200, MIME['.html'], pageHtml('esm'));
    if (path === '/iife.html') return send(200, MIME['.html'], pageHtml('iife'));
    if (path === '/page.js') return send(200, MIME['.js'], PAGE_SCRIPT);
    if (path.startsWith('/node_modules/')) {
      readLitFile(path.slice('/node_modules/'.length)).then(
        (body) => (body ? send(200, MIME['.js'], body) : send(404, 'application/json', '{"error":"not found"}')),
        () => send(404, 'application/json', '{"error":"not found"}'),
      );
      return;
    }
    if (path.startsWith('/dist/')) {
      const file = normalize(join(distDir, path.slice('/dist/'.length)));
      if (!file.startsWith(distDir + '/')) return send(403, 'application/json', '{"error":"forbidden"}');
      readFile(file).then(
        (body) => send(200, MIME[extname(file)] ?? 'application/octet-stream', body),
        () => send(404, 'application/json', '{"error":"not found"}'),
      );
      return;
    }
    send(404, 'application/json', '{"error":"not found"}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('test site: no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}
