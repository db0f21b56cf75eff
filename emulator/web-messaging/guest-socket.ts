import { WebSocket } from 'ws';
import type { Frame } from '@genesys-chat/protocol/web-messaging.js';
import type { Faults } from '../faults.js';
import type { GuestSession } from './session.js';

/** A distinct outbound frame and how many times it goes out (2 under the `duplicate` fault). */
interface Outgoing {
  frame: Frame;
  copies: number;
}

/** How long a frame held back by the `reorder` fault waits for a partner before it goes out alone. */
const REORDER_HOLD_MS = 150;

/**
 * One guest WebSocket. Replies go out at once; server-initiated frames (`deliver`) pass through the delivery faults
 * (delay, reorder, duplicate), since those are what Genesys does not guarantee.
 */
export class GuestSocket {
  session: GuestSession | null = null;
  private held: { item: Outgoing; timer: NodeJS.Timeout } | null = null;
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

  /**
   * Sends a server-initiated frame through the delivery faults. Delay and reorder act on distinct frames; the
   * `duplicate` copy is made only when a frame goes out, so with reorder + duplicate the distinct frames still swap
   * (A, B arrive as B, A, B, A) instead of each frame swapping with its own copy.
   */
  deliver(frame: Frame): void {
    const { delayMs, reorder, duplicate } = this.faults.active;
    const item: Outgoing = { frame, copies: duplicate ? 2 : 1 };
    if (delayMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.route(item, reorder);
      }, delayMs);
      this.timers.add(timer);
    } else {
      this.route(item, reorder);
    }
  }

  /** Closes the socket the hard way (no close frame), as a network drop would. */
  drop(): void {
    this.ws.terminate();
  }

  private route(item: Outgoing, reorder: boolean): void {
    if (!reorder) {
      this.flushHeld();
      this.emit([item]);
      return;
    }
    if (this.held) {
      const first = this.held.item;
      clearTimeout(this.held.timer);
      this.held = null;
      this.emit([item, first]);
      return;
    }
    const timer = setTimeout(() => this.flushHeld(), REORDER_HOLD_MS);
    this.held = { item, timer };
  }

  private flushHeld(): void {
    if (!this.held) return;
    clearTimeout(this.held.timer);
    const { item } = this.held;
    this.held = null;
    this.emit([item]);
  }

  /** Sends the frames in the given order, then (duplicate fault) their copies in the same order. */
  private emit(items: Outgoing[]): void {
    const rounds = Math.max(...items.map((i) => i.copies));
    for (let round = 0; round < rounds; round += 1) {
      for (const i of items) if (round < i.copies) this.reply(i.frame);
    }
  }
}
