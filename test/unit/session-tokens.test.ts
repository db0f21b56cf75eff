/**
 * The server's own session tokens (server/session.ts SessionTokens): `base64url(claims).base64url(HMAC)`. Every
 * way a token can be wrong is refused: forged, tampered, truncated, of another version, malformed claims, expired.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SessionTokens } from '../../server/session.js';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const tokens = new SessionTokens(SECRET);
const NOW = 1_900_000_000_000;
const claims = { sid: 'session-1', gid: 'g-1', exp: NOW / 1000 + 900 };

/** A token over arbitrary claims, correctly signed with `secret` (what a forger with the key could make). */
function signed(payloadObject: unknown, secret = SECRET): string {
  const payload = Buffer.from(typeof payloadObject === 'string' ? payloadObject : JSON.stringify(payloadObject)).toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

describe('session tokens', () => {
  it('round-trips its claims, stamped with version 1', () => {
    const token = tokens.sign(claims);
    expect(tokens.verify(token, 0, NOW)).toEqual(claims);
    const [payload, mac] = token.split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toEqual({ v: 1, ...claims });
    expect(token).toBe(signed({ v: 1, ...claims }));
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a token of another version, even correctly signed', () => {
    for (const v of [2, 0, '1', null, undefined]) {
      expect(tokens.verify(signed({ v, ...claims }), 0, NOW), String(v)).toBeNull();
    }
  });

  it('refuses claims of the wrong shape, even correctly signed', () => {
    for (const bad of [
      { v: 1, gid: 'g', exp: claims.exp }, { v: 1, sid: 's', exp: claims.exp }, { v: 1, sid: 's', gid: 'g' },
      { v: 1, sid: 1, gid: 'g', exp: claims.exp }, { v: 1, sid: 's', gid: 2, exp: claims.exp }, { v: 1, sid: 's', gid: 'g', exp: String(claims.exp) },
      null, [], 'a string', 42,
    ]) {
      expect(tokens.verify(signed(bad), 0, NOW), JSON.stringify(bad)).toBeNull();
    }
    expect(tokens.verify(signed('{not json'), 0, NOW)).toBeNull();
  });

  it('refuses forged, tampered, truncated and malformed tokens', () => {
    const token = tokens.sign(claims);
    const [payload, mac] = token.split('.') as [string, string];
    expect(tokens.verify(signed({ v: 1, ...claims }, 'another-secret-of-at-least-32-characters'), 0, NOW)).toBeNull();
    const other = Buffer.from(JSON.stringify({ v: 1, ...claims, gid: 'g-2' })).toString('base64url');
    expect(tokens.verify(`${other}.${mac}`, 0, NOW)).toBeNull();
    expect(tokens.verify(`${payload}.${mac.slice(0, -1)}`, 0, NOW)).toBeNull();
    expect(tokens.verify(`${payload}.${mac}A`, 0, NOW)).toBeNull();
    expect(tokens.verify(`${payload}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`, 0, NOW)).toBeNull();
    expect(tokens.verify(payload, 0, NOW)).toBeNull();
    expect(tokens.verify(`.${mac}`, 0, NOW)).toBeNull();
    expect(tokens.verify('', 0, NOW)).toBeNull();
    expect(tokens.verify(`${payload}.${mac}.extra`, 0, NOW)).toBeNull();
    // Over 4 KiB: refused before any HMAC work, even if well signed.
    const huge = signed({ v: 1, ...claims, pad: 'x'.repeat(4000) });
    expect(huge.length).toBeGreaterThan(4096);
    expect(tokens.verify(huge, 0, NOW)).toBeNull();
    const justUnder = signed({ v: 1, ...claims, pad: 'x'.repeat(2900) });
    expect(justUnder.length).toBeLessThanOrEqual(4096);
    expect(tokens.verify(justUnder, 0, NOW)).toEqual(claims);
    // Exactly 4096 characters is still a token.
    let exact = '';
    for (let pad = 2900; pad < 3100 && exact.length !== 4096; pad++) exact = signed({ v: 1, ...claims, pad: 'x'.repeat(pad) });
    expect(exact.length).toBe(4096);
    expect(tokens.verify(exact, 0, NOW)).toEqual(claims);
  });

  it('expires at exp; a grace period accepts a token that expired at most that long ago', () => {
    const token = tokens.sign(claims);
    const expiry = claims.exp * 1000;
    expect(tokens.verify(token, 0, expiry - 1)).toEqual(claims);
    expect(tokens.verify(token, 0, expiry)).toBeNull();
    expect(tokens.verify(token, 60_000, expiry + 59_999)).toEqual(claims);
    expect(tokens.verify(token, 60_000, expiry + 60_000)).toBeNull();
    const old = tokens.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 1 });
    expect(tokens.verify(old)).toBeNull(); // the default clock is now
    expect(tokens.verify(tokens.sign({ ...claims, exp: Math.floor(Date.now() / 1000) + 60 }))).not.toBeNull();
  });

  it('derives a stable, secret-keyed guest id for a verified customer', () => {
    const id = tokens.guestIdFor('customer-42');
    expect(id).toMatch(/^v-[0-9a-f]{32}$/);
    expect(tokens.guestIdFor('customer-42')).toBe(id);
    expect(tokens.guestIdFor('customer-43')).not.toBe(id);
    expect(new SessionTokens('another-secret-of-at-least-32-characters').guestIdFor('customer-42')).not.toBe(id);
    expect(id).toBe(`v-${createHmac('sha256', SECRET).update('guest:customer-42').digest('hex').slice(0, 32)}`);
  });

  it("carries the guest's routing profile, and drops only its custom attributes when the token would grow too long", () => {
    const profile = { s: 'Sales', n: 'Ana', a: { plan: 'gold', region: 'eu' } };
    const short = tokens.sign({ ...claims, p: profile });
    expect(tokens.verify(short, 0, NOW)).toEqual({ ...claims, p: profile });
    // Attributes that would take the token past 3,000 characters: skill and name stay, the attributes go.
    const long = tokens.sign({ ...claims, p: { ...profile, a: { note: 'x'.repeat(3000) } } });
    expect(long.length).toBeLessThanOrEqual(3000);
    expect(tokens.verify(long, 0, NOW)).toEqual({ ...claims, p: { s: 'Sales', n: 'Ana' } });
    // Long without attributes to drop: signed as it is.
    const longName = tokens.sign({ ...claims, p: { n: 'y'.repeat(2900) } });
    expect(longName.length).toBeGreaterThan(3000);
    expect(tokens.verify(longName, 0, NOW)).toEqual({ ...claims, p: { n: 'y'.repeat(2900) } });
    // A token of exactly 3,000 characters keeps its attributes.
    const sized = (n: number) => tokens.sign({ ...claims, p: { a: { k: 'z'.repeat(n) } } });
    const atCap = Array.from({ length: 2300 }, (_, n) => sized(n)).find((token) => token.length === 3000);
    expect(atCap).toBeDefined();
    expect(tokens.verify(atCap!, 0, NOW)?.p?.a?.k).toMatch(/^z+$/);
  });

  it('reads a signed profile claim defensively: wrong types are left out, never trusted', () => {
    const token = signed({ v: 1, ...claims, p: { s: 7, n: 'Ana', a: { ok: 'yes', bad: 1 } } });
    expect(tokens.verify(token, 0, NOW)).toEqual({ ...claims, p: { n: 'Ana', a: { ok: 'yes' } } });
    expect(tokens.verify(signed({ v: 1, ...claims, p: [1] }), 0, NOW)).toEqual(claims);
  });
});
