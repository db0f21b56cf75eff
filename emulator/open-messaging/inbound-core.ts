import { randomUUID } from 'node:crypto';
import type {
  OpenContentAttachment, OpenMessagingChannel, OpenReasonCode, OpenRecipient,
} from '@genesys-chat/protocol/open-messaging.js';
import type { MessageContent, Participant, StructuredMessageBody } from '@genesys-chat/protocol/web-messaging.js';
import type { EmulatorContext } from '../context.js';
import type { Conversation } from '../world.js';
import type { OpenMessagingState } from './state.js';

/**
 * What the inbound endpoints share: recording a customer message or a receipt in the World, and the `channel` of
 * their answers. Used by the per-integration endpoints and by the deprecated single endpoint.
 */

/** The guest as the World and the desk show them. */
export function participant(from: OpenRecipient): Participant {
  const out: Participant = { id: from.id };
  if (from.nickname) out.nickname = from.nickname;
  if (from.firstName) out.firstName = from.firstName;
  if (from.lastName) out.lastName = from.lastName;
  if (from.image) out.image = from.image;
  return out;
}

export function customer(from: OpenRecipient): { id: string; nickname?: string; firstName?: string; lastName?: string } {
  const out: { id: string; nickname?: string; firstName?: string; lastName?: string } = { id: from.id };
  if (from.nickname) out.nickname = from.nickname;
  if (from.firstName) out.firstName = from.firstName;
  if (from.lastName) out.lastName = from.lastName;
  return out;
}

/**
 * `channel` of an answer: Genesys' view of the message (`OpenMessagingChannel`, whose `from` and `to` the SDK marks
 * required). A customer message goes from the customer to the integration; a receipt refers to an outbound message,
 * which went from the integration to the customer (UNCONFIRMED: what Genesys puts in `from` on a receipt answer).
 */
export function responseChannel(
  integration: { id: string; name: string },
  channel: { from?: OpenRecipient; to?: Partial<OpenRecipient>; time: string; messageId?: string },
): OpenMessagingChannel {
  const out: OpenMessagingChannel = { id: integration.id, platform: 'Open', type: 'Private', time: channel.time };
  if (channel.messageId) out.messageId = channel.messageId;
  if (channel.from) {
    out.from = { ...channel.from };
    out.to = { id: integration.id };
  } else {
    out.from = { nickname: integration.name, id: integration.id, idType: 'Opaque' };
  }
  if (channel.to && !channel.from) out.to = { ...channel.to };
  return out;
}

/** A customer message as the inbound endpoints take it. */
export interface InboundMessageInput {
  from: OpenRecipient;
  time: string;
  messageId?: string;
  text?: string;
  attachments: OpenContentAttachment[];
  metadata?: Record<string, string>;
}

/** Records a customer message in the customer's open conversation (created if none) and returns both. */
export function acceptMessage(ctx: EmulatorContext, integrationId: string, input: InboundMessageInput): { id: string; conversation: Conversation } {
  const conversation = ctx.world.findOrCreateOpenConversation(integrationId, customer(input.from), input.metadata ?? {});
  const id = randomUUID();
  const message: StructuredMessageBody = {
    id,
    type: 'Text',
    direction: 'Inbound',
    channel: { time: input.time, type: 'Private', from: participant(input.from) },
  };
  if (input.messageId) message.channel = { ...message.channel, messageId: input.messageId };
  if (input.text) message.text = input.text;
  if (input.attachments.length > 0) {
    message.content = input.attachments.map((attachment): MessageContent => ({
      contentType: 'Attachment',
      attachment: { ...attachment, id: attachment.id ?? randomUUID() },
    }));
  }
  if (input.metadata) message.metadata = { ...input.metadata };
  ctx.world.addGuestMessage(conversation, message);
  return { id, conversation };
}

/** A receipt for an outbound message, as the inbound endpoints take it. */
export interface InboundReceiptInput {
  id: string;
  customerId: string;
  status: string;
  reasons?: { code: OpenReasonCode; message: string }[];
  isFinalReceipt?: boolean;
}

/** Records a receipt and marks the message on the desk; returns the problem when it references nothing we sent. */
export function acceptReceipt(ctx: EmulatorContext, state: OpenMessagingState, integrationId: string, input: InboundReceiptInput): string | null {
  const sent = state.sent.get(input.id);
  if (!sent || sent.integrationId !== integrationId) return `id ${input.id} does not reference an outbound message of this integration`;
  if (sent.customerId !== input.customerId) return 'the customer is not the recipient of that message';
  state.receipts.push({
    id: input.id, integrationId, conversationId: sent.conversationId, status: input.status,
    ...(input.reasons ? { reasons: input.reasons } : {}),
    ...(input.isFinalReceipt !== undefined ? { isFinalReceipt: input.isFinalReceipt } : {}),
    receivedAt: new Date().toISOString(),
  });
  // Show the receipt on the desk: the transcript's copy of the message carries it as metadata.
  const conversation = ctx.world.getConversation(sent.conversationId);
  const original = conversation?.messages.find((m) => m.id === input.id);
  if (conversation && original) {
    original.metadata = { ...original.metadata, receiptStatus: input.status };
    ctx.world.emit('changed', conversation);
  }
  return null;
}
