import type { FastifyInstance } from 'fastify';

/**
 * JSON bodies as Genesys takes them: the official SDK sends `Content-Type: application/json` on every request, DELETE
 * and GET included, with no body; Genesys accepts that, while Fastify's default parser answers 400 "Body cannot be
 * empty". An empty body becomes `undefined` (each route then says what it needs); anything else goes to Fastify's own
 * parser, which keeps its prototype-poisoning checks and its 400 for malformed JSON.
 */
export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
