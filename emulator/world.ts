import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { MessageContent, MessageEvent, Participant, StructuredMessageBody } from '@genesys-chat/protocol/web-messaging.js';
import type { BotFlow, WorldAgent, WorldDeployment, WorldFile, WorldQueue } from './world-file.js';

export type ConversationChannel = 'webmessaging' | 'open';
export type ConversationState = 'bot' | 'waiting' | 'active' | 'ended';

/** One conversation, whatever channel the guest came from. */
export interface Conversation {
  id: string;
  channel: ConversationChannel;
  deploymentId?: string;
  sessionToken?: string;
  integrationId?: string;
  customerId?: string;
  customer?: { nickname?: string; firstName?: string; lastName?: string };
  customAttributes: Record<string, string>;
  queueId?: string;
  agentId?: string;
  state: ConversationState;
  /** Text and Structured messages, both directions, in Web Messaging shape (events are not kept). */
  messages: StructuredMessageBody[];
  createdAt: string;
  /** Set once the agent or bot ended it and the deployment makes it read-only. */
  readOnly?: boolean;
  /**
   * The verified customer of an authenticated Web Messaging conversation (emulator/auth/): who, and since when (guest
   * messages from then on came from an authenticated session; earlier ones, before an upgrade, did not).
   */
  authenticated?: { sub: string; name?: string; email?: string; since: string;
    /** The last message before sign-in ('' for none): order tells earlier messages apart, a clock may not (same ms). */
    afterMessageId?: string };
}

export interface WorldEvents {
  /** A guest message (Text, Structured or Event) arrived; bots listen. */
  'guest-message': [conversation: Conversation, message: StructuredMessageBody];
  /** Something goes to the guest (messages, Typing, Presence events); the channel surfaces deliver it. */
  outbound: [conversation: Conversation, message: StructuredMessageBody];
  /** The conversation's state or transcript changed (for the desk). */
  changed: [conversation: Conversation];
}

/** Thrown for a world operation on something that does not exist or is not allowed (control API turns it into 4xx). */
export class WorldError extends Error {
  constructor(message: string, readonly status: 404 | 409 | 400 = 400) {
    super(message);
  }
}

/** Who sends an outbound message. */
export interface OutboundSender {
  originatingEntity: 'Bot' | 'Human';
  from: Participant;
}

/**
 * The emulator's in-memory state: deployments, queues, agents, bots (from the world file) and conversations, with
 * typed events. Channel-neutral: Web Messaging and Open Messaging surfaces both drive it.
 */
export class World extends EventEmitter<WorldEvents> {
  readonly deployments = new Map<string, WorldDeployment>();
  readonly queues = new Map<string, WorldQueue>();
  readonly agents = new Map<string, WorldAgent>();
  readonly bots = new Map<string, BotFlow>();
  private readonly conversationsById = new Map<string, Conversation>();
  /** Every transcript message by id, for the Platform API's message lookups. */
  private readonly messagesById = new Map<string, { conversation: Conversation; message: StructuredMessageBody }>();
  /** (integrationId, customerId) -> that customer's latest Open conversation (checked for 'ended' on lookup). */
  private readonly openByCustomer = new Map<string, Conversation>();
  /** (deploymentId, sessionToken) -> the session's latest Web Messaging conversation. */
  private readonly webBySession = new Map<string, Conversation>();
  /** Open Messaging integration id -> bot flow id (world file `openMessaging.integrations[].botId`). */
  private readonly openBotIds = new Map<string, string>();

  constructor(readonly file: WorldFile) {
    super();
    // Many plugins listen; lift Node's leak warning threshold.
    this.setMaxListeners(100);
    for (const d of file.deployments) this.deployments.set(d.id, d);
    for (const q of file.queues) this.queues.set(q.id, q);
    for (const a of file.agents) this.agents.set(a.id, a);
    for (const b of file.bots ?? []) this.bots.set(b.id, b);
    for (const i of file.openMessaging?.integrations ?? []) if (i.botId) this.openBotIds.set(i.id, i.botId);
  }

  /** Every conversation, oldest first. */
  conversations(): Conversation[] {
    return [...this.conversationsById.values()];
  }

  getConversation(id: string): Conversation | undefined {
    return this.conversationsById.get(id);
  }

  /** Like {@link getConversation} but throws a 404 {@link WorldError}. */
  requireConversation(id: string): Conversation {
    const conversation = this.conversationsById.get(id);
    if (!conversation) throw new WorldError(`conversation ${id} not found`, 404);
    return conversation;
  }

  /** The queue with this skill (case-insensitive), if any. */
  queueForSkill(skill: string): WorldQueue | undefined {
    const wanted = skill.trim().toLowerCase();
    return [...this.queues.values()].find((q) => q.skills.some((s) => s.toLowerCase() === wanted));
  }

  /** The current (not ended, or read-only) Web Messaging conversation of a session, if any. */
  findWebConversation(deploymentId: string, sessionToken: string): Conversation | undefined {
    return this.webBySession.get(indexKey(deploymentId, sessionToken));
  }

  /** Starts a Web Messaging conversation for a session. */
  createWebConversation(deploymentId: string, sessionToken: string): Conversation {
    const deployment = this.deployments.get(deploymentId);
    const conversation = this.newConversation('webmessaging', deployment?.botId ? 'bot' : 'waiting');
    conversation.deploymentId = deploymentId;
    conversation.sessionToken = sessionToken;
    if (deployment?.defaultQueueId && !deployment.botId) conversation.queueId = deployment.defaultQueueId;
    this.conversationsById.set(conversation.id, conversation);
    this.webBySession.set(indexKey(deploymentId, sessionToken), conversation);
    this.emit('changed', conversation);
    return conversation;
  }

  /**
   * The not-ended conversation of an Open Messaging customer on an integration, if any. Indexed (no scan): a
   * conversation ended by any path (agent, bot, control API) is seen as gone here because the state is checked.
   */
  findOpenConversation(integrationId: string, customerId: string): Conversation | undefined {
    const key = indexKey(integrationId, customerId);
    const conversation = this.openByCustomer.get(key);
    if (!conversation) return undefined;
    if (conversation.state === 'ended') {
      this.openByCustomer.delete(key);
      return undefined;
    }
    return conversation;
  }

  /**
   * The open conversation of an Open Messaging customer, or a new one. A new one starts in state `bot` when the
   * world file gives the integration a `botId` (the bot answers the first guest message), else `waiting`.
   */
  findOrCreateOpenConversation(
    integrationId: string,
    customer: { id: string; nickname?: string; firstName?: string; lastName?: string },
    metadata: Record<string, string> = {},
  ): Conversation {
    const existing = this.findOpenConversation(integrationId, customer.id);
    if (existing) {
      this.mergeAttributes(existing, metadata);
      return existing;
    }
    const conversation = this.newConversation('open', this.openBot(integrationId) ? 'bot' : 'waiting');
    conversation.integrationId = integrationId;
    conversation.customerId = customer.id;
    const { id: _id, ...names } = customer;
    conversation.customer = names;
    this.conversationsById.set(conversation.id, conversation);
    this.openByCustomer.set(indexKey(integrationId, customer.id), conversation);
    this.mergeAttributes(conversation, metadata);
    // Fallback queue for a later hand-over; a 'bot' conversation is not counted as waiting in it.
    if (!conversation.queueId) conversation.queueId = [...this.queues.keys()][0];
    this.emit('changed', conversation);
    return conversation;
  }

  /** The bot flow that answers this conversation first (deployment or Open integration `botId`), if any. */
  botFor(conversation: Conversation): BotFlow | undefined {
    if (conversation.channel === 'open') return conversation.integrationId ? this.openBot(conversation.integrationId) : undefined;
    const deployment = conversation.deploymentId ? this.deployments.get(conversation.deploymentId) : undefined;
    return deployment?.botId ? this.bots.get(deployment.botId) : undefined;
  }

  /** Merges custom attributes and routes by `skill` when the conversation has no agent yet. */
  mergeAttributes(conversation: Conversation, attributes: Record<string, string>): void {
    const previousSkill = conversation.customAttributes.skill;
    Object.assign(conversation.customAttributes, attributes);
    const skill = conversation.customAttributes.skill;
    // Like an inbound flow, route on the skill when it is first given or changes; a page that repeats the same
    // attribute on every message must not undo the queue a bot has handed the conversation to.
    if (skill && skill !== previousSkill && !conversation.agentId) {
      const queue = this.queueForSkill(skill);
      if (queue) conversation.queueId = queue.id;
    }
  }

  /** Records a guest message (Text/Structured kept in the transcript; events only emitted). */
  addGuestMessage(conversation: Conversation, body: StructuredMessageBody): void {
    if (body.type !== 'Event') this.record(conversation, body);
    this.emit('guest-message', conversation, body);
    if (body.type !== 'Event') this.emit('changed', conversation);
  }

  /** An agent (or the control API) sends text and/or content to the guest. */
  agentSend(conversationId: string, message: { text?: string; content?: MessageContent[]; agentName?: string }): StructuredMessageBody {
    const conversation = this.requireConversation(conversationId);
    if (conversation.state === 'ended') throw new WorldError('conversation has ended', 409);
    if (!message.text && !(message.content && message.content.length > 0)) {
      throw new WorldError('a message needs text or content', 400);
    }
    if (conversation.state !== 'active') this.takeConversation(conversationId, conversation.agentId);
    return this.sendOutbound(conversation, message, this.agentSender(conversation, message.agentName));
  }

  /** The agent is typing: a Typing event goes to the guest. */
  agentTyping(conversationId: string): void {
    const conversation = this.requireConversation(conversationId);
    if (conversation.state === 'ended') throw new WorldError('conversation has ended', 409);
    this.sendEvent(conversation, { eventType: 'Typing', typing: { type: 'On', duration: 5000 } }, this.agentSender(conversation));
  }

  /** The agent ends the conversation: Presence Disconnect, read-only per the deployment's conversationDisconnect. */
  agentDisconnect(conversationId: string): void {
    const conversation = this.requireConversation(conversationId);
    if (conversation.state === 'ended') throw new WorldError('conversation has already ended', 409);
    this.endConversation(conversation, this.agentSender(conversation));
  }

  /** An agent takes a waiting (or bot) conversation. Without agentId, the first agent of the queue (or any). */
  takeConversation(conversationId: string, agentId?: string): Conversation {
    const conversation = this.requireConversation(conversationId);
    if (conversation.state === 'ended') throw new WorldError('conversation has ended', 409);
    const agent = agentId ? this.agents.get(agentId) : this.defaultAgent(conversation);
    if (agentId && !agent) throw new WorldError(`agent ${agentId} not found`, 404);
    if (agent) conversation.agentId = agent.id;
    conversation.state = 'active';
    this.emit('changed', conversation);
    return conversation;
  }

  /** Moves a conversation to a queue's waiting list (bot hand-over). */
  handOver(conversation: Conversation, target: { queueId?: string; skill?: string }): void {
    const queue = (target.queueId && this.queues.get(target.queueId))
      || (target.skill && this.queueForSkill(target.skill))
      || (conversation.customAttributes.skill && this.queueForSkill(conversation.customAttributes.skill))
      || undefined;
    if (queue) conversation.queueId = queue.id;
    conversation.state = 'waiting';
    this.emit('changed', conversation);
  }

  /** Ends a conversation on behalf of `sender` (agent or bot). */
  endConversation(conversation: Conversation, sender: OutboundSender): void {
    const deployment = conversation.deploymentId ? this.deployments.get(conversation.deploymentId) : undefined;
    const disconnect = deployment?.messenger?.apps?.conversations?.conversationDisconnect;
    const readOnly = disconnect?.enabled === true && disconnect.type === 'ReadOnly';
    conversation.state = 'ended';
    conversation.readOnly = readOnly;
    this.sendEvent(conversation, { eventType: 'Presence', presence: { type: 'Disconnect' } }, sender, readOnly ? { readOnly: 'true' } : undefined);
    this.emit('changed', conversation);
  }

  /**
   * Builds, records and emits an outbound Text/Structured message. Web Messaging bodies take the real frames' shape
   * (ovotech's fixtures "from real interactions"): a 32-hex id without dashes, `metadata.correlationId`, and no
   * `channel.messageId`. Open Messaging ids stay UUIDs (spec examples); its webhook payload is built from this body.
   */
  sendOutbound(conversation: Conversation, message: { text?: string; content?: MessageContent[] }, sender: OutboundSender): StructuredMessageBody {
    const hasContent = message.content !== undefined && message.content.length > 0;
    const web = conversation.channel === 'webmessaging';
    const body: StructuredMessageBody = {
      id: messageId(conversation),
      type: hasContent ? 'Structured' : 'Text',
      direction: 'Outbound',
      channel: web
        ? { time: new Date().toISOString(), type: 'Private', from: sender.from }
        : { time: new Date().toISOString(), messageId: randomUUID(), type: 'Private', from: sender.from },
      originatingEntity: sender.originatingEntity,
    };
    if (message.text !== undefined) body.text = message.text;
    if (hasContent) body.content = message.content;
    if (web) body.metadata = { correlationId: randomUUID() };
    this.record(conversation, body);
    this.emit('outbound', conversation, body);
    this.emit('changed', conversation);
    return body;
  }

  /**
   * Emits an outbound event (Typing, Presence); events are not kept in the transcript. A Web Messaging Presence event
   * carries `channel.messageId` (= its id), as the real Disconnect frame does.
   */
  sendEvent(conversation: Conversation, event: MessageEvent, sender: OutboundSender, metadata?: Record<string, string>): StructuredMessageBody {
    const id = messageId(conversation);
    const body: StructuredMessageBody = {
      id,
      type: 'Event',
      direction: 'Outbound',
      channel: { time: new Date().toISOString(), type: 'Private', from: sender.from },
      events: [event],
      originatingEntity: sender.originatingEntity,
    };
    if (conversation.channel === 'webmessaging' && event.eventType === 'Presence') body.channel = { ...body.channel, messageId: id };
    if (metadata) body.metadata = metadata;
    this.emit('outbound', conversation, body);
    return body;
  }

  /** Sender details for the conversation's agent (or a named stand-in). */
  agentSender(conversation: Conversation, agentName?: string): OutboundSender {
    const agent = conversation.agentId ? this.agents.get(conversation.agentId) : undefined;
    const nickname = agentName ?? agent?.nickname ?? agent?.name ?? 'Agent';
    const from: Participant = { nickname };
    if (agent) from.id = agent.id;
    if (agent?.image) from.image = agent.image;
    return { originatingEntity: 'Human', from };
  }

  /** A transcript message (either direction) and its conversation, by message id. */
  findMessage(id: string): { conversation: Conversation; message: StructuredMessageBody } | undefined {
    return this.messagesById.get(id);
  }

  private record(conversation: Conversation, body: StructuredMessageBody): void {
    conversation.messages.push(body);
    this.messagesById.set(body.id, { conversation, message: body });
  }

  private defaultAgent(conversation: Conversation): WorldAgent | undefined {
    if (conversation.agentId) return this.agents.get(conversation.agentId);
    const agents = [...this.agents.values()];
    return agents.find((a) => conversation.queueId && a.queueIds?.includes(conversation.queueId)) ?? agents[0];
  }

  private openBot(integrationId: string): BotFlow | undefined {
    const botId = this.openBotIds.get(integrationId);
    return botId ? this.bots.get(botId) : undefined;
  }

  private newConversation(channel: ConversationChannel, state: ConversationState): Conversation {
    return { id: randomUUID(), channel, customAttributes: {}, state, messages: [], createdAt: new Date().toISOString() };
  }
}

/** An outbound message id: 32 hex digits for Web Messaging (real frames), a UUID for Open Messaging. */
function messageId(conversation: Conversation): string {
  return conversation.channel === 'webmessaging' ? randomUUID().replaceAll('-', '') : randomUUID();
}

/** Map key of two ids (JSON keeps ids containing any separator apart). */
function indexKey(a: string, b: string): string {
  return JSON.stringify([a, b]);
}
