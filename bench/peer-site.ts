/**
 * The bench's static site (127.0.0.1:0, no CSP so the peer can run as it ships): `/ours.html` is a direct-mode
 * one-script page (`<script src="/dist/genesys-chat.iife.js">`, what a site pastes), `/deep.html` loads deep-chat's
 * own bundle, `/floor.html` loads nothing (the floor is a bare WebSocket written in the page). `/dist/*` serves the
 * built widget, chunks included.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, resolve } from 'node:path';

const require = createRequire(import.meta.url);
/** deep-chat's single-file ES bundle, as its docs tell a plain page to load it. */
export const DEEP_CHAT_BUNDLE = join(dirname(require.resolve('deep-chat/package.json')), 'dist/deepChat.bundle.js');

const PAGES: Record<string, string> = {
  '/ours.html': '<script src="/dist/genesys-chat.iife.js"></script>',
  '/deep.html': '<script type="module" src="/deep-chat.js"></script>',
  '/floor.html': '',
};

function page(head: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<meta name="viewport" content="width=device-width, initial-scale=1">${head}
<style>genesys-chat, deep-chat { display: block; width: 400px; height: 600px; }</style>
</head><body><h1>Bench shop</h1></body></html>`;
}

export interface PeerSite { url: string; close(): Promise<void> }

export async function startPeerSite(distDir: string): Promise<PeerSite> {
  const dist = resolve(distDir);
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    const js = 'text/javascript; charset=utf-8';
    const html = PAGES[path];
    if (html !== undefined) return send(200, 'text/html; charset=utf-8', page(html));
    const file = path === '/deep-chat.js' ? DEEP_CHAT_BUNDLE
      : path.startsWith('/dist/') ? normalize(join(dist, path.slice('/dist/'.length))) : null;
    if (!file || (file !== DEEP_CHAT_BUNDLE && !file.startsWith(dist + '/'))) {
      return send(404, 'application/json', '{"error":"not found"}');
    }
    readFile(file).then(
      (body) => send(200, extname(file) === '.js' ? js : 'application/octet-stream', body),
      () => send(404, 'application/json', '{"error":"not found"}'),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('bench site has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((done) => {
      server.closeAllConnections(); // a browser's unused preconnect would hold close() for 60 s
      server.close(() => done());
    }),
  };
}
