/**
 * Guest actions to Genesys Open Messaging inbound endpoints (spec open-messaging.md §2): messages, typing,
 * receipts and quick-reply answers, all through the Platform client (shared token, ≤ 4 req/s queue, retries).
 * Messages and quick replies take the queue's `interactive` lane; typing takes the `typing` lane, coalesced per
 * guest and dropped when stale; receipts take the `receipt` lane below both, coalesced per guest, bounded.
 */
import {
  openInboundPaths, type OpenInboundEvent, type OpenInboundMessage, type OpenInboundReceipt,
  type OpenInboundStructuredResponse, type OpenMessageNormalizedMessage, type OpenReasonCode, type OpenRecipient,
} from '@genesys-chat/protocol/open-messaging.js';
import type { GuestMessageFrame, QuickReplyFrame } from '@genesys-chat/protocol/gateway.js';
import type { Log, PlatformClient } from './oauth.js';
import { QueueDroppedError } from './rate-queue.js';
import { toOpenAttachment } from './normalize.js';
import type { Guest } from './session.js';

/** Metadata key that tells the flow and agents the customer was verified by the site (`"true"` only then). */
export const VERIFIED_METADATA_KEY = 'verified';
/** Metadata key carrying the routing skill (spec: `metadata` is the only place for it; UNCONFIRMED how Architect reads it). */
export const SKILL_METADATA_KEY = 'skill';

/** A typing event that could not leave within this long is dropped: the indicator would already be over. */
export const TYPING_STALE_MS = 5_000;

export class OpenMessagingBridge {
  constructor(
    private readonly platform: PlatformClient,
    private readonly integrationId: string,
    private readonly log?: Log,
  ) {}

  /** `channel.from` for this guest: the Opaque guest id, plus the verified identity when there is one. */
  recipient(guest: Guest): OpenRecipient {
    const c = guest.customer;
    return {
      id: guest.guestId,
      idType: 'Opaque',
      ...(c?.firstName ? { firstName: c.firstName } : {}),
      ...(c?.lastName ? { lastName: c.lastName } : {}),
      ...(c?.email ? { email: c.email } : {}),
      ...(c?.nickname ?? guest.displayName ? { nickname: c?.nickname ?? guest.displayName } : {}),
    };
  }

  /** Skill and custom attributes; `verified` comes only from the server, never from the page. */
  metadata(guest: Guest): Record<string, string> {
    const metadata: Record<string, string> = { ...guest.customAttributes };
    delete metadata[VERIFIED_METADATA_KEY];
    if (guest.skill) metadata[SKILL_METADATA_KEY] = guest.skill;
    if (guest.customer) metadata[VERIFIED_METADATA_KEY] = 'true';
    return metadata;
  }

  /** Posts a guest message; resolves with Genesys' answer (conversationId prefetched). Throws UpstreamError. */
  async sendMessage(guest: Guest, frame: GuestMessageFrame, time: string): Promise<OpenMessageNormalizedMessage | null> {
    const body: OpenInboundMessage = {
      channel: { messageId: frame.id, from: this.recipient(guest), time },
      ...(frame.text.trim() ? { text: frame.text } : {}),
      ...(frame.attachments?.length ? { content: frame.attachments.map((a) => ({ attachment: toOpenAttachment(a) })) } : {}),
      metadata: this.metadata(guest),
    };
    const path = `${openInboundPaths.message(this.integrationId)}?prefetchConversationId=true`;
    return this.platform.platformFetch<OpenMessageNormalizedMessage>(path, { method: 'POST', body, priority: 'interactive' });
  }

  /** Posts a typing event (no retries: a late typing indicator is worthless). Never throws. */
  async sendTyping(guest: Guest): Promise<void> {
    const body: OpenInboundEvent = {
      channel: { from: this.recipient(guest), time: new Date().toISOString() },
      events: [{ eventType: 'Typing' }],
    };
    try {
      await this.platform.platformFetch(openInboundPaths.event(this.integrationId), {
        method: 'POST', body, retry: false, priority: 'typing', coalesceKey: guest.guestId, dropAfterMs: TYPING_STALE_MS,
      });
    } catch (error) {
      this.log?.debug({ err: String(error) }, 'typing event not delivered');
    }
  }

  /** Tells Genesys whether an agent message reached the guest. Never throws (logged). */
  async sendReceipt(guestId: string, payloadId: string, status: 'Delivered' | 'Failed', reason?: { code: OpenReasonCode; message: string }): Promise<void> {
    const body: OpenInboundReceipt = {
      id: payloadId,
      channel: { to: { id: guestId, idType: 'Opaque' }, time: new Date().toISOString() },
      status,
      isFinalReceipt: true,
      ...(reason ? { reasons: [reason] } : {}),
    };
    try {
      // Their own lane, below guest messages and typing. A Delivered receipt still waiting is replaced by a newer
      // one for the same guest (the agent sees the conversation delivered up to the newest message; UNCONFIRMED
      // whether Genesys' UI marks earlier messages from it). Failed receipts are never coalesced.
      await this.platform.platformFetch(openInboundPaths.receipt(this.integrationId), {
        method: 'POST', body, priority: 'receipt', ...(status === 'Delivered' ? { coalesceKey: `delivered:${guestId}` } : {}),
      });
    } catch (error) {
      if (error instanceof QueueDroppedError) this.log?.debug({ reason: error.reason, status }, 'receipt dropped from the queue');
      else this.log?.warn({ err: String(error), status }, 'receipt not delivered to Genesys');
    }
  }

  /** Posts a quick-reply/button answer. Throws UpstreamError. */
  async sendQuickReply(guest: Guest, frame: QuickReplyFrame, time: string): Promise<void> {
    const body: OpenInboundStructuredResponse = {
      channel: { messageId: frame.id, from: this.recipient(guest), time },
      buttonResponse: {
        type: frame.answer.type === 'Button' || frame.answer.type === 'DatePicker' ? frame.answer.type : 'QuickReply',
        text: frame.answer.text,
        payload: frame.answer.payload,
      },
      originatingMessageId: frame.originatingMessageId,
    };
    await this.platform.platformFetch(openInboundPaths.structuredResponse(this.integrationId), { method: 'POST', body, priority: 'interactive' });
  }
}
