/**
 * Guest messages on their way out, in the order the guest sent them. An entry leaves the outbox when its echo
 * arrives (sent) or the server refuses it (failed). An entry handed to a socket that then died is "uncertain": the
 * controller checks history before sending it again, so each message reaches Genesys once.
 */
import type { QuickReplyAnswer } from '../model.js';

export interface OutboxEntry {
  id: string;
  text: string;
  attachmentIds?: string[];
  /** Set for quick-reply answers. */
  answer?: QuickReplyAnswer;
  originatingMessageId?: string;
  /** Handed to the current connection; waiting for its echo. */
  inFlight: boolean;
  /** Handed to an earlier connection that died before the echo: maybe delivered, maybe not. */
  uncertain: boolean;
}

export class Outbox {
  private entries: OutboxEntry[] = [];

  get size(): number {
    return this.entries.length;
  }

  add(entry: Omit<OutboxEntry, 'inFlight' | 'uncertain'>): void {
    if (this.has(entry.id)) return;
    this.entries.push({ ...entry, inFlight: false, uncertain: false });
  }

  has(id: string): boolean {
    return this.entries.some((entry) => entry.id === id);
  }

  /** Removes an entry (echo arrived, or refused); true when it was there. */
  remove(id: string): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((entry) => entry.id !== id);
    return this.entries.length !== before;
  }

  /** Entries not yet handed to the current connection, oldest first. */
  unsent(): OutboxEntry[] {
    return this.entries.filter((entry) => !entry.inFlight);
  }

  /** True when some entry may or may not have reached the server (check history before resending). */
  hasUncertain(): boolean {
    return this.entries.some((entry) => entry.uncertain);
  }

  /** The connection died: what was in flight becomes uncertain and will be sent again unless history has it. */
  connectionLost(): void {
    for (const entry of this.entries) {
      if (entry.inFlight) {
        entry.inFlight = false;
        entry.uncertain = true;
      }
    }
  }

  /** History was checked: the survivors were not delivered. */
  settleUncertain(): void {
    for (const entry of this.entries) entry.uncertain = false;
  }

  /** Empties the outbox and returns what was in it, oldest first. */
  drain(): OutboxEntry[] {
    const entries = this.entries;
    this.entries = [];
    return entries;
  }
}
