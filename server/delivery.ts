/**
 * Delivers frames to a guest's sockets, keeps the bounded transcript buffer for guests who are away, and owes
 * Genesys a receipt for every agent message (Delivered once a socket got it, Failed when it cannot be delivered).
 */
import type { ChatMessage } from '@genesys-chat/protocol/model.js';
import type { GatewayServerFrame } from '@genesys-chat/protocol/gateway.js';
import type { OpenMessagingBridge } from './open-messaging-bridge.js';
import type { Log } from './oauth.js';
import type { BufferedMessage, Guest, SessionStore } from './session.js';

export class Delivery {
  constructor(
    private readonly store: SessionStore,
    private readonly bridge: OpenMessagingBridge,
    private readonly log?: Log,
  ) {}

  /** Sends `frame` to every socket of the guest; resolves true if at least one socket got it. */
  async broadcast(guest: Guest, frame: GatewayServerFrame): Promise<boolean> {
    const results = await Promise.all([...guest.connections].map((c) => c.send(frame)));
    return results.some(Boolean);
  }

  /** Adds a message to the guest's transcript and sends it to their open sockets (the guest's own echoes). */
  async publish(guest: Guest, message: ChatMessage): Promise<void> {
    const seq = this.store.append(guest, message);
    await this.broadcast(guest, { type: 'message', seq, message });
  }

  /**
   * An agent's message from the webhook. Unknown guest: Failed receipt (InvalidDestination). Guest away: buffered,
   * the receipt waits for their return. Guest online: sent, then a Delivered receipt.
   */
  async deliverAgentMessage(guestId: string, payloadId: string, message: ChatMessage): Promise<void> {
    const guest = this.store.guest(guestId);
    if (!guest) {
      this.log?.info({ payloadId }, 'webhook message for an unknown guest');
      await this.bridge.sendReceipt(guestId, payloadId, 'Failed', { code: 'InvalidDestination', message: 'The customer session is unknown or expired.' });
      return;
    }
    if (this.store.find(guest, message.id)) return;
    const seq = this.store.append(guest, message, payloadId);
    if (guest.connections.size === 0) return;
    if (await this.broadcast(guest, { type: 'message', seq, message })) {
      const entry = this.store.find(guest, message.id);
      if (entry?.undeliveredPayloadId) await this.receiptDelivered(guest, entry);
    }
  }

  /** Agent typing: live only, never buffered. */
  async typing(guestId: string, durationMs: number): Promise<void> {
    const guest = this.store.guest(guestId);
    if (guest) await this.broadcast(guest, { type: 'typing', durationMs });
  }

  /** A returning socket received these entries (its `ready` transcript): settle the receipts they owed. */
  async delivered(guest: Guest, entries: BufferedMessage[]): Promise<void> {
    for (const entry of entries) if (entry.undeliveredPayloadId) await this.receiptDelivered(guest, entry);
  }

  /** An agent message that will never reach the guest (dropped from the buffer, or the guest was forgotten). */
  async undeliverable(guestId: string, payloadId: string): Promise<void> {
    await this.bridge.sendReceipt(guestId, payloadId, 'Failed', { code: 'MessageExpired', message: 'The customer did not come back in time.' });
  }

  private async receiptDelivered(guest: Guest, entry: BufferedMessage): Promise<void> {
    const payloadId = entry.undeliveredPayloadId;
    if (!payloadId) return;
    delete entry.undeliveredPayloadId;
    await this.bridge.sendReceipt(guest.guestId, payloadId, 'Delivered');
  }
}
