import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { GuestClient } from '../../emulator/testing/guest-client.js';
import { deploymentConfigPath, HISTORY_PATH, type DeploymentConfig, type HistoryPage } from '../../src/protocol/web-messaging.js';
import { useEmulator } from './support/emulator-harness.js';

const ORIGIN = 'http://localhost:5173';
// The demo bot would add its own lines to the transcript; a bot-free deployment keeps the counts exact.
const emu = useEmulator({ rateLimitPerMinute: 0 });
const { guest } = emu;

beforeAll(() => {
  const demo = emu.ctx.world.deployments.get('demo-deployment');
  if (demo) delete demo.botId;
});

async function jwtFor(g: GuestClient): Promise<string> {
  const frame = await g.request({ action: 'getJwt' });
  return (frame.body as { jwt: string }).jwt;
}

describe('config.json', () => {
  it('serves the public deployment config with the messaging endpoint and CORS for anyone', async () => {
    const res = await fetch(emu.url + deploymentConfigPath('demo-deployment'), { headers: { Origin: 'https://anywhere.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const config = await res.json() as DeploymentConfig;
    expect(config).toMatchObject({ id: 'demo-deployment', status: 'Active', defaultLanguage: 'en-us' });
    expect(config.messenger?.apps?.conversations?.messagingEndpoint).toBe(emu.url.replace('http', 'ws'));
    expect(config.messenger?.apps?.conversations?.conversationDisconnect).toEqual({ enabled: true, type: 'ReadOnly' });
    expect(config.messenger?.fileUpload?.modes?.[0]?.maxFileSizeKB).toBe(10240);
  });

  it('reports an inactive deployment as Inactive', async () => {
    const config = await (await fetch(emu.url + deploymentConfigPath('inactive-deployment'))).json() as DeploymentConfig;
    expect(config.status).toBe('Inactive');
  });

  it('404 in the Platform error shape for an unknown deployment', async () => {
    const res = await fetch(emu.url + deploymentConfigPath('nope'));
    expect(res.status).toBe(404);
    const body = await res.json() as Record<string, unknown>;
    expect(body).toMatchObject({ status: 404, code: 'not.found', details: [], errors: [] });
    expect(typeof body.message).toBe('string');
    expect(typeof body.contextId).toBe('string');
  });
});

describe('history', () => {
  it('pages the transcript newest-first with customMessageId on the guest messages', async () => {
    const g = await guest({ origin: ORIGIN });
    await g.configure();
    const ids: string[] = [];
    for (let i = 1; i <= 5; i += 1) {
      const customMessageId = randomUUID();
      ids.push(customMessageId);
      await g.request({ action: 'onMessage', message: { type: 'Text', text: `message ${i}`, metadata: { customMessageId } } });
    }
    const jwt = await jwtFor(g);
    const page1 = await fetch(`${emu.url}${HISTORY_PATH}?pageSize=2&pageNumber=1`, { headers: { Authorization: `Bearer ${jwt}`, Origin: ORIGIN } });
    expect(page1.status).toBe(200);
    expect(page1.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const body1 = await page1.json() as HistoryPage;
    expect(body1).toMatchObject({ pageSize: 2, pageNumber: 1, total: 5, pageCount: 3 });
    expect(body1.entities.map((m) => m.text)).toEqual(['message 5', 'message 4']);
    expect(body1.entities[0]?.metadata?.customMessageId).toBe(ids[4]);

    const page3 = await (await fetch(`${emu.url}${HISTORY_PATH}?pageSize=2&pageNumber=3`, { headers: { Authorization: `Bearer ${jwt}`, Origin: ORIGIN } })).json() as HistoryPage;
    expect(page3.entities.map((m) => m.text)).toEqual(['message 1']);
    const page4 = await (await fetch(`${emu.url}${HISTORY_PATH}?pageSize=2&pageNumber=4`, { headers: { Authorization: `Bearer ${jwt}`, Origin: ORIGIN } })).json() as HistoryPage;
    expect(page4.entities).toEqual([]);

    const defaults = await (await fetch(emu.url + HISTORY_PATH, { headers: { Authorization: `Bearer ${jwt}`, Origin: ORIGIN } })).json() as HistoryPage;
    expect(defaults).toMatchObject({ pageSize: 25, pageNumber: 1, total: 5 });
  });

  it('includes agent messages a guest missed while disconnected', async () => {
    const token = randomUUID();
    const g = await guest({ origin: ORIGIN, token });
    await g.configure();
    await g.say('are you there?');
    g.close();
    await g.closed();
    const conversation = emu.ctx.world.conversations().find((c) => c.sessionToken === token);
    if (!conversation) throw new Error('no conversation');
    emu.ctx.world.agentSend(conversation.id, { text: 'sent while you were away' });
    const back = await guest({ origin: ORIGIN, token });
    await back.configure();
    const page = await (await fetch(emu.url + HISTORY_PATH, { headers: { Authorization: `Bearer ${await jwtFor(back)}`, Origin: ORIGIN } })).json() as HistoryPage;
    expect(page.entities[0]).toMatchObject({ text: 'sent while you were away', direction: 'Outbound' });
  });

  it('401 without or with a bad JWT, 403 for a foreign Origin, 400 for a bad pageSize', async () => {
    const g = await guest({ origin: ORIGIN });
    await g.configure();
    const jwt = await jwtFor(g);
    const none = await fetch(emu.url + HISTORY_PATH, { headers: { Origin: ORIGIN } });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ status: 401, details: [], errors: [] });
    const forged = await fetch(emu.url + HISTORY_PATH, { headers: { Authorization: `Bearer ${jwt.slice(0, -2)}xx`, Origin: ORIGIN } });
    expect(forged.status).toBe(401);
    // An allowed page reads the refusal (a browser would otherwise see a network failure, not the 401).
    expect(forged.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const forgedForeign = await fetch(emu.url + HISTORY_PATH, { headers: { Authorization: 'Bearer x', Origin: 'https://evil.example' } });
    expect(forgedForeign.status).toBe(401);
    expect(forgedForeign.headers.get('access-control-allow-origin')).toBeNull();
    const foreign = await fetch(emu.url + HISTORY_PATH, { headers: { Authorization: `Bearer ${jwt}`, Origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const bad = await fetch(`${emu.url}${HISTORY_PATH}?pageSize=abc`, { headers: { Authorization: `Bearer ${jwt}`, Origin: ORIGIN } });
    expect(bad.status).toBe(400);
  });

  it('answers the CORS preflight for allowed origins only', async () => {
    const ok = await fetch(emu.url + HISTORY_PATH, { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
    const refused = await fetch(emu.url + HISTORY_PATH, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('unknown routes', () => {
  it('answer a Platform-shaped JSON 404', async () => {
    const res = await fetch(`${emu.url}/api/v2/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404, code: 'not.found' });
  });
});
