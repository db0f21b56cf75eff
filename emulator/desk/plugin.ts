/**
 * The agent desk page at `/desk` (a local tool, not a Genesys surface). Serves the HTML shell, the stylesheet and
 * `app.js`, which esbuild bundles from app.ts (Lit) on the first request and keeps in memory, so
 * `npm run emulator` needs no build step. The page talks only to the control API (`/emulator/...`).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { FastifyPluginAsync } from 'fastify';
import type { EmulatorContext } from '../context.js';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

/** Strict CSP: no inline script or style, nothing from elsewhere except images an agent links in a card. */
export const DESK_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: http: https:",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

/** Bundles app.ts once; a failed build is forgotten so the next request tries again. */
function createBundler(): () => Promise<string> {
  let pending: Promise<string> | null = null;
  return () => {
    pending ??= build({
      entryPoints: [here('./app.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      sourcemap: 'inline',
      legalComments: 'none',
      logLevel: 'silent',
    }).then((result) => {
      const file = result.outputFiles[0];
      if (!file) throw new Error('esbuild produced no output for the desk');
      return file.text;
    });
    pending.catch(() => { pending = null; });
    return pending;
  };
}

/** The bundle does not depend on the emulator instance, so every emulator in this process shares one build. */
const bundle = createBundler();

/** Registers `GET /desk`, `GET /desk/app.js` and `GET /desk/desk.css`. */
export const deskPlugin: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app) => {
  const [shell, css] = await Promise.all([readFile(here('./shell.html'), 'utf8'), readFile(here('./desk.css'), 'utf8')]);

  app.get('/desk', async (_request, reply) => reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', DESK_CSP)
    .header('cache-control', 'no-store')
    .send(shell));

  app.get('/desk/desk.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(css));

  app.get('/desk/app.js', async (request, reply) => {
    try {
      const code = await bundle();
      return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(code);
    } catch (error) {
      request.log.error({ err: error }, 'desk bundle failed');
      return reply.code(500).send({ error: 'desk-build-failed', message: error instanceof Error ? error.message : String(error) });
    }
  });
};
