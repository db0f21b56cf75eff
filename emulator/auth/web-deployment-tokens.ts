import { randomBytes, randomUUID } from 'node:crypto';
import { perEmulator, type EmulatorContext } from '../context.js';
import type { IdpUser } from '../world-file.js';
import { Hs256 } from './jwt.js';

/** Lifetime of a web deployment JWT (short, so refresh is exercised; Genesys' own value is UNCONFIRMED). */
export const DEPLOYMENT_JWT_LIFETIME_SECONDS = 900;

/** The verified identity a web deployment JWT carries (what the desk shows with the shield). */
export interface VerifiedIdentity {
  sub: string;
  name?: string;
  email?: string;
  /** One sign-in: kept across refreshes, ended by revoke. */
  loginId: string;
  deploymentId: string;
}

interface Login {
  identity: VerifiedIdentity;
  refreshToken: string;
  revoked: boolean;
}

/**
 * The Genesys side of authenticated messaging: JWTs for a deployment, issued after an auth code exchange, refreshed
 * with a refresh token, revoked on sign-out. The JWT is what `configureAuthenticatedSession` carries in `data.code`
 * (the Messenger transport's auth flow: ConfigureAuthenticatedSession(authHandler.jwt)).
 */
export class WebDeploymentTokens {
  private readonly signer = new Hs256();
  private readonly logins = new Map<string, Login>();
  private readonly byRefreshToken = new Map<string, Login>();
  /** Told when a sign-in is revoked (the guest surface sends LogoutEvent and drops its sessions). */
  onRevoke: ((loginId: string) => void) | null = null;

  constructor(readonly ctx: EmulatorContext, readonly lifetimeSeconds = DEPLOYMENT_JWT_LIFETIME_SECONDS) {}

  /** A new sign-in for `user` on `deploymentId`: the first JWT and its refresh token. */
  signIn(deploymentId: string, user: IdpUser): { jwt: string; refreshToken: string } {
    const identity: VerifiedIdentity = { sub: user.sub, name: user.name, loginId: randomUUID(), deploymentId };
    if (user.email) identity.email = user.email;
    const login: Login = { identity, refreshToken: randomBytes(32).toString('base64url'), revoked: false };
    this.logins.set(identity.loginId, login);
    this.byRefreshToken.set(login.refreshToken, login);
    return { jwt: this.jwtFor(identity), refreshToken: login.refreshToken };
  }

  /** A new JWT for the sign-in behind `refreshToken`, or why not. */
  refresh(refreshToken: unknown, deploymentId: unknown): { jwt: string } | { problem: 'unknown' | 'revoked' | 'deployment' } {
    const login = typeof refreshToken === 'string' ? this.byRefreshToken.get(refreshToken) : undefined;
    if (!login) return { problem: 'unknown' };
    if (login.revoked) return { problem: 'revoked' };
    if (deploymentId !== login.identity.deploymentId) return { problem: 'deployment' };
    return { jwt: this.jwtFor(login.identity) };
  }

  /** The identity of a valid, unrevoked JWT, or why it is refused. */
  verify(jwt: unknown): { identity: VerifiedIdentity } | { problem: 'invalid' | 'expired' | 'revoked' } {
    const checked = this.signer.verify(jwt);
    if ('rejected' in checked) return { problem: checked.rejected };
    const loginId = checked.claims.sid;
    const login = typeof loginId === 'string' ? this.logins.get(loginId) : undefined;
    if (!login) return { problem: 'invalid' };
    if (login.revoked) return { problem: 'revoked' };
    return { identity: login.identity };
  }

  /** Ends the sign-in of a JWT (its refresh token too). */
  revoke(jwt: unknown): boolean {
    const checked = this.verify(jwt);
    if ('problem' in checked) return false;
    const login = this.logins.get(checked.identity.loginId);
    if (!login) return false;
    login.revoked = true;
    this.onRevoke?.(login.identity.loginId);
    return true;
  }

  private jwtFor(identity: VerifiedIdentity): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: `${this.ctx.publicUrl()}/api/v2/webdeployments`, sub: identity.sub, deploymentId: identity.deploymentId,
      sid: identity.loginId, jti: randomUUID(), iat: now, exp: now + this.lifetimeSeconds, name: identity.name,
    };
    if (identity.email) claims.email = identity.email;
    return this.signer.sign(claims);
  }
}

/** The web deployment token service of one emulator instance. */
export const webDeploymentTokens = perEmulator((ctx) => new WebDeploymentTokens(ctx, ctx.options.authJwtLifetimeSeconds));
