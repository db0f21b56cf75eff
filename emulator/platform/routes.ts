import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { QUEUE_OBSERVATIONS_PATH } from '@genesys-chat/protocol/open-messaging.js';
import type { EmulatorContext } from '../context.js';
import type { WorldQueue } from '../world-file.js';
import { platformError, sendPlatformError } from '../http-errors.js';
import { platformGuard } from './guard.js';
import { EWT_MEDIA_TYPES, predictWait } from './estimates.js';
import { observe, parseObservationQuery } from './observations.js';
import { routingStateFor } from './routing-state.js';
import { messageRoutes } from './messages.js';
import { parseSchedule, parseScheduleGroup, scheduleGroupView, scheduleView } from './schedules.js';

const QUEUES = '/api/v2/routing/queues';
const SCHEDULE_GROUPS = '/api/v2/architect/schedulegroups';
const SCHEDULES = '/api/v2/architect/schedules';

/** Every queue is in the org's home division (the world file has no divisions). */
const HOME_DIVISION = { id: 'home-division', name: 'Home', selfUri: '/api/v2/authorization/divisions/home-division' };

/** Service levels and alerting timeouts of every queue (typical values: 80 % in 20 s; UNCONFIRMED as Genesys' defaults). */
const QUEUE_MEDIA_SETTINGS = {
  call: { alertingTimeoutSeconds: 8, serviceLevel: { percentage: 0.8, durationMs: 20_000 } },
  chat: { alertingTimeoutSeconds: 30, serviceLevel: { percentage: 0.8, durationMs: 20_000 } },
  message: { alertingTimeoutSeconds: 30, serviceLevel: { percentage: 0.8, durationMs: 20_000 } },
  email: { alertingTimeoutSeconds: 300, serviceLevel: { percentage: 0.8, durationMs: 86_400_000 } },
};

function badRequest(reply: FastifyReply, problems: string[]): FastifyReply {
  const body = platformError(400, 'bad.request', problems.join('; '));
  body.errors = problems.map((message) => ({ code: 'bad.request', message }));
  return reply.code(400).type('application/json').send(body);
}

/** `name` filter with optional leading/trailing `*` wildcards, case-insensitive. */
export function nameMatches(name: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  const n = name.toLowerCase();
  const starts = p.endsWith('*');
  const ends = p.startsWith('*');
  const core = p.replace(/^\*+|\*+$/g, '');
  if (starts && ends) return n.includes(core);
  if (starts) return n.startsWith(core);
  if (ends) return n.endsWith(core);
  return n === core;
}

function paging(query: { pageSize?: string; pageNumber?: string }): { pageSize: number; pageNumber: number } | null {
  const pageSize = query.pageSize === undefined ? 25 : Number(query.pageSize);
  const pageNumber = query.pageNumber === undefined ? 1 : Number(query.pageNumber);
  if (!Number.isInteger(pageSize) || pageSize < 1 || !Number.isInteger(pageNumber) || pageNumber < 1) return null;
  return { pageSize, pageNumber };
}

/** A Platform entity listing with its paging URIs (`firstUri`, `selfUri`, `lastUri`, `nextUri`, `previousUri`). */
function listing<T>(all: T[], page: { pageSize: number; pageNumber: number }, path: string, extra: [string, string][] = []) {
  const { pageSize, pageNumber } = page;
  const pageCount = Math.max(1, Math.ceil(all.length / pageSize));
  const uri = (n: number) => `${path}?${[['pageSize', String(pageSize)], ['pageNumber', String(n)], ...extra]
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
  const out: {
    entities: T[]; pageSize: number; pageNumber: number; total: number; pageCount: number;
    firstUri: string; selfUri: string; lastUri: string; nextUri?: string; previousUri?: string;
  } = {
    entities: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    pageSize, pageNumber, total: all.length, pageCount,
    firstUri: uri(1), selfUri: uri(pageNumber), lastUri: uri(pageCount),
  };
  if (pageNumber < pageCount) out.nextUri = uri(pageNumber + 1);
  if (pageNumber > 1) out.previousUri = uri(pageNumber - 1);
  return out;
}

/** `sortOrder` of a listing sorted by name: asc (default) or desc, case-insensitive; null when neither. */
function sortOrder(value: string | undefined): 'asc' | 'desc' | null {
  if (value === undefined) return 'asc';
  const v = value.toLowerCase();
  return v === 'asc' || v === 'desc' ? v : null;
}

function byName<T extends { name: string }>(items: T[], order: 'asc' | 'desc'): T[] {
  const sorted = [...items].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.name.localeCompare(b.name));
  return order === 'desc' ? sorted.reverse() : sorted;
}

/** A repeatable query parameter (`?id=a&id=b`) as a list. */
function many(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).filter((v) => v.length > 0);
}

type PageQuery = { name?: string; pageSize?: string; pageNumber?: string; sortOrder?: string };
type QueueQuery = PageQuery & { id?: string | string[] };

/**
 * Platform API for availability (platform-api.md §4): queues, estimated wait time, queue observations, schedule
 * groups and schedules, bearer token required. Control routes under `/emulator/platform` set agents on or off
 * queue and create or replace schedule groups and schedules.
 */
export const platformRoutes: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const routing = routingStateFor(ctx);
  const guard = platformGuard(ctx);
  await app.register(messageRoutes, { ctx });
  // When this emulator's queues came to be (Genesys' `dateCreated`); the world file has no dates.
  const created = new Date().toISOString();
  const queueView = (q: WorldQueue) => {
    const members = routing.members(q).length;
    return {
      id: q.id, name: q.name, division: HOME_DIVISION, dateCreated: created, dateModified: created,
      memberCount: members, userMemberCount: members, joinedMemberCount: members,
      mediaSettings: QUEUE_MEDIA_SETTINGS, selfUri: `${QUEUES}/${encodeURIComponent(q.id)}`,
    };
  };
  const queueOr404 = (id: string, reply: FastifyReply): WorldQueue | null => {
    const queue = ctx.world.queues.get(id);
    if (!queue) void sendPlatformError(reply, 404, 'not.found', `queue ${id} not found`);
    return queue ?? null;
  };

  app.get<{ Querystring: QueueQuery }>(QUEUES, { onRequest: guard }, async (request, reply) => {
    const page = paging(request.query);
    if (!page) return badRequest(reply, ['pageSize and pageNumber must be positive integers']);
    const order = sortOrder(request.query.sortOrder);
    if (!order) return badRequest(reply, ['sortOrder must be asc or desc']);
    const { name } = request.query;
    const ids = many(request.query.id);
    const queues = [...ctx.world.queues.values()]
      .filter((q) => name === undefined || nameMatches(q.name, name))
      .filter((q) => ids.length === 0 || ids.includes(q.id));
    const extra: [string, string][] = [];
    if (request.query.sortOrder !== undefined) extra.push(['sortOrder', order]);
    if (name !== undefined) extra.push(['name', name]);
    for (const id of ids) extra.push(['id', id]);
    return listing(byName(queues, order).map(queueView), page, QUEUES, extra);
  });

  app.get<{ Params: { queueId: string } }>(`${QUEUES}/:queueId`, { onRequest: guard }, async (request, reply) => {
    const queue = queueOr404(request.params.queueId, reply);
    return queue ? queueView(queue) : reply;
  });

  app.get<{ Params: { queueId: string }; Querystring: { conversationId?: string } }>(
    `${QUEUES}/:queueId/estimatedwaittime`, { onRequest: guard }, async (request, reply) => {
      const queue = queueOr404(request.params.queueId, reply);
      if (!queue) return reply;
      const prediction = predictWait(routing, queue, 'all', request.query.conversationId);
      return 'error' in prediction ? badRequest(reply, [prediction.error]) : prediction;
    });

  app.get<{ Params: { queueId: string; mediaType: string } }>(
    `${QUEUES}/:queueId/mediatypes/:mediaType/estimatedwaittime`, { onRequest: guard }, async (request, reply) => {
      const queue = queueOr404(request.params.queueId, reply);
      if (!queue) return reply;
      const { mediaType } = request.params;
      if (!(mediaType in EWT_MEDIA_TYPES)) return badRequest(reply, [`mediaType must be one of ${Object.keys(EWT_MEDIA_TYPES).join(', ')}`]);
      const prediction = predictWait(routing, queue, mediaType);
      return 'error' in prediction ? badRequest(reply, [prediction.error]) : prediction;
    });

  app.post(QUEUE_OBSERVATIONS_PATH, { onRequest: guard }, async (request, reply) => {
    const parsed = parseObservationQuery(request.body);
    if ('problems' in parsed) return badRequest(reply, parsed.problems);
    const unknown = parsed.query.queueIds.filter((id) => !ctx.world.queues.has(id));
    if (unknown.length > 0) return badRequest(reply, [`unknown queueId(s): ${unknown.join(', ')}`]);
    const queues = parsed.query.queueIds.map((id) => ctx.world.queues.get(id)).filter((q): q is WorldQueue => q !== undefined);
    return observe(routing, queues, parsed.query);
  });

  app.get<{ Querystring: PageQuery }>(SCHEDULE_GROUPS, { onRequest: guard }, async (request, reply) => {
    const page = paging(request.query);
    const order = sortOrder(request.query.sortOrder);
    if (!page || !order) return badRequest(reply, ['pageSize and pageNumber must be positive integers; sortOrder asc or desc']);
    const { name } = request.query;
    const groups = [...routing.scheduleGroups.values()].filter((g) => name === undefined || nameMatches(g.name, name));
    return listing(byName(groups, order).map(scheduleGroupView), page, SCHEDULE_GROUPS, name === undefined ? [] : [['name', name]]);
  });

  app.get<{ Querystring: PageQuery }>(SCHEDULES, { onRequest: guard }, async (request, reply) => {
    const page = paging(request.query);
    const order = sortOrder(request.query.sortOrder);
    if (!page || !order) return badRequest(reply, ['pageSize and pageNumber must be positive integers; sortOrder asc or desc']);
    const { name } = request.query;
    const schedules = [...routing.schedules.values()].filter((g) => name === undefined || nameMatches(g.name, name));
    return listing(byName(schedules, order).map(scheduleView), page, SCHEDULES, name === undefined ? [] : [['name', name]]);
  });

  app.get<{ Params: { id: string } }>(`${SCHEDULE_GROUPS}/:id`, { onRequest: guard }, async (request, reply) => {
    const group = routing.scheduleGroups.get(request.params.id);
    return group ? scheduleGroupView(group) : sendPlatformError(reply, 404, 'not.found', `schedule group ${request.params.id} not found`);
  });

  app.get<{ Params: { id: string } }>(`${SCHEDULES}/:id`, { onRequest: guard }, async (request, reply) => {
    const schedule = routing.schedules.get(request.params.id);
    return schedule ? scheduleView(schedule) : sendPlatformError(reply, 404, 'not.found', `schedule ${request.params.id} not found`);
  });

  // ---- control API (not a Genesys surface; no token) ----

  const controlView = () => ({
    agents: [...ctx.world.agents.values()].map((a) => ({
      id: a.id, name: a.name, queueIds: a.queueIds ?? [], onQueue: routing.isOnQueue(a.id), routingStatus: routing.status(a),
    })),
    scheduleGroups: [...routing.scheduleGroups.values()],
    schedules: [...routing.schedules.values()],
    averageHandleSeconds: routing.averageHandleSeconds,
  });

  app.get('/emulator/platform', async () => controlView());

  app.put<{ Params: { agentId: string } }>('/emulator/platform/agents/:agentId/routing', async (request, reply) => {
    if (!ctx.world.agents.has(request.params.agentId)) return sendPlatformError(reply, 404, 'not.found', `agent ${request.params.agentId} not found`);
    const body = request.body as Record<string, unknown> | null;
    if (typeof body?.onQueue !== 'boolean') return badRequest(reply, ['body must be {"onQueue": true|false}']);
    routing.setOnQueue(request.params.agentId, body.onQueue);
    return controlView().agents.find((a) => a.id === request.params.agentId);
  });

  app.put<{ Params: { id: string } }>('/emulator/platform/schedulegroups/:id', async (request, reply) => {
    const parsed = parseScheduleGroup(request.params.id, request.body);
    if ('problems' in parsed) return badRequest(reply, parsed.problems);
    routing.scheduleGroups.set(parsed.group.id, parsed.group);
    return scheduleGroupView(parsed.group);
  });

  app.delete<{ Params: { id: string } }>('/emulator/platform/schedulegroups/:id', async (request, reply) => {
    if (!routing.scheduleGroups.delete(request.params.id)) return sendPlatformError(reply, 404, 'not.found', `schedule group ${request.params.id} not found`);
    return reply.code(204).send();
  });

  app.put<{ Params: { id: string } }>('/emulator/platform/schedules/:id', async (request, reply) => {
    const parsed = parseSchedule(request.params.id, request.body);
    if ('problems' in parsed) return badRequest(reply, parsed.problems);
    routing.schedules.set(parsed.schedule.id, parsed.schedule);
    return scheduleView(parsed.schedule);
  });

  app.delete<{ Params: { id: string } }>('/emulator/platform/schedules/:id', async (request, reply) => {
    if (!routing.schedules.delete(request.params.id)) return sendPlatformError(reply, 404, 'not.found', `schedule ${request.params.id} not found`);
    return reply.code(204).send();
  });

  app.put('/emulator/platform/settings', async (request, reply) => {
    const body = request.body as Record<string, unknown> | null;
    const aht = body?.averageHandleSeconds;
    if (typeof aht !== 'number' || !Number.isInteger(aht) || aht < 1) return badRequest(reply, ['averageHandleSeconds must be a positive integer']);
    routing.averageHandleSeconds = aht;
    return { averageHandleSeconds: aht };
  });
};
