/**
 * What the desk reads from the emulator's control API, narrowed from untrusted JSON.
 * The desk runs in the browser, so it keeps its own view shapes; only types come from the Node-side World
 * (type imports are erased from the bundle).
 */
import { isRecord, type MessageContent, type StructuredMessageBody } from '@genesys-chat/protocol/web-messaging.js';
import type { ConversationChannel, ConversationState } from '../world.js';
import { textOf } from './safe-text.js';

export type DeskChannel = ConversationChannel;
export type DeskState = ConversationState;

/** One conversation as `GET /emulator/conversations` lists it. */
export interface DeskConversation {
  id: string;
  channel: DeskChannel;
  deploymentId?: string;
  integrationId?: string;
  customerId?: string;
  customer?: { nickname?: string; firstName?: string; lastName?: string };
  customAttributes: Record<string, string>;
  state: DeskState;
  queueId?: string;
  agentId?: string;
  createdAt?: string;
  messages: StructuredMessageBody[];
  /** The verified customer of an authenticated Web Messaging conversation, and since when. */
  authenticated?: { sub: string; name?: string; email?: string; since?: string; afterMessageId?: string };
}

export interface DeskAgent { id: string; name: string }
export interface DeskQueue { id: string; name: string }

/** The parts of `GET /emulator/world` the desk uses. */
export interface DeskWorld { agents: DeskAgent[]; queues: DeskQueue[] }

const STATES: readonly DeskState[] = ['bot', 'waiting', 'active', 'ended'];

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') out[key] = String(item);
  }
  return out;
}

function parseMessage(value: unknown): StructuredMessageBody | null {
  if (!isRecord(value) || typeof value.id !== 'string') return null;
  if (value.direction !== 'Inbound' && value.direction !== 'Outbound') return null;
  // The body is the Web Messaging shape; the renderer narrows each optional part again before use.
  return value as unknown as StructuredMessageBody;
}

/** Narrows one conversation; returns null for anything unusable so one bad entry never blanks the list. */
export function parseConversation(value: unknown): DeskConversation | null {
  if (!isRecord(value) || typeof value.id !== 'string') return null;
  const channel: DeskChannel = value.channel === 'open' ? 'open' : 'webmessaging';
  const state = STATES.find((s) => s === value.state) ?? 'waiting';
  const messages = Array.isArray(value.messages)
    ? value.messages.map(parseMessage).filter((m): m is StructuredMessageBody => m !== null)
    : [];
  const customer = isRecord(value.customer)
    ? {
        nickname: optionalString(value.customer.nickname),
        firstName: optionalString(value.customer.firstName),
        lastName: optionalString(value.customer.lastName),
      }
    : undefined;
  return {
    id: value.id,
    channel,
    deploymentId: optionalString(value.deploymentId),
    integrationId: optionalString(value.integrationId),
    customerId: optionalString(value.customerId),
    customer,
    customAttributes: stringRecord(value.customAttributes),
    state,
    queueId: optionalString(value.queueId),
    agentId: optionalString(value.agentId),
    createdAt: optionalString(value.createdAt),
    messages,
    ...(isRecord(value.authenticated) && typeof value.authenticated.sub === 'string'
      ? { authenticated: {
          sub: value.authenticated.sub, name: optionalString(value.authenticated.name),
          email: optionalString(value.authenticated.email), since: optionalString(value.authenticated.since),
          afterMessageId: optionalString(value.authenticated.afterMessageId),
        } }
      : {}),
  };
}

/** Whether a guest message came from an authenticated session (sent once the conversation was verified). */
export function isVerifiedGuestMessage(conversation: DeskConversation, message: StructuredMessageBody): boolean {
  const since = conversation.authenticated?.since;
  if (!since || message.direction !== 'Inbound' || message.type === 'Event') return false;
  // By order when the sign-in names the last message before it; by time otherwise (a message and the sign-in can
  // share a millisecond).
  const after = conversation.authenticated?.afterMessageId;
  const anchor = after ? conversation.messages.findIndex((m) => m.id === after) : -1;
  if (after === '' || anchor >= 0) return conversation.messages.indexOf(message) > anchor;
  const time = Date.parse(textOf(message.channel?.time));
  return !Number.isNaN(time) && time >= Date.parse(since);
}

/** "Ada Lovelace <ada@example.com> (sub user-ada)": the verified claims in one line. */
export function verifiedClaims(conversation: DeskConversation): string {
  const a = conversation.authenticated;
  if (!a) return '';
  return [a.name, a.email ? `<${a.email}>` : '', `(sub ${a.sub})`].filter(Boolean).join(' ');
}

/** Accepts either a bare array or `{ conversations: [...] }` / `{ entities: [...] }`. */
export function parseConversationList(value: unknown): DeskConversation[] {
  const list = Array.isArray(value)
    ? value
    : isRecord(value) && Array.isArray(value.conversations)
      ? value.conversations
      : isRecord(value) && Array.isArray(value.entities)
        ? value.entities
        : [];
  return list.map(parseConversation).filter((c): c is DeskConversation => c !== null);
}

function parseNamed(value: unknown): { id: string; name: string } | null {
  if (!isRecord(value) || typeof value.id !== 'string') return null;
  const name = optionalString(value.name) ?? optionalString(value.nickname) ?? value.id;
  return { id: value.id, name };
}

export function parseWorld(value: unknown): DeskWorld {
  const pick = (key: string): { id: string; name: string }[] =>
    isRecord(value) && Array.isArray(value[key])
      ? (value[key] as unknown[]).map(parseNamed).filter((a): a is { id: string; name: string } => a !== null)
      : [];
  return { agents: pick('agents'), queues: pick('queues') };
}

/** A human label for the customer: name, else nickname, else id, else "Guest" and the start of the conversation id. */
export function customerLabel(conversation: DeskConversation): string {
  const c: Record<string, unknown> = isRecord(conversation.customer) ? conversation.customer : {};
  const full = [textOf(c.firstName), textOf(c.lastName)].filter(Boolean).join(' ');
  return full || textOf(c.nickname) || textOf(conversation.authenticated?.name) || textOf(conversation.customerId)
    || `Guest ${textOf(conversation.id).slice(0, 6)}`;
}

/** What an editor hands to the desk to send as the agent; rejects with a readable error. */
export type DeskSend = (message: { text?: string; content?: MessageContent[] }) => Promise<void>;
