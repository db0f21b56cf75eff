import type { Frame, FrameClass } from '@genesys-chat/protocol/web-messaging.js';

/** A reply to a request: carries the request's tracingId when it had one. */
export function responseFrame<C extends FrameClass, B>(cls: C, code: number, body: B, tracingId?: string): Frame<C, B> {
  const frame: Frame<C, B> = { type: 'response', class: cls, code, body };
  if (tracingId !== undefined) frame.tracingId = tracingId;
  return frame;
}

/** A server-initiated frame (outbound messages, echoes to other tabs, events). */
export function messageFrame<C extends FrameClass, B>(cls: C, body: B, code = 200, tracingId?: string): Frame<C, B> {
  const frame: Frame<C, B> = { type: 'message', class: cls, code, body };
  if (tracingId !== undefined) frame.tracingId = tracingId;
  return frame;
}

/** Genesys answers errors and plain refusals as `class: "string"` with a text body and the error code. */
export function stringError(code: number, text: string, tracingId?: string): Frame<'string', string> {
  return responseFrame('string', code, text, tracingId);
}

/** Thrown inside a handler to answer the request with an error frame (the socket stays open). */
export class FrameError extends Error {
  constructor(readonly frame: Frame) {
    super(typeof frame.body === 'string' ? frame.body : frame.class);
  }
}

/** Shortcut: throw a `class: "string"` error. */
export function fail(code: number, text: string): never {
  throw new FrameError(stringError(code, text));
}
