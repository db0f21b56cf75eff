/**
 * The web deployment's sign-in (web-messaging.md §2.8): redeems the page's authorization code for Genesys' JWT
 * (`oauthcodegrantjwtexchange`), keeps the JWT fresh with the refresh token (`refresh`), and ends the sign-in
 * (`revoke`). None of these need Platform permissions.
 *
 * What survives a reload: the refresh token only, in the same storage as the session token (localStorage, key
 * `genesys-chat:<deploymentId>:auth`). The JWT lives in memory; a reload refreshes it. Tokens never reach a log:
 * errors carry the HTTP status and Genesys' message only.
 */
import type { AuthCode, AuthErrorCode } from '../protocol/model.js';
import type { TokenStorage } from '../session-store.js';
import { defaultStorage } from '../session-store.js';
import { AuthFailure, MAX_TOKEN_LENGTH, authFailure, authStorageKey, validAuthCode } from './auth-failure.js';

export const AUTH_TOKEN_PATH = '/api/v2/webdeployments/token';
/** Refresh this long before the JWT expires. */
export const JWT_REFRESH_MARGIN_MS = 60_000;
export { AuthFailure, authFailure, authStorageKey, validAuthCode } from './auth-failure.js';
/** The `exp` of a JWT in epoch ms (unverified: only to know when to refresh), or null. */
export function jwtExpiry(jwt: string): number | null {
  const payload = jwt.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const exp: unknown = (JSON.parse(json) as Record<string, unknown>).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** Genesys' error text from a Platform-shaped body, never the body itself (it could echo a token). */
async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as Record<string, unknown>;
    if (typeof body.message === 'string') return body.message.slice(0, 200);
  } catch {
    // not JSON
  }
  return `HTTP ${response.status}`;
}

export interface DeploymentAuthOptions {
  deploymentId: string;
  /** The Platform API base of the region (`https://api.<region>` or the emulator's origin). */
  apiBase: () => string;
  fetchImpl: typeof fetch;
  storage?: TokenStorage | null;
  /** The sign-in ended on its own (the refresh token stopped working while the timer refreshed). */
  onExpired?: (failure: AuthFailure) => void;
  refreshMarginMs?: number;
}

/** One customer's sign-in on one deployment: the JWT (memory) and the refresh token (storage). */
export class DeploymentAuth {
  private readonly options: DeploymentAuthOptions;
  private readonly storage: TokenStorage;
  private readonly key: string;
  private jwt: { value: string; expiresAt: number | null } | null = null;
  private refreshing: Promise<string> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: DeploymentAuthOptions) {
    this.options = options;
    this.storage = options.storage ?? defaultStorage();
    this.key = authStorageKey(options.deploymentId);
  }

  /** True while a JWT or a stored refresh token exists (the next session is configured authenticated). */
  get signedIn(): boolean {
    return this.jwt !== null || this.refreshToken() !== null;
  }

  /** Redeems the page's code: `{jwt, refreshToken}`; the refresh token is stored. */
  async exchange(code: AuthCode): Promise<void> {
    const oauth = validAuthCode(code);
    const response = await this.call('POST', '/oauthcodegrantjwtexchange', { deploymentId: this.options.deploymentId, oauth }, 'exchange-failed');
    const body = await this.json(response, 'exchange-failed');
    if (typeof body.jwt !== 'string' || !body.jwt || typeof body.refreshToken !== 'string' || !body.refreshToken) {
      throw authFailure('exchange-failed', 'The sign-in answer had no JWT or refresh token.');
    }
    this.forget();
    this.saveRefreshToken(body.refreshToken);
    this.setJwt(body.jwt);
  }

  /** A JWT valid for at least the refresh margin: the one held, else a refreshed one. */
  async currentJwt(): Promise<string> {
    const margin = this.options.refreshMarginMs ?? JWT_REFRESH_MARGIN_MS;
    const jwt = this.jwt;
    if (jwt && (jwt.expiresAt === null || jwt.expiresAt - margin > Date.now())) return jwt.value;
    return this.refresh();
  }

  /** A new JWT from the refresh token. A refused refresh token is forgotten (the sign-in is over). */
  refresh(): Promise<string> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** Ends the sign-in at Genesys (its JWTs and refresh token stop working) and forgets it here. */
  async revoke(): Promise<void> {
    let jwt: string | null = null;
    try {
      jwt = this.signedIn ? await this.currentJwt() : null;
    } catch {
      jwt = null; // the sign-in is already over at Genesys
    }
    this.forget();
    if (!jwt) return;
    const response = await this.call('DELETE', '/revoke', undefined, 'network', jwt);
    if (!response.ok && response.status !== 401) {
      throw authFailure('network', `The sign-out was not confirmed: ${await errorText(response)}`, response.status);
    }
  }

  /** Forgets the JWT and the stored refresh token. */
  forget(): void {
    this.stopTimer();
    this.jwt = null;
    try {
      this.storage.removeItem(this.key);
    } catch {
      // blocked storage: nothing stored
    }
  }

  /** Keeps the JWT fresh until `stopTimer()` (while a session is open). */
  startTimer(): void {
    this.stopTimer();
    const expiresAt = this.jwt?.expiresAt;
    if (!expiresAt) return;
    const margin = this.options.refreshMarginMs ?? JWT_REFRESH_MARGIN_MS;
    const delay = Math.max(1_000, expiresAt - margin - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh().then(() => this.startTimer(), (error: unknown) => {
        if (error instanceof AuthFailure && error.authError.code === 'refresh-failed') this.options.onExpired?.(error);
      });
    }, delay);
  }

  stopTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async doRefresh(): Promise<string> {
    const refreshToken = this.refreshToken();
    if (!refreshToken) throw authFailure('refresh-failed', 'There is no sign-in to refresh.');
    const response = await this.call('POST', '/refresh', { refreshToken, deploymentId: this.options.deploymentId }, 'refresh-failed');
    const body = await this.json(response, 'refresh-failed');
    if (typeof body.jwt !== 'string' || !body.jwt) throw authFailure('refresh-failed', 'The refresh answer had no JWT.');
    this.setJwt(body.jwt);
    return body.jwt;
  }

  private async call(method: string, path: string, body: unknown, code: AuthErrorCode, bearer?: string): Promise<Response> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    try {
      return await this.options.fetchImpl(`${this.options.apiBase()}${AUTH_TOKEN_PATH}${path}`, {
        method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw authFailure(code === 'refresh-failed' || code === 'exchange-failed' ? 'network' : code, 'The sign-in service cannot be reached.');
    }
  }

  private async json(response: Response, code: AuthErrorCode): Promise<Record<string, unknown>> {
    if (!response.ok) {
      const text = await errorText(response);
      // A refresh the server refuses ends the sign-in; a server error (5xx) does not.
      if (code === 'refresh-failed' && response.status < 500) this.forget();
      throw authFailure(response.status >= 500 ? 'network' : code, text, response.status);
    }
    try {
      const body: unknown = await response.json();
      if (typeof body === 'object' && body !== null) return body as Record<string, unknown>;
    } catch {
      // fall through
    }
    throw authFailure(code, 'The sign-in service answered something that is not JSON.', response.status);
  }

  private setJwt(value: string): void {
    this.jwt = { value, expiresAt: jwtExpiry(value) };
  }

  private refreshToken(): string | null {
    try {
      const value = this.storage.getItem(this.key);
      return value && value.length <= MAX_TOKEN_LENGTH ? value : null;
    } catch {
      return null;
    }
  }

  private saveRefreshToken(value: string): void {
    try {
      this.storage.setItem(this.key, value);
    } catch {
      // blocked storage: the sign-in lasts as long as the page (the JWT is in memory)
    }
  }
}
