/**
 * Request/reply tracking on one socket: each request waits for the frame carrying its tracingId, with a timeout,
 * and fails at once when the socket goes.
 */
import type { ChatError } from '../../model.js';
import type { ClientRequest, ServerFrame } from '../../protocol/web-messaging.js';
import { ChatFailure, chatError } from '../../connection/errors.js';
import { newId } from '../../connection/ids.js';

/** Replies to requests (configureSession, getJwt, onAttachment, …). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

export interface Waiter {
  /** `consumed`: the frame was its answer; `settled`: it was, but the general handler must see it too; null: not its. */
  offer(frame: ServerFrame): 'consumed' | 'settled' | null;
  fail(error: ChatError): void;
}

export class PendingRequests {
  private readonly waiters = new Set<Waiter>();
  private readonly send: (request: ClientRequest) => void;
  private readonly timeoutMs: number;

  /**
   * @param send writes a request to the current socket (throws `not-connected` when there is none).
   * @param timeoutMs how long a waiter may wait for its frame.
   */
  constructor(send: (request: ClientRequest) => void, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS) {
    this.send = send;
    this.timeoutMs = timeoutMs;
  }

  /** Waits for a frame `waiter` accepts; fails it with `network` after the timeout. */
  add(waiter: Waiter): void {
    const entry: Waiter = {
      offer: (frame) => {
        const result = waiter.offer(frame);
        if (result) {
          clearTimeout(timer);
          this.waiters.delete(entry);
        }
        return result;
      },
      fail: (error) => {
        clearTimeout(timer);
        this.waiters.delete(entry);
        waiter.fail(error);
      },
    };
    const timer = setTimeout(() => entry.fail(chatError('network', 'The chat service did not answer in time.')), this.timeoutMs);
    this.waiters.add(entry);
  }

  /**
   * Sends a request and resolves with the first frame carrying its tracingId that `isReply` accepts, or any error
   * frame carrying it (string/Error/429/GenerateUrlError). Rejects on timeout or when the socket goes.
   */
  request(request: ClientRequest & { tracingId?: string }, isReply: (frame: ServerFrame) => boolean): Promise<ServerFrame> {
    const tracingId = request.tracingId ?? newId();
    const promise = new Promise<ServerFrame>((resolve, reject) => {
      this.add({
        offer: (frame) => {
          if (frame.tracingId !== tracingId) return null;
          if (isReply(frame) || frame.code >= 400 || frame.class === 'string' || frame.class === 'Error') {
            resolve(frame);
            return 'consumed';
          }
          return null;
        },
        fail: (error) => reject(new ChatFailure(error)),
      });
    });
    this.send({ ...request, tracingId });
    return promise;
  }

  /** Offers a frame to every waiter; true when one consumed it (the general handler must not see it). */
  offer(frame: ServerFrame): boolean {
    for (const waiter of [...this.waiters]) {
      if (waiter.offer(frame) === 'consumed') return true;
    }
    return false;
  }

  /** The socket went: every waiter fails with `reason`. */
  failAll(reason: ChatError): void {
    for (const waiter of [...this.waiters]) waiter.fail(reason);
    this.waiters.clear();
  }
}
