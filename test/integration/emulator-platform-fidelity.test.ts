/**
 * Platform API fidelity (issue 10, mismatches 1, 2, 4, 6, 7), each written from the real shape: the SDK sends
 * `Content-Type: application/json` on every request, body or not; the SDK's models (QueueEntityListing,
 * ScheduleEntityListing, Queue, PredictionResults with a required `estimatedWaitTimeSeconds`); downloads that a
 * browser must not render on the emulator's origin; an integration's webhook URL that survives a restart.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.js';
import { getToken, INTEGRATION_ID } from '../../emulator/open-messaging/testing.js';
import { useEmulator } from './support/emulator-harness.js';

const emu = useEmulator({ host: '127.0.0.1' });

/** A call the way the SDK makes it: JSON content type always, a body only when there is one. */
async function sdkCall(method: string, path: string, token: string | null, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(`${emu.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

interface Listing<T> {
  entities: T[]; pageSize: number; pageNumber: number; total: number; pageCount: number;
  firstUri?: string; lastUri?: string; selfUri?: string; nextUri?: string; previousUri?: string;
}

describe('1. an empty body with Content-Type: application/json', () => {
  it('is accepted on DELETE, GET and POST routes alike (no Fastify "Body cannot be empty")', async () => {
    const token = await getToken(emu.url);
    const created = await sdkCall('POST', '/api/v2/conversations/messaging/integrations/open', token, {
      name: 'to delete', outboundNotificationWebhookUrl: 'https://example.com/hook', outboundNotificationWebhookSignatureSecretToken: '1234567890123456',
    });
    const { id } = (await created.json()) as { id: string };
    const deleted = await sdkCall('DELETE', `/api/v2/conversations/messaging/integrations/open/${id}`, token);
    expect(deleted.status).toBe(204);
    expect((await sdkCall('GET', '/api/v2/routing/queues', token)).status).toBe(200);
    expect((await sdkCall('DELETE', '/emulator/faults', null)).status).toBe(200);
    // A POST that needs a body says what is missing in its own words.
    const noBody = await sdkCall('POST', '/api/v2/conversations/messaging/integrations/open', token);
    expect(noBody.status).toBe(400);
    expect(((await noBody.json()) as { message: string }).message).not.toMatch(/Body cannot be empty/);
  });

  it('still answers 400 JSON for malformed JSON', async () => {
    const token = await getToken(emu.url);
    const response = await fetch(`${emu.url}/api/v2/conversations/messaging/integrations/open`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"name":',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('bad.request');
  });
});

describe('2. GET /api/v2/architect/schedules', () => {
  it('lists schedules (ScheduleEntityListing), with name filter and paging URIs', async () => {
    const token = await getToken(emu.url);
    const response = await sdkCall('GET', '/api/v2/architect/schedules', token);
    expect(response.status).toBe(200);
    const listing = (await response.json()) as Listing<{ id: string; name: string; start: string; rrule?: string; selfUri: string }>;
    expect(listing.entities.map((s) => s.id)).toContain('demo-open-always');
    expect(listing.entities[0]).toMatchObject({ selfUri: expect.stringMatching(/^\/api\/v2\/architect\/schedules\//) });
    expect(listing).toMatchObject({ pageNumber: 1, pageSize: 25, firstUri: expect.stringContaining('pageNumber=1'), selfUri: expect.any(String), lastUri: expect.any(String) });
    const filtered = (await (await sdkCall('GET', '/api/v2/architect/schedules?name=Always*', token)).json()) as Listing<{ id: string }>;
    expect(filtered.entities.map((s) => s.id)).toEqual(['demo-open-always']);
    const none = (await (await sdkCall('GET', '/api/v2/architect/schedules?name=nothing', token)).json()) as Listing<{ id: string }>;
    expect(none.total).toBe(0);
  });
});

describe('4. GET /api/v2/routing/queues', () => {
  it('sorts by name (sortOrder honoured), filters by id, pages with URIs', async () => {
    const token = await getToken(emu.url);
    const asc = (await (await sdkCall('GET', '/api/v2/routing/queues', token)).json()) as Listing<{ id: string; name: string }>;
    expect(asc.entities.map((q) => q.name)).toEqual(['Billing', 'General Support']);
    const desc = (await (await sdkCall('GET', '/api/v2/routing/queues?sortOrder=desc', token)).json()) as Listing<{ name: string }>;
    expect(desc.entities.map((q) => q.name)).toEqual(['General Support', 'Billing']);
    const byId = (await (await sdkCall('GET', '/api/v2/routing/queues?id=queue-general', token)).json()) as Listing<{ id: string }>;
    expect(byId.entities.map((q) => q.id)).toEqual(['queue-general']);
    const both = (await (await sdkCall('GET', '/api/v2/routing/queues?id=queue-general&id=queue-billing', token)).json()) as Listing<{ id: string }>;
    expect(both.entities.map((q) => q.id)).toEqual(['queue-billing', 'queue-general']);
    const paged = (await (await sdkCall('GET', '/api/v2/routing/queues?pageSize=1&pageNumber=1', token)).json()) as Listing<{ id: string }>;
    expect(paged).toMatchObject({
      pageCount: 2, total: 2,
      firstUri: '/api/v2/routing/queues?pageSize=1&pageNumber=1',
      selfUri: '/api/v2/routing/queues?pageSize=1&pageNumber=1',
      nextUri: '/api/v2/routing/queues?pageSize=1&pageNumber=2',
      lastUri: '/api/v2/routing/queues?pageSize=1&pageNumber=2',
    });
    expect(paged.previousUri).toBeUndefined();
    const bad = await sdkCall('GET', '/api/v2/routing/queues?sortOrder=sideways', token);
    expect(bad.status).toBe(400);
  });

  it('returns the Queue fields a customer reads', async () => {
    const token = await getToken(emu.url);
    const queue = (await (await sdkCall('GET', '/api/v2/routing/queues/queue-billing', token)).json()) as Record<string, unknown>;
    expect(queue).toMatchObject({
      id: 'queue-billing', name: 'Billing',
      division: { id: expect.any(String), name: expect.any(String) },
      memberCount: 2, userMemberCount: 2, joinedMemberCount: 2,
      mediaSettings: { message: { alertingTimeoutSeconds: expect.any(Number), serviceLevel: { percentage: expect.any(Number), durationMs: expect.any(Number) } } },
      dateCreated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      selfUri: '/api/v2/routing/queues/queue-billing',
    });
  });
});

describe('6. estimated wait time with nobody on queue', () => {
  it('never returns a PredictionResults without estimatedWaitTimeSeconds (the SDK marks it required): no result instead', async () => {
    const token = await getToken(emu.url);
    for (const agent of ['agent-alex', 'agent-sam']) {
      await sdkCall('PUT', `/emulator/platform/agents/${agent}/routing`, null, { onQueue: false });
    }
    try {
      for (const path of ['/api/v2/routing/queues/queue-billing/estimatedwaittime', '/api/v2/routing/queues/queue-billing/mediatypes/message/estimatedwaittime']) {
        const response = await sdkCall('GET', path, token);
        expect(response.status).toBe(200);
        const { results } = (await response.json()) as { results: { estimatedWaitTimeSeconds?: number }[] };
        expect(results.every((r) => typeof r.estimatedWaitTimeSeconds === 'number')).toBe(true);
        expect(results).toEqual([]);
      }
    } finally {
      for (const agent of ['agent-alex', 'agent-sam']) {
        await sdkCall('PUT', `/emulator/platform/agents/${agent}/routing`, null, { onQueue: true });
      }
    }
    const staffed = (await (await sdkCall('GET', '/api/v2/routing/queues/queue-billing/estimatedwaittime', token)).json()) as { results: { estimatedWaitTimeSeconds?: number }[] };
    expect(staffed.results).toHaveLength(1);
    expect(typeof staffed.results[0]?.estimatedWaitTimeSeconds).toBe('number');
  });
});

describe('7. uploads and webhook registration', () => {
  it('serves uploads as attachments with nosniff, whatever type was declared', async () => {
    const upload = await fetch(`${emu.url}/emulator/attachments?filename=page.html&mime=text/html`, {
      method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: '<script>alert(1)</script>',
    });
    expect(upload.status).toBe(201);
    const { url } = (await upload.json()) as { url: string };
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="page\.html"/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toMatch(/sandbox/);
  });

  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps an integration\'s registered webhook URL across a restart with a state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-state-'));
    dirs.push(dir);
    const stateFile = join(dir, 'state.json');
    const first = await startEmulator({ port: 0, stateFile });
    const token = await getToken(first.url);
    const patched = await fetch(`${first.url}/api/v2/conversations/messaging/integrations/open/${INTEGRATION_ID}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'registered', outboundNotificationWebhookUrl: 'https://gateway.example.com/webhooks/genesys' }),
    });
    expect(patched.status).toBe(200);
    await first.close();
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ integrations: [expect.objectContaining({ id: INTEGRATION_ID })] });

    const second = await startEmulator({ port: 0, stateFile });
    try {
      const token2 = await getToken(second.url);
      const fetched = await fetch(`${second.url}/api/v2/conversations/messaging/integrations/open/${INTEGRATION_ID}`, { headers: { authorization: `Bearer ${token2}` } });
      expect(await fetched.json()).toMatchObject({ name: 'registered', outboundNotificationWebhookUrl: 'https://gateway.example.com/webhooks/genesys' });
    } finally {
      await second.close();
    }
  });

  it('without a state file a restart starts from the world file again', async () => {
    const first = await startEmulator({ port: 0 });
    const token = await getToken(first.url);
    await fetch(`${first.url}/api/v2/conversations/messaging/integrations/open/${INTEGRATION_ID}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'registered', outboundNotificationWebhookUrl: 'https://gateway.example.com/x' }),
    });
    await first.close();
    const second = await startEmulator({ port: 0 });
    try {
      const fetched = await fetch(`${second.url}/api/v2/conversations/messaging/integrations/open/${INTEGRATION_ID}`, { headers: { authorization: `Bearer ${await getToken(second.url)}` } });
      expect(((await fetched.json()) as { outboundNotificationWebhookUrl: string }).outboundNotificationWebhookUrl).not.toBe('https://gateway.example.com/x');
    } finally {
      await second.close();
    }
  });
});
