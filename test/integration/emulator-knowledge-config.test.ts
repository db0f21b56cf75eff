/**
 * Messenger configuration in the emulator: the default world's deployment variations as config.json serves them
 * (WebDeploymentConfigurationVersion shapes), the control API that changes a deployment at run time, and the
 * socket behaviours those settings drive: Presence Clear and conversationDisconnect Send | ReadOnly.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type platformClient from 'purecloud-platform-client-v2';
import {
  deploymentConfigPath, HISTORY_PATH, type DeploymentConfig, type HistoryPage, type SessionResponseBody, type StructuredMessageBody,
} from '../../src/protocol/web-messaging.js';
import { useEmulator } from './support/emulator-harness.js';

const emu = useEmulator({ rateLimitPerMinute: 0 });

// config.json's Messenger parts are the admin models' shapes (checked by the type checker).
type Messenger = NonNullable<DeploymentConfig['messenger']>;
const contract = {
  position: null as unknown as NonNullable<DeploymentConfig['position']> satisfies platformClient.Models.PositionSettings,
  labels: null as unknown as NonNullable<DeploymentConfig['customI18nLabels']>[number] satisfies platformClient.Models.CustomI18nLabels,
  homeScreen: null as unknown as NonNullable<Messenger['homeScreen']> satisfies platformClient.Models.MessengerHomeScreen,
  launcher: null as unknown as NonNullable<Messenger['launcherButton']> satisfies platformClient.Models.LauncherButtonSettings,
  knowledge: null as unknown as NonNullable<NonNullable<Messenger['apps']>['knowledge']> satisfies platformClient.Models.Knowledge,
};
void contract;

async function config(deploymentId: string): Promise<DeploymentConfig> {
  const response = await fetch(emu.url + deploymentConfigPath(deploymentId));
  expect(response.status).toBe(200);
  return response.json() as Promise<DeploymentConfig>;
}

async function patch(deploymentId: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emu.url}/emulator/deployments/${encodeURIComponent(deploymentId)}`, {
    method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() as Record<string, unknown> };
}

describe('deployment variations in the default world (config.json)', () => {
  it('styled-deployment: colour, left position with spacing, humanized bot with a reachable avatar, features off', async () => {
    const c = await config('styled-deployment');
    expect(c.messenger?.styles?.primaryColor).toBe('#0b6e4f');
    expect(c.position).toEqual({ alignment: 'Left', sideSpace: 24, bottomSpace: 32 });
    const conversations = c.messenger?.apps?.conversations;
    expect(conversations).toMatchObject({
      showAgentTypingIndicator: false, showUserTypingIndicator: false, markdown: { enabled: false },
      conversationClear: { enabled: false }, conversationDisconnect: { enabled: false, type: 'Send' },
    });
    expect(c.messenger?.fileUpload).toEqual({ enableAttachments: false, modes: [] });
    const bot = conversations?.humanize?.bot;
    expect(bot?.name).toBe('Bolt');
    expect(bot?.avatarUrl).toBe(`${emu.url}/emulator/assets/bot-avatar.svg`);
    const avatar = await fetch(bot?.avatarUrl as string);
    expect(avatar.status).toBe(200);
    expect(avatar.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  });

  it('launcher visibility On, Off and OnDemand', async () => {
    expect((await config('knowledge-deployment')).messenger?.launcherButton?.visibility).toBe('On');
    expect((await config('launcher-off-deployment')).messenger?.launcherButton?.visibility).toBe('Off');
    expect((await config('launcher-ondemand-deployment')).messenger?.launcherButton?.visibility).toBe('OnDemand');
    expect((await config('launcher-ondemand-deployment')).position).toEqual({ alignment: 'Auto' });
  });

  it('german-deployment: languages, German default, the deployment\'s own labels, its knowledge base, home screen', async () => {
    const c = await config('german-deployment');
    expect(c.languages).toEqual(['de', 'en-us']);
    expect(c.defaultLanguage).toBe('de');
    expect(c.customI18nLabels?.[0]).toEqual({
      language: 'de',
      localizedLabels: [
        { key: 'MessengerHomeHeaderTitle', value: 'Hallo!' },
        { key: 'MessengerHomeHeaderSubTitle', value: 'Durchsuchen Sie unsere Hilfe oder schreiben Sie uns' },
      ],
    });
    expect(c.messenger?.apps?.knowledge).toEqual({ enabled: true, knowledgeBase: { id: 'kb-de' } });
    expect(c.messenger?.homeScreen).toEqual({ enabled: true, logoUrl: `${emu.url}/emulator/assets/logo.svg` });
    expect((await fetch(c.messenger?.homeScreen?.logoUrl as string)).status).toBe(200);
  });

  it('knowledge-deployment: knowledge on, disconnect Send, clear on; demo-deployment: knowledge absent, ReadOnly', async () => {
    const k = await config('knowledge-deployment');
    expect(k.messenger?.apps?.knowledge).toEqual({ enabled: true, knowledgeBase: { id: 'kb-en' } });
    expect(k.messenger?.apps?.conversations?.conversationDisconnect).toEqual({ enabled: true, type: 'Send' });
    expect(k.messenger?.apps?.conversations?.conversationClear).toEqual({ enabled: true });
    const demo = await config('demo-deployment');
    expect(demo.messenger?.apps?.knowledge).toBeUndefined();
    expect(demo.messenger?.apps?.conversations?.conversationDisconnect).toEqual({ enabled: true, type: 'ReadOnly' });
  });

  it('an unknown asset is a JSON 404', async () => {
    const response = await fetch(`${emu.url}/emulator/assets/secrets.txt`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, code: 'not.found' });
  });
});

describe('control API: a deployment\'s configuration changed at run time', () => {
  it('GET shows the settings; PATCH merges, config.json serves the result at once, null removes', async () => {
    const before = await (await fetch(`${emu.url}/emulator/deployments/launcher-off-deployment`)).json() as Record<string, unknown>;
    expect(before).toMatchObject({ id: 'launcher-off-deployment', status: 'Active', messenger: { launcherButton: { visibility: 'Off' } } });

    const changed = await patch('launcher-off-deployment', {
      messenger: { styles: { primaryColor: '#123456' }, launcherButton: { visibility: 'OnDemand' } },
      position: { alignment: 'Left', sideSpace: 10 },
      languages: ['en-us', 'de'],
      defaultLanguage: 'de',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ messenger: { styles: { primaryColor: '#123456' }, launcherButton: { visibility: 'OnDemand' } } });
    const c = await config('launcher-off-deployment');
    expect(c.messenger?.styles?.primaryColor).toBe('#123456');
    expect(c.messenger?.launcherButton?.visibility).toBe('OnDemand');
    // Merge, not replace: what the patch did not name stays.
    expect(c.messenger?.apps?.conversations?.conversationClear).toEqual({ enabled: true });
    expect(c.position).toEqual({ alignment: 'Left', sideSpace: 10, bottomSpace: 0 });
    expect(c.defaultLanguage).toBe('de');

    expect((await patch('launcher-off-deployment', { position: null, messenger: { styles: null } })).status).toBe(200);
    const removed = await config('launcher-off-deployment');
    expect(removed.position).toBeUndefined();
    expect(removed.messenger?.styles).toBeUndefined();
  });

  it('a bad patch is a 400 listing the problem, and changes nothing', async () => {
    const before = await config('launcher-ondemand-deployment');
    const refusals: [unknown, RegExp][] = [
      [{ messenger: { launcherButton: { visibility: 'Sometimes' } } }, /visibility|allowed values/],
      [{ messenger: { styles: { primaryColor: 'red' } } }, /primaryColor|pattern/],
      [{ messenger: { apps: { conversations: { conversationDisconnect: { type: 'Vanish' } } } } }, /type|allowed values/],
      [{ position: { alignment: 'Center' } }, /alignment|allowed values/],
      [{ position: { sideSpace: -4 } }, /sideSpace|>= 0/],
      [{ customI18nLabels: [{ language: 'de', localizedLabels: [{ key: 'MessengerHomeHeaderTitle', value: 7 }] }] }, /value|string/],
      [{ defaultLanguage: 'fr' }, /defaultLanguage/],
      [{ messenger: { apps: { knowledge: { enabled: true, knowledgeBase: { id: 'kb-nope' } } } } }, /kb-nope/],
      [{ allowedDomains: ['evil.example'] }, /not settable/],
      [{ status: null }, /status/],
      [['not', 'an', 'object'], /JSON object/],
      // Fastify's body parser already refuses __proto__ keys; the merge refuses them too.
      [JSON.parse('{"messenger":{"__proto__":{"polluted":true}}}'), /__proto__|not valid JSON/],
    ];
    for (const [body, pattern] of refusals) {
      const answer = await patch('launcher-ondemand-deployment', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).toMatchObject({ status: 400, code: 'bad.request' });
      expect(String(answer.body.message)).toMatch(pattern);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const after = await config('launcher-ondemand-deployment');
    expect(after).toEqual(before);
    expect((await patch('no-such-deployment', { status: 'Inactive' })).status).toBe(404);
  });

  it('status Inactive through the control API makes config.json say so', async () => {
    expect((await patch('launcher-ondemand-deployment', { status: 'Inactive' })).status).toBe(200);
    expect((await config('launcher-ondemand-deployment')).status).toBe('Inactive');
    expect((await patch('launcher-ondemand-deployment', { status: 'Active' })).status).toBe(200);
  });
});

describe('Presence Clear (conversationClear)', () => {
  it('every connection hears SessionClearedEvent then ConnectionClosedEvent; the next session starts with no history', async () => {
    const token = randomUUID();
    const tab1 = await emu.guest({ token, deploymentId: 'knowledge-deployment' });
    const tab2 = await emu.guest({ token, deploymentId: 'knowledge-deployment' });
    await tab1.configure({ deploymentId: 'knowledge-deployment' });
    await tab2.configure({ deploymentId: 'knowledge-deployment' });
    await tab1.say('my account number is 1234');
    const conversation = emu.conversationOf(tab1);
    tab1.send({ action: 'onMessage', message: { type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Clear' } }] } });
    for (const tab of [tab1, tab2]) {
      await tab.next((f) => f.class === 'ConnectionClosedEvent');
      const classes = tab.frames.map((f) => f.class);
      expect(classes.indexOf('SessionClearedEvent')).toBeGreaterThan(-1);
      expect(classes.indexOf('SessionClearedEvent')).toBeLessThan(classes.indexOf('ConnectionClosedEvent'));
    }
    expect(emu.ctx.world.getConversation(conversation?.id as string)?.state).toBe('ended');

    const again = await tab1.configure({ deploymentId: 'knowledge-deployment' });
    expect((again.body as SessionResponseBody).newSession).toBe(true);
    const jwt = ((await tab1.request({ action: 'getJwt' })).body as { jwt: string }).jwt;
    const history = await fetch(emu.url + HISTORY_PATH, { headers: { Authorization: `Bearer ${jwt}`, Origin: 'http://localhost:5173' } });
    expect(((await history.json()) as HistoryPage).entities).toEqual([]);
  });

  it('refused with 4000 when the deployment does not enable it (switched off at run time); the transcript stays', async () => {
    expect((await patch('knowledge-deployment', { messenger: { apps: { conversations: { conversationClear: { enabled: false } } } } })).status).toBe(200);
    try {
      const g = await emu.guest({ deploymentId: 'knowledge-deployment' });
      await g.configure({ deploymentId: 'knowledge-deployment' });
      await g.say('keep me');
      const refused = await g.request({ action: 'onMessage', message: { type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Clear' } }] } });
      expect(refused).toMatchObject({ class: 'string', code: 4000 });
      expect(g.frames.some((f) => f.class === 'SessionClearedEvent')).toBe(false);
      expect(emu.conversationOf(g)?.messages.map((m) => m.text)).toEqual(['keep me']);
    } finally {
      await patch('knowledge-deployment', { messenger: { apps: { conversations: { conversationClear: { enabled: true } } } } });
    }
  });
});

describe('conversationDisconnect Send | ReadOnly, switched at run time', () => {
  async function disconnected(type: 'Send' | 'ReadOnly', enabled = true): Promise<{ guest: Awaited<ReturnType<typeof emu.guest>>; event: StructuredMessageBody }> {
    expect((await patch('knowledge-deployment', { messenger: { apps: { conversations: { conversationDisconnect: { enabled, type } } } } })).status).toBe(200);
    const guest = await emu.guest({ deploymentId: 'knowledge-deployment' });
    await guest.configure({ deploymentId: 'knowledge-deployment' });
    await guest.say('hello');
    emu.ctx.world.agentDisconnect(emu.conversationOf(guest)?.id as string);
    const frame = await guest.next((f) => (f.body as StructuredMessageBody | undefined)?.events?.[0]?.eventType === 'Presence');
    return { guest, event: frame.body as StructuredMessageBody };
  }

  it('Send: Presence Disconnect without readOnly; the guest writes on and a new conversation opens', async () => {
    const { guest, event } = await disconnected('Send');
    expect(event).toMatchObject({ type: 'Event', direction: 'Outbound', events: [{ eventType: 'Presence', presence: { type: 'Disconnect' } }] });
    expect(event.metadata?.readOnly).toBeUndefined();
    expect((await guest.say('one more thing')).class).toBe('StructuredMessage');
    expect(emu.ctx.world.conversations().filter((c) => c.sessionToken === guest.token)).toHaveLength(2);
  });

  it('ReadOnly: Presence Disconnect with readOnly "true"; sends get 409 and a resume says readOnly', async () => {
    const { guest, event } = await disconnected('ReadOnly');
    expect(event.metadata).toEqual({ readOnly: 'true' });
    expect(await guest.say('anyone?')).toMatchObject({ class: 'string', code: 409, body: 'Session is read-only, no new messages allowed' });
    const resumed = await guest.configure({ deploymentId: 'knowledge-deployment' });
    expect(resumed.body).toMatchObject({ connected: true, newSession: false, readOnly: true });
  });

  it('disabled: the Disconnect event still comes (Messenger just shows nothing) and the session stays writable', async () => {
    const { guest, event } = await disconnected('ReadOnly', false);
    expect(event.metadata?.readOnly).toBeUndefined();
    expect((await guest.say('still here')).class).toBe('StructuredMessage');
    await patch('knowledge-deployment', { messenger: { apps: { conversations: { conversationDisconnect: { enabled: true, type: 'Send' } } } } });
  });
});
