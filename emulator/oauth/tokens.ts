import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { OAuthClientConfig } from '../world-file.js';
import { perEmulator } from '../context.js';

/** Why a bearer token was refused. */
export type TokenRejection = 'missing' | 'unknown' | 'expired';

interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

/** Counters behind `GET /emulator/oauth/stats` (server tests assert "N sessions cause one token request"). */
export interface OAuthStats {
  /** Every `POST /oauth/token`, whatever its outcome. */
  tokenRequests: number;
  /** Requests that got a token. */
  tokensIssued: number;
  /** Requests refused (bad credentials, wrong grant, malformed). */
  tokenRequestsRejected: number;
}

/** Compares two strings in constant time (length leaks, content does not). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * OAuth clients (from the world file, replaceable through the control API) and the access tokens issued to them.
 * Tokens are opaque random strings; they expire after the client's `accessTokenValiditySeconds`.
 */
export class TokenStore {
  private readonly clients = new Map<string, OAuthClientConfig>();
  private readonly tokens = new Map<string, IssuedToken>();
  readonly stats: OAuthStats = { tokenRequests: 0, tokensIssued: 0, tokenRequestsRejected: 0 };

  constructor(clients: readonly OAuthClientConfig[], private readonly now: () => number = Date.now) {
    for (const client of clients) this.clients.set(client.clientId, { ...client });
  }

  /** Every client, secrets included (control API only: a local dev tool). */
  listClients(): OAuthClientConfig[] {
    return [...this.clients.values()].map((c) => ({ ...c }));
  }

  /** Adds or replaces a client. */
  putClient(client: OAuthClientConfig): void {
    this.clients.set(client.clientId, { ...client });
  }

  /** The client when id and secret match (secret compared in constant time), else null. */
  authenticate(clientId: string, clientSecret: string): OAuthClientConfig | null {
    const client = this.clients.get(clientId);
    if (!client) return null;
    return safeEqual(client.clientSecret, clientSecret) ? client : null;
  }

  /** Issues a fresh token for an authenticated client. */
  issue(client: OAuthClientConfig): { token: string; expiresIn: number } {
    const token = randomBytes(32).toString('base64url');
    const expiresIn = client.accessTokenValiditySeconds;
    this.tokens.set(token, { clientId: client.clientId, expiresAt: this.now() + expiresIn * 1000 });
    return { token, expiresIn };
  }

  /** Null when the token is valid now, else why not. */
  check(token: string | undefined): TokenRejection | null {
    if (!token) return 'missing';
    const issued = this.tokens.get(token);
    if (!issued) return 'unknown';
    if (issued.expiresAt <= this.now()) return 'expired';
    return null;
  }

  /** Expires every token issued so far (control API: "token expiry mid-conversation" without waiting). */
  expireAll(): number {
    const at = this.now();
    for (const issued of this.tokens.values()) issued.expiresAt = Math.min(issued.expiresAt, at);
    return this.tokens.size;
  }

  resetStats(): void {
    this.stats.tokenRequests = 0;
    this.stats.tokensIssued = 0;
    this.stats.tokenRequestsRejected = 0;
  }
}

/** The token store of one emulator instance (shared by the OAuth, Open Messaging and Platform surfaces). */
export const tokenStoreFor = perEmulator((ctx): TokenStore => new TokenStore(ctx.world.file.oauthClients ?? []));
