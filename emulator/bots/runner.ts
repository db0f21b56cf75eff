import type { StructuredMessageBody } from '@genesys-chat/protocol/web-messaging.js';
import type { EmulatorContext } from '../context.js';
import type { Conversation, OutboundSender } from '../world.js';
import type { BotFlow } from '../world-file.js';
import { findStep, guestAnswer, nextStep, stepMessage } from './flow.js';

/** Default line before a hand-over. */
export const DEFAULT_HAND_OVER_TEXT = 'Connecting you to an agent';

function isJoin(message: StructuredMessageBody): boolean {
  return (message.events ?? []).some((e) => e.eventType === 'Presence'
    && typeof e.presence === 'object' && e.presence !== null && (e.presence as { type?: unknown }).type === 'Join');
}

/**
 * Runs the scripted bot flows: listens to the world's guest messages (any channel) for conversations in state
 * `bot`, greets on autostart (Presence Join, Web Messaging only) or on the first message, walks the quick-reply menu, hands over to a
 * queue. Returns a function that stops the bots.
 */
export function startBots(ctx: EmulatorContext): () => void {
  const { world } = ctx;
  const position = new Map<string, string>(); // conversation id -> current step id
  const queues = new Map<string, Promise<void>>(); // per-conversation send order
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const over = (conversation: Conversation): boolean => stopped || conversation.state === 'ended';

  const pause = (ms: number): Promise<void> => new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });

  /** Queues a bot send so lines go out in order, each after the configured "typing" delay. */
  const say = (conversation: Conversation, sender: OutboundSender, message: Parameters<typeof world.sendOutbound>[1]): void => {
    const delay = ctx.options.botDelayMs;
    const previous = queues.get(conversation.id) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (over(conversation)) return;
      if (delay > 0) {
        world.sendEvent(conversation, { eventType: 'Typing', typing: { type: 'On', duration: delay } }, sender);
        await pause(delay);
        if (over(conversation)) return;
      }
      world.sendOutbound(conversation, message, sender);
    });
    queues.set(conversation.id, next.catch(() => undefined));
  };

  const enter = (conversation: Conversation, flow: BotFlow, stepId: string): void => {
    const step = findStep(flow, stepId);
    if (!step) return;
    position.set(conversation.id, step.id);
    const sender: OutboundSender = { originatingEntity: 'Bot', from: { nickname: flow.nickname } };
    const message = stepMessage(step);
    if (message) say(conversation, sender, message);
    if (step.handOver) {
      say(conversation, sender, { text: flow.handOverText ?? DEFAULT_HAND_OVER_TEXT });
      const target = step.handOver;
      const done = (queues.get(conversation.id) ?? Promise.resolve()).then(() => {
        if (!stopped && conversation.state === 'bot') world.handOver(conversation, target);
      });
      queues.set(conversation.id, done);
      position.delete(conversation.id);
    }
  };

  /** The deployment's bot (Web Messaging) or the integration's bot (Open Messaging, world file `botId`). */
  const flowOf = (conversation: Conversation): BotFlow | undefined => world.botFor(conversation);

  const onGuestMessage = (conversation: Conversation, message: StructuredMessageBody): void => {
    if (stopped || conversation.state !== 'bot') return;
    const flow = flowOf(conversation);
    if (!flow) return;
    const current = position.get(conversation.id);
    if (message.type === 'Event') {
      const deployment = conversation.deploymentId ? world.deployments.get(conversation.deploymentId) : undefined;
      const autoStart = deployment?.messenger?.apps?.conversations?.autoStart?.enabled === true;
      if (isJoin(message) && autoStart && current === undefined && conversation.messages.length === 0) enter(conversation, flow, flow.start);
      return;
    }
    if (current === undefined) {
      enter(conversation, flow, flow.start);
      return;
    }
    const step = findStep(flow, current);
    if (step) enter(conversation, flow, nextStep(step, guestAnswer(message)));
  };

  world.on('guest-message', onGuestMessage);
  return () => {
    stopped = true;
    world.off('guest-message', onGuestMessage);
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
}
