/**
 * `GET /api/availability`: open or closed, estimated wait and agents on queue (spec platform-api.md §4).
 *
 * Business hours: Genesys has no "evaluate now" endpoint, so we read the schedule group and its schedules and
 * evaluate their RRULEs in the group's time zone: holiday beats closed beats open (that order is UNCONFIRMED).
 * The result is cached briefly and computed single-flight, so page views never multiply Platform API calls.
 */
import rrule from 'rrule';
import type { ChatAvailability } from '@genesys-chat/protocol/model.js';
import {
  estimatedWaitTimePath, QUEUE_OBSERVATIONS_PATH, scheduleGroupPath, schedulePath,
  type EstimatedWaitTimePredictions, type QueueObservationQuery, type QueueObservationResponse, type Schedule,
  type ScheduleGroup,
} from '@genesys-chat/protocol/open-messaging.js';
import type { Log, PlatformClient } from './oauth.js';

const { RRule } = rrule;

export interface AvailabilityOptions {
  platform: PlatformClient;
  queueId?: string;
  scheduleGroupId?: string;
  /** How long one answer is reused. Default 30 s. */
  cacheMs?: number;
  /** How long the schedule group and schedules are reused (they rarely change). Default 5 min. */
  scheduleCacheMs?: number;
  /** The media type for the estimated wait (spec: `message` for messaging). */
  mediaType?: string;
  log?: Log;
  /** Called when a fresh answer differs from the previous one (pushed to open sockets). */
  onChange?: (availability: ChatAvailability) => void;
}

/** Wall-clock time in `timeZone`, expressed as a UTC Date (so it compares with zone-less schedule times). */
export function wallClock(now: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return new Date(Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'), now.getUTCMilliseconds()));
}

/** `yyyy-MM-ddTHH:mm:ss[.SSS]` (no zone) as a UTC Date of the same wall-clock reading; null if unreadable. */
export function parseLocalDateTime(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value.trim());
  if (!m) return null;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), +(m[7] ?? '0').padEnd(3, '0')));
}

/** Whether `schedule` covers the wall-clock instant `at` (each RRULE occurrence lasts end − start). */
export function scheduleCovers(schedule: Schedule, at: Date): boolean {
  if (schedule.state && schedule.state !== 'active') return false;
  const start = parseLocalDateTime(schedule.start);
  const end = parseLocalDateTime(schedule.end);
  if (!start || !end || end <= start) return false;
  if (!schedule.rrule) return start <= at && at < end;
  const duration = end.getTime() - start.getTime();
  const options = RRule.parseString(schedule.rrule.replace(/^RRULE:/i, ''));
  const rule = new RRule({ ...options, dtstart: start });
  const occurrence = rule.before(at, true);
  return occurrence !== null && at.getTime() < occurrence.getTime() + duration;
}

/** Evaluates a schedule group at `now`: holiday > closed > open; nothing matching means closed. */
export function evaluateScheduleGroup(group: ScheduleGroup, schedules: Map<string, Schedule>, now: Date): boolean {
  const at = wallClock(now, group.timeZone || 'UTC');
  const any = (refs: { id: string }[] | undefined) =>
    (refs ?? []).some((ref) => {
      const schedule = schedules.get(ref.id);
      return schedule ? scheduleCovers(schedule, at) : false;
    });
  if (any(group.holidaySchedules)) return false;
  if (any(group.closedSchedules)) return false;
  return any(group.openSchedules);
}

export class AvailabilityService {
  private cached: { value: ChatAvailability; until: number } | null = null;
  private inFlight: Promise<ChatAvailability> | null = null;
  private schedules: { group: ScheduleGroup; byId: Map<string, Schedule>; until: number } | null = null;
  private platformCalls = 0;

  constructor(private readonly options: AvailabilityOptions) {}

  /** Platform API calls made so far (for stats and tests). */
  get calls(): number {
    return this.platformCalls;
  }

  /** The last answer (even if its cache period is over), without calling Genesys. */
  peek(): ChatAvailability | undefined {
    return this.cached?.value;
  }

  /** The cached answer, or a fresh one (shared by every concurrent caller). */
  get(now = Date.now()): Promise<ChatAvailability> {
    if (this.cached && now < this.cached.until) return Promise.resolve(this.cached.value);
    if (!this.inFlight) {
      this.inFlight = this.compute().finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  private async compute(): Promise<ChatAvailability> {
    const cacheMs = this.options.cacheMs ?? 30_000;
    try {
      const [open, estimatedWaitSeconds, agentsOnQueue] = await Promise.all([
        this.isOpen(), this.estimatedWait(), this.agentsOnQueue(),
      ]);
      const value: ChatAvailability = {
        open,
        ...(estimatedWaitSeconds !== undefined ? { estimatedWaitSeconds } : {}),
        ...(agentsOnQueue !== undefined ? { agentsOnQueue } : {}),
      };
      const previous = this.cached?.value;
      this.cached = { value, until: Date.now() + cacheMs };
      if (previous && JSON.stringify(previous) !== JSON.stringify(value)) this.options.onChange?.(value);
      return value;
    } catch (error) {
      // Hours unknown: serve the last answer for a short while rather than hammering Genesys.
      this.options.log?.warn({ err: error instanceof Error ? error.message : String(error) }, 'availability unavailable');
      if (this.cached) {
        this.cached = { value: this.cached.value, until: Date.now() + Math.min(cacheMs, 5_000) };
        return this.cached.value;
      }
      throw error;
    }
  }

  private async fetch<T>(path: string, init?: Parameters<PlatformClient['platformFetch']>[1]): Promise<T> {
    this.platformCalls++;
    // Background lane: a guest's message never waits behind these lookups.
    return this.options.platform.platformFetch<T>(path, { retry: false, priority: 'background', ...init });
  }

  private async isOpen(): Promise<boolean> {
    const groupId = this.options.scheduleGroupId;
    if (!groupId) return true;
    if (!this.schedules || Date.now() >= this.schedules.until) {
      const group = await this.fetch<ScheduleGroup>(scheduleGroupPath(groupId));
      const refs = [...(group.openSchedules ?? []), ...(group.closedSchedules ?? []), ...(group.holidaySchedules ?? [])];
      const ids = [...new Set(refs.map((r) => r.id))];
      const list = await Promise.all(ids.map((id) => this.fetch<Schedule>(schedulePath(id))));
      this.schedules = {
        group, byId: new Map(list.map((s) => [s.id, s])), until: Date.now() + (this.options.scheduleCacheMs ?? 300_000),
      };
    }
    const { group, byId } = this.schedules;
    if (group.state && group.state !== 'active') return true;
    return evaluateScheduleGroup(group, byId, new Date());
  }

  private async estimatedWait(): Promise<number | undefined> {
    if (!this.options.queueId) return undefined;
    try {
      const body = await this.fetch<EstimatedWaitTimePredictions>(estimatedWaitTimePath(this.options.queueId, this.options.mediaType ?? 'message'));
      const results = Array.isArray(body?.results) ? body.results : [];
      const withValue = results.filter((r) => typeof r.estimatedWaitTimeSeconds === 'number' && r.estimatedWaitTimeSeconds >= 0);
      const best = withValue.find((r) => r.formula === 'BEST') ?? withValue[0];
      return best?.estimatedWaitTimeSeconds;
    } catch (error) {
      this.options.log?.debug({ err: String(error) }, 'estimated wait time unavailable');
      return undefined;
    }
  }

  private async agentsOnQueue(): Promise<number | undefined> {
    if (!this.options.queueId) return undefined;
    const query: QueueObservationQuery = {
      filter: { type: 'or', predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'matches', value: this.options.queueId }] },
      metrics: ['oOnQueueUsers'],
    };
    try {
      const body = await this.fetch<QueueObservationResponse>(QUEUE_OBSERVATIONS_PATH, { method: 'POST', body: query });
      let total = 0;
      let seen = false;
      // oOnQueueUsers comes per qualifier (routing status): sum them all (spec §4.2).
      for (const result of body?.results ?? []) {
        for (const point of result.data ?? []) {
          if (point.metric === 'oOnQueueUsers' && typeof point.stats?.count === 'number') {
            total += point.stats.count;
            seen = true;
          }
        }
      }
      return seen ? total : 0;
    } catch (error) {
      this.options.log?.debug({ err: String(error) }, 'queue observations unavailable');
      return undefined;
    }
  }
}
