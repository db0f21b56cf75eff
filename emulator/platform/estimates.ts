import type { EstimatedWaitTimePredictions } from '@genesys-chat/protocol/open-messaging.js';
import type { WorldQueue } from '../world-file.js';
import type { RoutingState } from './routing-state.js';

/** `mediaType` path values of the EWT endpoint (platform-api.md §4.1) and their `intent`. */
export const EWT_MEDIA_TYPES: Record<string, string> = {
  all: 'ALL', call: 'CALL', chat: 'CHAT', callback: 'CALLBACK', email: 'EMAIL', videoComm: 'VIDEOCOMM', message: 'MESSAGE',
};

/** Media types whose waiting conversations the World holds (all of its conversations are messaging). */
const COUNTED_MEDIA = new Set(['all', 'message']);

/**
 * Wait estimate for someone behind `ahead` waiting conversations: zero while an idle on-queue agent is free for them,
 * else one average handle time per "round" of on-queue agents. Without agents on queue there is no estimate.
 */
export function estimateSeconds(ahead: number, onQueue: number, idle: number, averageHandleSeconds: number): number | undefined {
  if (onQueue === 0) return undefined;
  if (ahead < idle) return 0;
  return Math.ceil((ahead - idle + 1) / onQueue) * averageHandleSeconds;
}

/**
 * `EstimatedWaitTimePredictions` for a queue and media type; with `conversationId`, for that waiting conversation.
 * Returns an error message when the conversation is not waiting in the queue.
 */
export function predictWait(
  routing: RoutingState,
  queue: WorldQueue,
  mediaType: string,
  conversationId?: string,
): EstimatedWaitTimePredictions | { error: string } {
  const members = routing.members(queue);
  const statuses = members.map((m) => routing.status(m));
  const onQueue = statuses.filter((s) => s !== 'OFF_QUEUE').length;
  const idle = statuses.filter((s) => s === 'IDLE').length;
  const waiting = COUNTED_MEDIA.has(mediaType) ? routing.waiting(queue) : [];
  let ahead = waiting.length;
  if (conversationId !== undefined) {
    const position = waiting.findIndex((c) => c.id === conversationId);
    if (position < 0) return { error: `conversation ${conversationId} is not waiting in queue ${queue.id}` };
    ahead = position;
  }
  const seconds = estimateSeconds(ahead, onQueue, idle, routing.averageHandleSeconds);
  // No agent on queue, no estimate: an empty `results` rather than a result without `estimatedWaitTimeSeconds`, which
  // the SDK's PredictionResults declares required (our choice; Genesys' answer here is UNCONFIRMED).
  if (seconds === undefined) return { results: [] };
  return { results: [{ intent: EWT_MEDIA_TYPES[mediaType] ?? 'ALL', formula: 'BEST', estimatedWaitTimeSeconds: seconds }] };
}
