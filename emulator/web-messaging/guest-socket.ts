import { WebSocket } from 'ws';
import type { Frame } from '../../src/protocol/web-messaging.js';
import type { Faults } from '../faults.js';
import type { GuestSession } from './session.js';

/** How long a frame held back by the `reorder` fault waits for a partner before it goes out alone. */
const REORDER_HOLD_MS = 150;

/**
 * One guest WebSocket. Replies go out at once; server-initiated frames (`deliver`) pass through the delivery faults
 * (delay, reorder, duplicate), since those are what Genesys does not guarantee.
 */
export class GuestSocket {
  session: GuestSession | null = null;
  private held: { frame: Frame; timer: NodeJS.Timeout } | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly ws: WebSocket, readonly deploymentId: string, readonly id: string, private readonly faults: Faults) {
    ws.once('close', () => {
      for (const t of this.timers) clearTimeout(t);
      if (this.held) clearTimeout(this.held.timer);
      this.held = null;
    });
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a reply now (no faults). */
  reply(frame: Frame): void {
    if (this.open) this.ws.send(JSON.stringify(frame));
  }

  /** Sends a server-initiated frame through the delivery faults. */
  deliver(frame: Frame): void {
    const { delayMs, reorder, duplicate } = this.faults.active;
    const copies = duplicate ? 2 : 1;
    for (let i = 0; i < copies; i += 1) {
      if (delayMs > 0) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.route(frame, reorder);
        }, delayMs);
        this.timers.add(timer);
      } else {
        this.route(frame, reorder);
      }
    }
  }

  /** Closes the socket the hard way (no close frame), as a network drop would. */
  drop(): void {
    this.ws.terminate();
  }

  private route(frame: Frame, reorder: boolean): void {
    if (!reorder) {
      this.flushHeld();
      this.reply(frame);
      return;
    }
    if (this.held) {
      const first = this.held.frame;
      clearTimeout(this.held.timer);
      this.held = null;
      this.reply(frame);
      this.reply(first);
      return;
    }
    const timer = setTimeout(() => this.flushHeld(), REORDER_HOLD_MS);
    this.held = { frame, timer };
  }

  private flushHeld(): void {
    if (!this.held) return;
    clearTimeout(this.held.timer);
    const { frame } = this.held;
    this.held = null;
    this.reply(frame);
  }
}
