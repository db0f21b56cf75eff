import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** Why a token was refused: its signature or shape (`invalid`), or its `exp` (`expired`). */
export type JwtRejection = 'invalid' | 'expired';

/**
 * HS256 JWTs with a per-process secret, for the identity provider's ID tokens and the Genesys side's web deployment
 * JWTs (both die with the emulator, like its sessions). Claims are checked by the caller; `exp` is checked here.
 */
export class Hs256 {
  private readonly secret = randomBytes(32);

  sign(claims: Record<string, unknown>): string {
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(JSON.stringify(claims));
    const signature = createHmac('sha256', this.secret).update(`${head}.${payload}`).digest('base64url');
    return `${head}.${payload}.${signature}`;
  }

  verify(token: unknown, nowSeconds = Date.now() / 1000): { claims: Record<string, unknown> } | { rejected: JwtRejection } {
    if (typeof token !== 'string') return { rejected: 'invalid' };
    const parts = token.split('.');
    if (parts.length !== 3) return { rejected: 'invalid' };
    const [head, payload, signature] = parts as [string, string, string];
    const expected = createHmac('sha256', this.secret).update(`${head}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { rejected: 'invalid' };
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { rejected: 'invalid' };
    }
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return { rejected: 'invalid' };
    const exp = (claims as Record<string, unknown>).exp;
    if (typeof exp !== 'number') return { rejected: 'invalid' };
    if (exp <= nowSeconds) return { rejected: 'expired' };
    return { claims: claims as Record<string, unknown> };
  }
}
