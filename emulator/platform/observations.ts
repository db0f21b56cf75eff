import type {
  QueueObservationMetric, QueueObservationQuery, QueueObservationResponse,
} from '@genesys-chat/protocol/open-messaging.js';
import type { WorldQueue } from '../world-file.js';
import type { RoutingState } from './routing-state.js';

const USER_METRICS: QueueObservationMetric[] = ['oActiveUsers', 'oMemberUsers', 'oOffQueueUsers', 'oOnQueueUsers', 'oUserPresences', 'oUserRoutingStatuses'];
const INTERACTION_METRICS: QueueObservationMetric[] = ['oAlerting', 'oInteracting', 'oWaiting'];
const ALL_METRICS = [...USER_METRICS, ...INTERACTION_METRICS];
/** Media-type groups of interaction metrics (World conversations are all `message`). */
export const OBSERVATION_MEDIA_TYPES = ['voice', 'chat', 'email', 'callback', 'message'];
const DIMENSIONS = ['queueId', 'mediaType'];

type Filter = QueueObservationQuery['filter'];
type Datum = NonNullable<QueueObservationResponse['results'][number]['data']>[number];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkFilter(filter: unknown, path: string, problems: string[], found: { queueIds: string[]; mediaTypes: string[] }): void {
  if (!isRecord(filter)) {
    problems.push(`${path} is required`);
    return;
  }
  if (filter.type !== 'and' && filter.type !== 'or') problems.push(`${path}.type must be "and" or "or"`);
  const predicates = filter.predicates ?? [];
  const clauses = filter.clauses ?? [];
  if (!Array.isArray(predicates)) problems.push(`${path}.predicates must be an array`);
  if (!Array.isArray(clauses)) problems.push(`${path}.clauses must be an array`);
  if (Array.isArray(predicates) && Array.isArray(clauses) && predicates.length === 0 && clauses.length === 0) {
    problems.push(`${path} needs predicates or clauses`);
  }
  if (Array.isArray(predicates)) {
    predicates.forEach((p, i) => {
      const at = `${path}.predicates[${i}]`;
      if (!isRecord(p)) return void problems.push(`${at} must be an object`);
      const type = p.type ?? 'dimension';
      if (type !== 'dimension') return void problems.push(`${at}.type "${String(type)}" is not supported by the emulator (use dimension)`);
      if (typeof p.dimension !== 'string' || !DIMENSIONS.includes(p.dimension)) return void problems.push(`${at}.dimension must be one of ${DIMENSIONS.join(', ')}`);
      const operator = p.operator ?? 'matches';
      if (operator !== 'matches') return void problems.push(`${at}.operator must be "matches"`);
      if (typeof p.value !== 'string' || p.value.length === 0) return void problems.push(`${at}.value is required`);
      if (p.dimension === 'queueId') found.queueIds.push(p.value);
      else found.mediaTypes.push(p.value);
    });
  }
  if (Array.isArray(clauses)) clauses.forEach((c, i) => checkFilter(c, `${path}.clauses[${i}]`, problems, found));
}

function checkMetrics(value: unknown, field: string, required: boolean, problems: string[]): QueueObservationMetric[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || (required && value.length === 0)) {
    problems.push(`${field} must be a non-empty array`);
    return [];
  }
  const bad = value.filter((m) => typeof m !== 'string' || !ALL_METRICS.includes(m as QueueObservationMetric));
  if (bad.length > 0) problems.push(`${field}: unknown metric(s) ${bad.map(String).join(', ')} (known: ${ALL_METRICS.join(', ')})`);
  return value.filter((m): m is QueueObservationMetric => ALL_METRICS.includes(m as QueueObservationMetric));
}

/** A parsed query: queues (from `queueId` predicates), media types (from `mediaType` predicates), metrics. */
export interface ParsedObservationQuery {
  queueIds: string[];
  mediaTypes: string[];
  metrics: QueueObservationMetric[];
}

/** Validates a `QueueObservationQuery` body (filter and metrics required; only dimension predicates). */
export function parseObservationQuery(body: unknown): { query: ParsedObservationQuery } | { problems: string[] } {
  if (!isRecord(body)) return { problems: ['body must be a JSON object'] };
  const problems: string[] = [];
  const found = { queueIds: [] as string[], mediaTypes: [] as string[] };
  checkFilter(body.filter as Filter | undefined, 'filter', problems, found);
  const metrics = checkMetrics(body.metrics, 'metrics', true, problems);
  const detail = checkMetrics(body.detailMetrics, 'detailMetrics', false, problems);
  if (problems.length === 0 && found.queueIds.length === 0) problems.push('filter must include at least one queueId predicate');
  if (problems.length > 0) return { problems };
  return { query: { queueIds: [...new Set(found.queueIds)], mediaTypes: [...new Set(found.mediaTypes)], metrics: [...new Set([...metrics, ...detail])] } };
}

function datum(metric: QueueObservationMetric, count: number, qualifier?: string): Datum {
  const d: Datum = { metric, stats: { count }, truncated: false };
  if (qualifier !== undefined) d.qualifier = qualifier;
  return d;
}

/**
 * Observations now: user metrics in one group per queue (`oOnQueueUsers` per qualifier IDLE/INTERACTING,
 * `oUserRoutingStatuses` per IDLE/INTERACTING/OFF_QUEUE, `oUserPresences` per ON_QUEUE/AVAILABLE), interaction
 * metrics in one group per queue and media type (`oWaiting`, `oInteracting`, `oAlerting`).
 */
export function observe(routing: RoutingState, queues: WorldQueue[], query: ParsedObservationQuery): QueueObservationResponse {
  const results: QueueObservationResponse['results'] = [];
  const wants = (m: QueueObservationMetric) => query.metrics.includes(m);
  for (const queue of queues) {
    const statuses = routing.members(queue).map((m) => routing.status(m));
    const count = (s: string) => statuses.filter((x) => x === s).length;
    const userData: Datum[] = [];
    if (wants('oOnQueueUsers')) userData.push(datum('oOnQueueUsers', count('IDLE'), 'IDLE'), datum('oOnQueueUsers', count('INTERACTING'), 'INTERACTING'));
    if (wants('oOffQueueUsers')) userData.push(datum('oOffQueueUsers', count('OFF_QUEUE')));
    if (wants('oMemberUsers')) userData.push(datum('oMemberUsers', statuses.length));
    if (wants('oActiveUsers')) userData.push(datum('oActiveUsers', statuses.length - count('OFF_QUEUE')));
    if (wants('oUserRoutingStatuses')) {
      for (const s of ['IDLE', 'INTERACTING', 'OFF_QUEUE']) userData.push(datum('oUserRoutingStatuses', count(s), s));
    }
    if (wants('oUserPresences')) {
      userData.push(datum('oUserPresences', statuses.length - count('OFF_QUEUE'), 'ON_QUEUE'), datum('oUserPresences', count('OFF_QUEUE'), 'AVAILABLE'));
    }
    if (userData.length > 0) results.push({ group: { queueId: queue.id }, data: userData });
    const interactionMetrics = INTERACTION_METRICS.filter(wants);
    if (interactionMetrics.length === 0) continue;
    const mediaTypes = query.mediaTypes.length > 0 ? query.mediaTypes : OBSERVATION_MEDIA_TYPES;
    for (const mediaType of mediaTypes) {
      const isMessage = mediaType === 'message';
      const data = interactionMetrics.map((metric) => {
        if (!isMessage || metric === 'oAlerting') return datum(metric, 0);
        return datum(metric, metric === 'oWaiting' ? routing.waiting(queue).length : routing.interacting(queue));
      });
      results.push({ group: { queueId: queue.id, mediaType }, data });
    }
  }
  return { results };
}
