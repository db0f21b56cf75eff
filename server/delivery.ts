/**
 * Gets transcript entries to a guest's sockets and owes Genesys a receipt for every agent message: Delivered once a
 * socket took it (claimed once in the whole cluster), Failed when it cannot be delivered.
 *
 * Entries live in the store (memory or Redis) with a `seq` per guest; the instance holding a guest's sockets hears
 * of each new entry through the store's subscription and sends it to each socket once, in `seq` order: a socket
 * that missed one (a lost pub/sub message, a gap) reads the gap back from the store first.
 */
import type { ChatMessage } from '@genesys-chat/protocol/model.js';
import type { GatewayServerFrame } from '@genesys-chat/protocol/gateway.js';
import type { GatewayMetrics } from './metrics.js';
import type { OpenMessagingBridge } from './open-messaging-bridge.js';
import type { Log } from './oauth.js';
import type { BufferedMessage, Guest, GuestConnection, SessionStore } from './session.js';
import type { GuestEvent } from './store.js';

/** Guest ids this server hands out: anonymous `g-<uuid>`, verified `v-<32 hex>`. */
const OUR_GUEST_ID = /^(g-[0-9a-f-]{36}|v-[0-9a-f]{32})$/;

export class Delivery {
  constructor(
    private readonly store: SessionStore,
    private readonly bridge: OpenMessagingBridge,
    private readonly log?: Log,
    private readonly metrics?: GatewayMetrics,
  ) {}

  /** Adds the guest's own (accepted) message to their transcript; every socket of theirs gets the echo. */
  async publish(guest: Guest, message: ChatMessage): Promise<void> {
    await this.store.backend.append(guest.guestId, message);
  }

  /**
   * An agent's message from the webhook, taken in one step with its replay check: `replay` when Genesys sent this
   * payload before (on any instance). Unknown guest: Failed receipt (InvalidDestination), except after a restart
   * without Redis, where a guest id of ours is kept for its return. Otherwise buffered; whichever instance holds the
   * guest's sockets sends it and the Delivered receipt.
   */
  async acceptAgentMessage(replayKey: string, replayWindowMs: number, guestId: string, payloadId: string, message: ChatMessage): Promise<'replay' | 'accepted'> {
    const backend = this.store.backend;
    if (backend.kind === 'memory' && OUR_GUEST_ID.test(guestId) && !(await backend.getGuest(guestId))) {
      // This process lost its memory (a restart): the guest will come back with a signed token that recreates
      // them; keep what the agent writes until then (the idle sweep fails it if they never do).
      await backend.putGuest(guestId, { customAttributes: {}, hasSentMessage: true, placeholder: true });
    }
    const result = await backend.acceptAgentMessage(replayKey, replayWindowMs, guestId, message, payloadId);
    if (result.outcome === 'replay') return 'replay';
    if (result.outcome === 'unknown') {
      this.log?.info({ payloadId }, 'webhook message for an unknown guest');
      void this.bridge.sendReceipt(guestId, payloadId, 'Failed', { code: 'InvalidDestination', message: 'The customer session is unknown or expired.' });
      return 'accepted';
    }
    // No size check here: the webhook body limit (1 MiB) keeps every message far below the widget's frame limit.
    for (const dropped of result.dropped) void this.undeliverable(guestId, dropped);
    return 'accepted';
  }

  /** Agent typing: live only, never buffered. */
  async typing(guestId: string, durationMs: number): Promise<void> {
    await this.store.backend.publishTyping(guestId, durationMs);
  }

  /** What the store tells this instance about a guest with sockets here. */
  onEvent(guest: Guest, event: GuestEvent): void {
    if (event.kind === 'typing') {
      for (const connection of guest.connections) void connection.send({ type: 'typing', durationMs: event.durationMs });
      return;
    }
    for (const connection of guest.connections) this.sendEntry(guest, connection, event.entry);
  }

  /**
   * Queues `entry` for one socket: sent once, in `seq` order. A gap before it (or no entry: catch up) is read back
   * from the store first.
   */
  sendEntry(guest: Guest, connection: GuestConnection, entry?: BufferedMessage): void {
    connection.chain = connection.chain.then(async () => {
      if (entry && entry.seq <= connection.sentSeq) return;
      const entries = entry && entry.seq === connection.sentSeq + 1
        ? [entry]
        : (await this.store.backend.since(guest.guestId, connection.sentSeq)).entries;
      await this.sendAll(guest, connection, entries, false);
    }).catch((error: unknown) => this.log?.error({ err: String(error) }, 'sending to a guest socket failed'));
  }

  /** Sends entries above the socket's `sentSeq` in order; settles the receipts of those the socket took. */
  async sendAll(guest: Guest, connection: GuestConnection, entries: readonly BufferedMessage[], replay: boolean): Promise<void> {
    for (const e of entries) {
      if (e.seq <= connection.sentSeq) continue;
      const frame: GatewayServerFrame = { type: 'message', seq: e.seq, message: e.message, ...(replay ? { replay: true } : {}) };
      if (!(await connection.send(frame))) return;
      connection.sentSeq = e.seq;
      this.metrics?.messagesOut.inc();
      // Not awaited: the receipt waits its turn in the lowest lane; the socket's next frames must not.
      if (e.undeliveredPayloadId) void this.settle(guest.guestId, e.seq).catch((error: unknown) => this.log?.warn({ err: String(error) }, 'receipt not settled'));
    }
  }

  /** A socket took entry `seq`: send its Delivered receipt unless another socket (anywhere) already did. */
  async settle(guestId: string, seq: number): Promise<void> {
    const payloadId = await this.store.backend.claimReceipt(guestId, seq);
    if (payloadId) await this.bridge.sendReceipt(guestId, payloadId, 'Delivered');
  }

  /** An agent message that will never reach the guest (dropped from the buffer, or the guest was forgotten). */
  async undeliverable(guestId: string, payloadId: string): Promise<void> {
    await this.bridge.sendReceipt(guestId, payloadId, 'Failed', { code: 'MessageExpired', message: 'The customer did not come back in time.' });
  }
}
