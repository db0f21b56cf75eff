import { describe, expect, it } from 'vitest';
import type { ChatAvailability } from '../../src/model.js';
import { GuestClient, httpJson, stackPerTest } from './server-harness.js';

/** Counts the Platform API calls the server really makes (a spy on its fetch). */
function countingFetch(): { fetchImpl: typeof fetch; platformCalls: () => number } {
  let calls = 0;
  return {
    fetchImpl: async (input, init) => {
      if (/\/api\/v2\/(architect|routing|analytics)\//.test(String(input))) calls++;
      return fetch(input, init);
    },
    platformCalls: () => calls,
  };
}

/** Today's date in UTC as `yyyy-MM-dd`, and tomorrow's. */
function utcDay(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe('server: availability', () => {
  const start = stackPerTest();

  it('reports open, the estimated wait and the agents on queue from the emulator\'s default world', async () => {
    const stack = await start({}, { registerWebhook: false });
    const response = await httpJson<ChatAvailability>(stack.server.url, 'GET', '/api/availability');
    expect(response.status).toBe(200);
    expect(response.body.open).toBe(true);
    expect(typeof response.body.estimatedWaitSeconds).toBe('number');
    const platform = await httpJson<{ agents: { id: string; onQueue: boolean; queueIds: string[] }[] }>(stack.emulator.url, 'GET', '/emulator/platform');
    const onQueue = platform.body.agents.filter((a) => a.onQueue && a.queueIds.includes('queue-general')).length;
    expect(response.body.agentsOnQueue).toBe(onQueue);
  });

  it('100 concurrent page views cause one round of Platform calls, and none more while cached', async () => {
    const spy = countingFetch();
    const stack = await start({ fetchImpl: spy.fetchImpl, availabilityCacheMs: 60_000 }, { registerWebhook: false });
    const answers = await Promise.all(Array.from({ length: 100 }, () => httpJson<ChatAvailability>(stack.server.url, 'GET', '/api/availability')));
    expect(answers.every((a) => a.status === 200 && a.body.open === true)).toBe(true);
    const afterFirst = spy.platformCalls();
    // schedule group + its one schedule + estimated wait + queue observations
    expect(afterFirst).toBe(4);
    await Promise.all(Array.from({ length: 50 }, () => httpJson(stack.server.url, 'GET', '/api/availability')));
    expect(spy.platformCalls()).toBe(afterFirst);
  });

  it('is closed on a holiday (holiday beats open), evaluated in the group\'s time zone', async () => {
    const stack = await start({}, {
      registerWebhook: false,
      beforeServer: async (url) => {
        await httpJson(url, 'PUT', '/emulator/platform/schedules/always-open', {
          name: 'Always open', start: '2024-01-01T00:00:00.000', end: '2024-01-02T00:00:00.000', rrule: 'FREQ=DAILY;INTERVAL=1',
        });
        // A holiday spanning yesterday to tomorrow in UTC covers "now" in UTC.
        await httpJson(url, 'PUT', '/emulator/platform/schedules/holiday', {
          name: 'Holiday', start: `${utcDay(-1)}T00:00:00.000`, end: `${utcDay(2)}T00:00:00.000`,
        });
        const group = await httpJson(url, 'PUT', '/emulator/platform/schedulegroups/demo-hours', {
          name: 'Holiday hours', timeZone: 'UTC', openSchedules: [{ id: 'always-open' }], closedSchedules: [], holidaySchedules: [{ id: 'holiday' }],
        });
        expect(group.status).toBe(200);
      },
    });
    const response = await httpJson<ChatAvailability>(stack.server.url, 'GET', '/api/availability');
    expect(response.body.open).toBe(false);
  });

  it('pushes a change (an agent going off queue) to open guest sockets', async () => {
    const stack = await start({ availabilityCacheMs: 200 }, { registerWebhook: false });
    const guest = await GuestClient.connect(stack.server.url, {});
    const first = await guest.next('availability');
    expect(first.availability.agentsOnQueue).toBeGreaterThan(0);
    const platform = await httpJson<{ agents: { id: string; onQueue: boolean; queueIds: string[] }[] }>(stack.emulator.url, 'GET', '/emulator/platform');
    for (const agent of platform.body.agents.filter((a) => a.queueIds.includes('queue-general'))) {
      await httpJson(stack.emulator.url, 'PUT', `/emulator/platform/agents/${agent.id}/routing`, { onQueue: false });
    }
    const changed = await guest.next('availability', (f) => f.availability.agentsOnQueue === 0);
    expect(changed.availability.open).toBe(true);
    await guest.close();
  });
});
