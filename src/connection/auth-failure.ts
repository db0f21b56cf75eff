/**
 * What every part of the sign-in shares and the page may see without loading the sign-in itself (auth.ts, a chunk
 * loaded on first use): the error type, the check of the page's authorization code and where the refresh token is.
 */
import type { AuthCode, AuthError, AuthErrorCode } from '../protocol/model.js';

export const MAX_TOKEN_LENGTH = 8192;

/** The localStorage key of a direct deployment's refresh token. */
export function authStorageKey(deploymentId: string): string {
  return `genesys-chat:${deploymentId}:auth`;
}

/** A failed sign-in step; `authError` is what the `genesys-chat:auth` event carries. */
export class AuthFailure extends Error {
  constructor(readonly authError: AuthError) {
    super(authError.message);
    this.name = 'AuthFailure';
  }
}

export function authFailure(code: AuthErrorCode, message: string, status?: number): AuthFailure {
  return new AuthFailure(status === undefined ? { code, message } : { code, message, status });
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > MAX_TOKEN_LENGTH) throw authFailure('exchange-failed', `${field} must be a string.`);
  return value;
}

/** Checks what the page handed over; a clear error for anything that is not an AuthCode. */
export function validAuthCode(value: unknown): AuthCode {
  if (typeof value !== 'object' || value === null) throw authFailure('exchange-failed', 'The sign-in gave no authorization code.');
  const v = value as Record<string, unknown>;
  const code = optionalString(v.code, 'code');
  const redirectUri = optionalString(v.redirectUri, 'redirectUri');
  if (!code) throw authFailure('exchange-failed', 'The sign-in gave no authorization code.');
  if (!redirectUri) throw authFailure('exchange-failed', 'The authorization code needs its redirectUri.');
  const result: AuthCode = { code, redirectUri };
  const codeVerifier = optionalString(v.codeVerifier, 'codeVerifier');
  const nonce = optionalString(v.nonce, 'nonce');
  const iss = optionalString(v.iss, 'iss');
  if (codeVerifier) result.codeVerifier = codeVerifier;
  if (nonce) result.nonce = nonce;
  if (iss) result.iss = iss;
  if (typeof v.maxAge === 'number' && Number.isFinite(v.maxAge)) result.maxAge = v.maxAge;
  return result;
}
