import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Claims of the guest JWT that `getJwt` hands out and the history endpoint accepts. */
export interface GuestClaims {
  deploymentId: string;
  /** The session key, never the raw session token (tokens stay out of anything that might be logged). */
  sid: string;
  exp: number;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** Signs and verifies HS256 JWTs with a per-process secret (tokens die with the emulator, like sessions). */
export class JwtSigner {
  private readonly secret = randomBytes(32);

  sign(claims: GuestClaims): string {
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(JSON.stringify(claims));
    const signature = createHmac('sha256', this.secret).update(`${head}.${payload}`).digest('base64url');
    return `${head}.${payload}.${signature}`;
  }

  /** The claims when the signature holds and the token has not expired, else null. */
  verify(jwt: string, nowSeconds = Date.now() / 1000): GuestClaims | null {
    const parts = jwt.split('.');
    if (parts.length !== 3) return null;
    const [head, payload, signature] = parts as [string, string, string];
    const expected = createHmac('sha256', this.secret).update(`${head}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (typeof claims !== 'object' || claims === null) return null;
      const c = claims as Record<string, unknown>;
      if (typeof c.deploymentId !== 'string' || typeof c.sid !== 'string' || typeof c.exp !== 'number') return null;
      if (c.exp <= nowSeconds) return null;
      return { deploymentId: c.deploymentId, sid: c.sid, exp: c.exp };
    } catch {
      return null;
    }
  }
}
