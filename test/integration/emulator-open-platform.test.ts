import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  api, control, getToken, inboundMessage, inboundPath, startTestEmulator, type Emulator,
} from '../../emulator/open-messaging/testing.js';

const OBSERVATIONS = '/api/v2/analytics/queues/observations/query';

interface Prediction { results: { intent?: string; formula?: string; estimatedWaitTimeSeconds?: number }[] }
interface Observation { results: { group: { queueId?: string; mediaType?: string }; data?: { metric: string; qualifier?: string; stats: { count?: number } }[] }[] }

const queueFilter = (...queueIds: string[]) => ({
  type: 'or',
  predicates: queueIds.map((value) => ({ type: 'dimension', dimension: 'queueId', operator: 'matches', value })),
});

describe('emulator Platform API (availability)', () => {
  let emu: Emulator;
  let token: string;
  let customerSeq = 0;

  beforeAll(async () => {
    emu = await startTestEmulator();
    token = await getToken(emu.url);
  });
  afterAll(async () => {
    await emu.close();
  });
  afterEach(async () => {
    await control(emu.url, 'PUT', '/emulator/platform/agents/agent-alex/routing', { onQueue: true });
    await control(emu.url, 'PUT', '/emulator/platform/agents/agent-sam/routing', { onQueue: true });
    await control(emu.url, 'DELETE', '/emulator/faults');
  });

  async function json<T>(response: Response): Promise<T> {
    return (await response.json()) as T;
  }

  /** A guest waiting in the Billing queue (skill Billing). */
  async function waitingInBilling(): Promise<string> {
    const response = await api(emu.url, token, 'POST', `${inboundPath('message')}?prefetchConversationId=true`,
      inboundMessage(`platform-visitor-${++customerSeq}`, 'hi', { metadata: { skill: 'Billing' } }));
    return (await json<{ conversationId: string }>(response)).conversationId;
  }

  async function observe(body: unknown): Promise<Response> {
    return api(emu.url, token, 'POST', OBSERVATIONS, body);
  }

  describe('estimated wait time', () => {
    it('answers EstimatedWaitTimePredictions for a queue and for a media type', async () => {
      const all = await json<Prediction>(await api(emu.url, token, 'GET', '/api/v2/routing/queues/queue-general/estimatedwaittime'));
      expect(all.results).toHaveLength(1);
      expect(all.results[0]).toMatchObject({ formula: 'BEST', estimatedWaitTimeSeconds: expect.any(Number) });
      const message = await json<Prediction>(await api(emu.url, token, 'GET', '/api/v2/routing/queues/queue-general/mediatypes/message/estimatedwaittime'));
      expect(message.results[0]).toMatchObject({ intent: 'MESSAGE', formula: 'BEST' });
    });

    it('grows with the waiting conversations once agents are busy, and has no estimate without agents on queue', async () => {
      const path = '/api/v2/routing/queues/queue-billing/mediatypes/message/estimatedwaittime';
      const seconds = async () => (await json<Prediction>(await api(emu.url, token, 'GET', path))).results[0]?.estimatedWaitTimeSeconds;
      await control(emu.url, 'PUT', '/emulator/platform/agents/agent-sam/routing', { onQueue: false });
      const busy = await waitingInBilling();
      await control(emu.url, 'POST', `/emulator/conversations/${busy}/agent/take`, { agentId: 'agent-alex' });
      const before = await seconds();
      await waitingInBilling();
      const after = await seconds();
      expect(before).toBeGreaterThan(0);
      expect(after).toBeGreaterThan(before ?? 0);
      await control(emu.url, 'PUT', '/emulator/platform/agents/agent-alex/routing', { onQueue: false });
      const none = await json<Prediction>(await api(emu.url, token, 'GET', path));
      expect(none.results[0]?.estimatedWaitTimeSeconds).toBeUndefined();
    });

    it('answers 400 for an unknown media type and 404 for an unknown queue', async () => {
      expect((await api(emu.url, token, 'GET', '/api/v2/routing/queues/queue-general/mediatypes/fax/estimatedwaittime')).status).toBe(400);
      const missing = await api(emu.url, token, 'GET', '/api/v2/routing/queues/no-such-queue/estimatedwaittime');
      expect(missing.status).toBe(404);
      expect(await json(missing)).toMatchObject({ status: 404, code: 'not.found' });
    });
  });

  describe('queue observations', () => {
    it('reports oOnQueueUsers per qualifier and oWaiting per media type group', async () => {
      await waitingInBilling();
      await control(emu.url, 'PUT', '/emulator/platform/agents/agent-sam/routing', { onQueue: false });
      const body = await json<Observation>(await observe({ filter: queueFilter('queue-billing'), metrics: ['oOnQueueUsers', 'oWaiting'] }));
      const users = body.results.find((r) => r.group.queueId === 'queue-billing' && r.group.mediaType === undefined);
      const onQueue = (users?.data ?? []).filter((d) => d.metric === 'oOnQueueUsers');
      expect(onQueue.every((d) => typeof d.qualifier === 'string')).toBe(true);
      expect(onQueue.reduce((sum, d) => sum + (d.stats.count ?? 0), 0)).toBe(1);
      const message = body.results.find((r) => r.group.mediaType === 'message');
      const waiting = emu.ctx.world.conversations().filter((c) => c.state === 'waiting' && c.queueId === 'queue-billing').length;
      expect(waiting).toBeGreaterThan(0);
      expect(message?.data).toContainEqual(expect.objectContaining({ metric: 'oWaiting', stats: { count: waiting } }));
      const voice = body.results.find((r) => r.group.mediaType === 'voice');
      expect(voice?.data).toContainEqual(expect.objectContaining({ metric: 'oWaiting', stats: { count: 0 } }));
    });

    it('limits interaction groups to the mediaType predicates', async () => {
      const filter = { type: 'and', clauses: [queueFilter('queue-general'), { type: 'or', predicates: [{ type: 'dimension', dimension: 'mediaType', value: 'message' }] }] };
      const body = await json<Observation>(await observe({ filter, metrics: ['oWaiting'] }));
      expect(body.results.map((r) => r.group)).toEqual([{ queueId: 'queue-general', mediaType: 'message' }]);
    });

    it('validates filter and metrics', async () => {
      const bad = [
        { metrics: ['oWaiting'] },
        { filter: queueFilter('queue-general') },
        { filter: queueFilter('queue-general'), metrics: ['oBogus'] },
        { filter: { type: 'or', predicates: [{ type: 'dimension', dimension: 'mediaType', value: 'message' }] }, metrics: ['oWaiting'] },
        { filter: { type: 'xor', predicates: [] }, metrics: ['oWaiting'] },
        { filter: queueFilter('no-such-queue'), metrics: ['oWaiting'] },
      ];
      for (const body of bad) {
        const response = await observe(body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(await json(response)).toMatchObject({ status: 400, code: 'bad.request' });
      }
    });
  });

  describe('queues and schedules', () => {
    it('finds queues by name, with wildcards', async () => {
      const exact = await json<{ entities: { id: string }[] }>(await api(emu.url, token, 'GET', '/api/v2/routing/queues?name=Billing'));
      expect(exact.entities.map((q) => q.id)).toEqual(['queue-billing']);
      const wildcard = await json<{ entities: { id: string }[] }>(await api(emu.url, token, 'GET', '/api/v2/routing/queues?name=General*'));
      expect(wildcard.entities.map((q) => q.id)).toEqual(['queue-general']);
    });

    it('serves the default schedule group and its schedule', async () => {
      const group = await json<{ id: string; timeZone: string; openSchedules: { id: string }[] }>(
        await api(emu.url, token, 'GET', '/api/v2/architect/schedulegroups/demo-hours'));
      expect(group).toMatchObject({ id: 'demo-hours', timeZone: 'UTC', state: 'active' });
      const scheduleId = group.openSchedules[0]?.id ?? '';
      const schedule = await json<{ start: string; rrule: string }>(await api(emu.url, token, 'GET', `/api/v2/architect/schedules/${scheduleId}`));
      expect(schedule.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);
      expect(schedule.rrule).toContain('FREQ=');
    });

    it('creates schedule groups and schedules through the control API and rejects bad ones', async () => {
      const schedule = await control(emu.url, 'PUT', '/emulator/platform/schedules/weekdays', {
        name: 'Weekdays', start: '2024-01-01T09:00:00.000', end: '2024-01-01T17:00:00.000', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      });
      expect(schedule.status).toBe(200);
      const group = await control(emu.url, 'PUT', '/emulator/platform/schedulegroups/office', {
        name: 'Office hours', timeZone: 'Europe/Berlin', openSchedules: [{ id: 'weekdays' }], closedSchedules: [], holidaySchedules: [],
      });
      expect(group.status).toBe(200);
      const fetched = await json<{ timeZone: string; openSchedules: { id: string; selfUri: string }[] }>(
        await api(emu.url, token, 'GET', '/api/v2/architect/schedulegroups/office'));
      expect(fetched.timeZone).toBe('Europe/Berlin');
      expect(fetched.openSchedules[0]).toMatchObject({ id: 'weekdays', selfUri: '/api/v2/architect/schedules/weekdays' });
      expect((await control(emu.url, 'PUT', '/emulator/platform/schedulegroups/bad', { name: 'x', timeZone: 'Mars/Olympus' })).status).toBe(400);
      expect((await control(emu.url, 'PUT', '/emulator/platform/schedules/bad', { name: 'x', start: '2024-01-01T09:00:00Z', end: '2024-01-01T10:00:00.000' })).status).toBe(400);
      expect((await api(emu.url, token, 'GET', '/api/v2/architect/schedulegroups/no-such-group')).status).toBe(404);
    });

    it('needs a token and honours injected faults', async () => {
      expect((await api(emu.url, null, 'GET', '/api/v2/architect/schedulegroups/demo-hours')).status).toBe(401);
      await control(emu.url, 'POST', '/emulator/faults', { platform: { status: 500, count: 1, path: 'estimatedwaittime' } });
      expect((await api(emu.url, token, 'GET', '/api/v2/routing/queues/queue-general/estimatedwaittime')).status).toBe(500);
      expect((await api(emu.url, token, 'GET', '/api/v2/routing/queues/queue-general/estimatedwaittime')).status).toBe(200);
    });
  });
});
