/**
 * The JWT that authorises history requests (`getJwt` → JwtResponse), cached until 30 s before it expires. A JWT
 * belongs to one session: reset it whenever the socket or token changes.
 */
import type { ClientRequest, ServerFrame } from '../../protocol/web-messaging.js';
import { ChatFailure, chatError } from '../../connection/errors.js';
import { newId } from '../../connection/ids.js';
import { bodyText } from './error-frames.js';

export class HistoryJwt {
  private readonly request: (request: ClientRequest, isReply: (frame: ServerFrame) => boolean) => Promise<ServerFrame>;
  private readonly token: () => string;
  private jwt: { value: string; expiresAtMs: number } | null = null;

  /**
   * @param request sends a request and resolves with its reply (or an error frame carrying its tracingId).
   * @param token the session token.
   */
  constructor(
    request: (request: ClientRequest, isReply: (frame: ServerFrame) => boolean) => Promise<ServerFrame>,
    token: () => string,
  ) {
    this.request = request;
    this.token = token;
  }

  async get(): Promise<string> {
    if (this.jwt && this.jwt.expiresAtMs - 30_000 > Date.now()) return this.jwt.value;
    const frame = await this.request({ action: 'getJwt', token: this.token(), tracingId: newId() }, (f) => f.class === 'JwtResponse');
    if (frame.class !== 'JwtResponse') {
      throw new ChatFailure(chatError('unauthorized', `No history token: ${bodyText(frame)}`, { detail: frame }));
    }
    const exp = typeof frame.body.exp === 'number' ? frame.body.exp : 0;
    this.jwt = { value: frame.body.jwt, expiresAtMs: exp < 1e12 ? exp * 1000 : exp };
    return frame.body.jwt;
  }

  reset(): void {
    this.jwt = null;
  }
}
