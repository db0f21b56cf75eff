import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { EmulatorContext } from '../context.js';
import type { IdpUser } from '../world-file.js';
import { identityProvider, isFailure, ID_TOKEN_LIFETIME_SECONDS, type AuthorizeParams, type OAuthFailure } from './idp.js';

const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Text for HTML: every character that could open markup or an attribute is escaped. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const PAGE_CSP = "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'";

const CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1b1b1f;background:#fafafa}
h1{font-size:1.4rem}ul{list-style:none;padding:0}li{margin:.5rem 0}
button{width:100%;text-align:left;padding:.75rem 1rem;border:1px solid #8a8a99;border-radius:.5rem;background:#fff;font:inherit;cursor:pointer}
button:focus-visible{outline:3px solid #2b59c3;outline-offset:2px}.email{color:#555;font-size:.9rem}.error{color:#a4161a}
@media (prefers-color-scheme:dark){body{background:#16161a;color:#eee}button{background:#222;color:#eee}.email{color:#bbb}}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/idp/login.css"></head><body><main>${body}</main></body></html>`;
}

function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).header('Content-Security-Policy', PAGE_CSP).header('Cache-Control', 'no-store')
    .header('X-Content-Type-Options', 'nosniff').type('text/html; charset=utf-8').send(html);
}

function hidden(params: AuthorizeParams): string {
  const fields: [string, string | undefined][] = [
    ['client_id', params.clientId], ['redirect_uri', params.redirectUri], ['response_type', 'code'], ['scope', params.scope],
    ['state', params.state], ['nonce', params.nonce], ['code_challenge', params.codeChallenge], ['code_challenge_method', params.codeChallengeMethod],
  ];
  return fields.filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v ?? '')}">`).join('');
}

function loginPage(clientName: string, params: AuthorizeParams, users: readonly IdpUser[]): string {
  const choices = users.map((u) => `<li><button type="submit" name="sub" value="${escapeHtml(u.sub)}">${escapeHtml(u.name)}`
    + `${u.email ? `<br><span class="email">${escapeHtml(u.email)}</span>` : ''}</button></li>`).join('');
  return page('Sign in', `<h1>Sign in to ${escapeHtml(clientName)}</h1>
<p>Emulator identity provider: pick a test user.</p>
<form method="post" action="/idp/authorize">${hidden(params)}<ul>${choices}</ul></form>`);
}

function redirectWith(reply: FastifyReply, redirectUri: string, values: Record<string, string | undefined>): FastifyReply {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(values)) if (value !== undefined) url.searchParams.set(key, value);
  return reply.code(302).header('Location', url.toString()).header('Cache-Control', 'no-store').send();
}

function oauthError(reply: FastifyReply, failure: OAuthFailure): FastifyReply {
  const status = failure.error === 'invalid_client' ? 401 : 400;
  return reply.code(status).header('Cache-Control', 'no-store').send({ error: failure.error, error_description: failure.description });
}

/**
 * The identity provider's endpoints under `/idp` (not a Genesys surface; it stands in for the site's own IdP):
 * discovery, the authorization endpoint with a login page of test users, and the token endpoint.
 */
export const idpRoutes: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const idp = identityProvider(ctx);
  app.addContentTypeParser(FORM_TYPE, { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
  });

  app.get('/idp/.well-known/openid-configuration', async () => ({
    issuer: idp.issuer(),
    authorization_endpoint: `${idp.issuer()}/authorize`,
    token_endpoint: `${idp.issuer()}/token`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['HS256'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'profile', 'email'],
    token_endpoint_auth_methods_supported: ['none'],
  }));

  app.get('/idp/login.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('Cache-Control', 'max-age=300').send(CSS));

  app.get<{ Querystring: Record<string, unknown> }>('/idp/authorize', async (request, reply) => {
    const checked = idp.checkAuthorize(request.query);
    if ('fatal' in checked) return sendPage(reply, 400, page('Sign-in error', `<h1>Cannot sign in</h1><p class="error">${escapeHtml(checked.fatal)}</p>`));
    if ('redirectError' in checked) {
      return redirectWith(reply, checked.params.redirectUri, { error: checked.redirectError.error, error_description: checked.redirectError.description, state: checked.params.state });
    }
    const client = idp.client(checked.params.clientId);
    return sendPage(reply, 200, loginPage(client?.name ?? checked.params.clientId, checked.params, idp.users));
  });

  app.post<{ Body: Record<string, unknown> | undefined }>('/idp/authorize', async (request, reply) => {
    const form = request.body ?? {};
    const checked = idp.checkAuthorize(form);
    if ('fatal' in checked) return sendPage(reply, 400, page('Sign-in error', `<h1>Cannot sign in</h1><p class="error">${escapeHtml(checked.fatal)}</p>`));
    if ('redirectError' in checked) {
      return redirectWith(reply, checked.params.redirectUri, { error: checked.redirectError.error, error_description: checked.redirectError.description, state: checked.params.state });
    }
    const user = typeof form.sub === 'string' ? idp.user(form.sub) : undefined;
    if (!user) return redirectWith(reply, checked.params.redirectUri, { error: 'access_denied', error_description: 'unknown user', state: checked.params.state });
    const code = idp.issueCode(checked.params, user);
    return redirectWith(reply, checked.params.redirectUri, { code, state: checked.params.state });
  });

  app.post<{ Body: Record<string, unknown> | undefined }>('/idp/token', async (request, reply) => {
    const form = request.body ?? {};
    if (form.grant_type !== 'authorization_code') return oauthError(reply, { error: 'unsupported_grant_type', description: 'grant_type must be authorization_code' });
    if (typeof form.client_id !== 'string' || !idp.client(form.client_id)) return oauthError(reply, { error: 'invalid_client', description: 'unknown client_id' });
    const redeemed = idp.redeem({ code: form.code, redirectUri: form.redirect_uri, codeVerifier: form.code_verifier, clientId: form.client_id });
    if (isFailure(redeemed)) return oauthError(reply, redeemed);
    return reply.header('Cache-Control', 'no-store').send({
      access_token: redeemed.idToken, token_type: 'Bearer', expires_in: ID_TOKEN_LIFETIME_SECONDS, id_token: redeemed.idToken, scope: 'openid profile email',
    });
  });
};
