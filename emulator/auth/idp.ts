import { createHash, randomBytes } from 'node:crypto';
import { perEmulator, type EmulatorContext } from '../context.js';
import type { IdpClient, IdpUser } from '../world-file.js';
import { Hs256 } from './jwt.js';

/** How long an authorization code can be redeemed (OAuth 2.0 recommends at most 10 minutes). */
export const CODE_LIFETIME_MS = 60_000;
/** Lifetime of the provider's ID and access tokens. */
export const ID_TOKEN_LIFETIME_SECONDS = 300;

/** The parameters of an authorization request (`GET /idp/authorize`), as the provider checks them. */
export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  scope: string;
}

interface IssuedCode {
  params: AuthorizeParams;
  user: IdpUser;
  expiresAt: number;
  used: boolean;
}

/** A redeemed code: who signed in, the nonce of their request, and the provider's ID token. */
export interface Redeemed { user: IdpUser; nonce?: string; idToken: string; clientId: string }

/** An OAuth error (RFC 6749 §5.2 codes). */
export interface OAuthFailure { error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'access_denied'; description: string }

function redirectAllowed(client: IdpClient, uri: string): boolean {
  return client.redirectUris.some((allowed) => (allowed.endsWith('*') ? uri.startsWith(allowed.slice(0, -1)) : uri === allowed));
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** base64url(SHA-256(verifier)): the S256 code challenge (RFC 7636 §4.2). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/**
 * The emulator's OpenID Connect provider: test users from the world file, the authorization code flow with PKCE
 * (S256) and nonce, HS256 ID tokens. Codes are single use and short-lived; a second redemption fails.
 */
export class IdentityProvider {
  readonly signer = new Hs256();
  private readonly codes = new Map<string, IssuedCode>();
  readonly clients: IdpClient[];
  readonly users: IdpUser[];

  constructor(readonly ctx: EmulatorContext) {
    this.clients = ctx.world.file.identityProvider?.clients ?? [];
    this.users = ctx.world.file.identityProvider?.users ?? [];
  }

  issuer(): string {
    return `${this.ctx.publicUrl()}/idp`;
  }

  client(clientId: string): IdpClient | undefined {
    return this.clients.find((c) => c.clientId === clientId);
  }

  user(sub: string): IdpUser | undefined {
    return this.users.find((u) => u.sub === sub);
  }

  /**
   * Checks an authorization request. `fatal` problems (unknown client, redirect URI not registered) must be shown to
   * the person, never redirected; the others go back to the redirect URI as `error=invalid_request`.
   */
  checkAuthorize(query: Record<string, unknown>): { params: AuthorizeParams } | { fatal: string } | { redirectError: OAuthFailure; params: AuthorizeParams } {
    const str = (key: string): string | undefined => (typeof query[key] === 'string' && query[key] !== '' ? query[key] as string : undefined);
    const clientId = str('client_id');
    const redirectUri = str('redirect_uri');
    const client = clientId ? this.client(clientId) : undefined;
    if (!clientId || !client) return { fatal: `Unknown client_id "${clientId ?? ''}".` };
    if (!redirectUri || !isHttpUrl(redirectUri) || !redirectAllowed(client, redirectUri)) {
      return { fatal: `redirect_uri "${redirectUri ?? ''}" is not registered for ${clientId}.` };
    }
    const params: AuthorizeParams = { clientId, redirectUri, scope: str('scope') ?? 'openid' };
    const state = str('state');
    const nonce = str('nonce');
    const challenge = str('code_challenge');
    const method = str('code_challenge_method');
    if (state) params.state = state;
    if (nonce) params.nonce = nonce;
    if (challenge) params.codeChallenge = challenge;
    if (method) params.codeChallengeMethod = method;
    if (str('response_type') !== 'code') return { redirectError: { error: 'invalid_request', description: 'response_type must be code' }, params };
    if (!params.scope.split(' ').includes('openid')) return { redirectError: { error: 'invalid_request', description: 'scope must include openid' }, params };
    if (challenge && (method ?? 'plain') !== 'S256') return { redirectError: { error: 'invalid_request', description: 'code_challenge_method must be S256' }, params };
    if (challenge && !/^[A-Za-z0-9_-]{43}$/.test(challenge)) return { redirectError: { error: 'invalid_request', description: 'code_challenge must be a base64url SHA-256' }, params };
    return { params };
  }

  /** A fresh single-use code for `user`, bound to the request's client, redirect URI, PKCE challenge and nonce. */
  issueCode(params: AuthorizeParams, user: IdpUser): string {
    const now = Date.now();
    for (const [old, issued] of this.codes) if (issued.expiresAt < now) this.codes.delete(old);
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { params, user, expiresAt: Date.now() + CODE_LIFETIME_MS, used: false });
    return code;
  }

  /**
   * Redeems a code (the provider's token endpoint, and the Genesys side of the exchange in-process): the redirect URI
   * must be the one of the request, the verifier must hash to its challenge; a code works once.
   */
  redeem(input: { code?: unknown; redirectUri?: unknown; codeVerifier?: unknown; clientId?: unknown }): Redeemed | OAuthFailure {
    if (typeof input.code !== 'string' || !input.code) return { error: 'invalid_request', description: 'code is required' };
    const issued = this.codes.get(input.code);
    if (!issued) return { error: 'invalid_grant', description: 'unknown authorization code' };
    if (issued.used) {
      this.codes.delete(input.code);
      return { error: 'invalid_grant', description: 'authorization code already used' };
    }
    issued.used = true;
    if (Date.now() > issued.expiresAt) return { error: 'invalid_grant', description: 'authorization code expired' };
    if (input.clientId !== undefined && input.clientId !== issued.params.clientId) return { error: 'invalid_grant', description: 'code was issued to another client' };
    if (input.redirectUri !== issued.params.redirectUri) return { error: 'invalid_grant', description: 'redirect_uri does not match the authorization request' };
    if (issued.params.codeChallenge) {
      if (typeof input.codeVerifier !== 'string' || !/^[A-Za-z0-9._~-]{43,128}$/.test(input.codeVerifier)) {
        return { error: 'invalid_grant', description: 'code_verifier is required (43-128 characters)' };
      }
      if (s256(input.codeVerifier) !== issued.params.codeChallenge) return { error: 'invalid_grant', description: 'code_verifier does not match the code_challenge' };
    } else if (input.codeVerifier !== undefined) {
      return { error: 'invalid_grant', description: 'code_verifier given for a request without code_challenge' };
    }
    const now = Math.floor(Date.now() / 1000);
    const { user } = issued;
    const claims: Record<string, unknown> = {
      iss: this.issuer(), sub: user.sub, aud: issued.params.clientId, iat: now, exp: now + ID_TOKEN_LIFETIME_SECONDS, name: user.name,
    };
    if (user.email) claims.email = user.email;
    if (user.givenName) claims.given_name = user.givenName;
    if (user.familyName) claims.family_name = user.familyName;
    if (issued.params.nonce) claims.nonce = issued.params.nonce;
    const redeemed: Redeemed = { user, idToken: this.signer.sign(claims), clientId: issued.params.clientId };
    if (issued.params.nonce) redeemed.nonce = issued.params.nonce;
    return redeemed;
  }
}

export function isFailure(value: Redeemed | OAuthFailure): value is OAuthFailure {
  return 'error' in value;
}

/** The identity provider of one emulator instance. */
export const identityProvider = perEmulator((ctx) => new IdentityProvider(ctx));
