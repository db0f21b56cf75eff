import type { Schedule, ScheduleGroup } from '@genesys-chat/protocol/open-messaging.js';
import { perEmulator, type EmulatorContext } from '../context.js';
import type { WorldAgent, WorldQueue } from '../world-file.js';

/** Default average handle time behind the emulator's wait estimates (seconds). */
export const DEFAULT_AVERAGE_HANDLE_SECONDS = 180;

/** Routing status of one queue member, as observations report it. */
export type MemberStatus = 'IDLE' | 'INTERACTING' | 'OFF_QUEUE';

/**
 * What the Platform surface adds to the World: agents on or off queue (all on queue at start), schedule groups and
 * schedules (seeded from the world file, replaceable through the control API), and the average handle time.
 */
export class RoutingState {
  private readonly offQueue = new Set<string>();
  readonly scheduleGroups = new Map<string, ScheduleGroup>();
  readonly schedules = new Map<string, Schedule>();
  averageHandleSeconds = DEFAULT_AVERAGE_HANDLE_SECONDS;

  constructor(private readonly ctx: EmulatorContext) {
    for (const group of ctx.world.file.scheduleGroups ?? []) this.scheduleGroups.set(group.id, structuredClone(group));
    for (const schedule of ctx.world.file.schedules ?? []) this.schedules.set(schedule.id, structuredClone(schedule));
  }

  setOnQueue(agentId: string, onQueue: boolean): void {
    if (onQueue) this.offQueue.delete(agentId);
    else this.offQueue.add(agentId);
  }

  isOnQueue(agentId: string): boolean {
    return !this.offQueue.has(agentId);
  }

  /** Agents whose `queueIds` include the queue. */
  members(queue: WorldQueue): WorldAgent[] {
    return [...this.ctx.world.agents.values()].filter((a) => a.queueIds?.includes(queue.id));
  }

  /** IDLE, INTERACTING (has an active conversation) or OFF_QUEUE. */
  status(agent: WorldAgent): MemberStatus {
    if (!this.isOnQueue(agent.id)) return 'OFF_QUEUE';
    const busy = this.ctx.world.conversations().some((c) => c.state === 'active' && c.agentId === agent.id);
    return busy ? 'INTERACTING' : 'IDLE';
  }

  /** Waiting conversations of a queue, oldest first (every World conversation is media type `message`). */
  waiting(queue: WorldQueue): { id: string; createdAt: string }[] {
    return this.ctx.world.conversations()
      .filter((c) => c.state === 'waiting' && c.queueId === queue.id)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Conversations of a queue an agent is handling. */
  interacting(queue: WorldQueue): number {
    return this.ctx.world.conversations().filter((c) => c.state === 'active' && c.queueId === queue.id).length;
  }
}

/** The routing state of one emulator instance. */
export const routingStateFor = perEmulator((ctx): RoutingState => new RoutingState(ctx));
