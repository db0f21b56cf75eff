import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEmulator } from '../../emulator/index.js';
import { WorldFileError } from '../../emulator/world-load.js';
import { isOutboundText, type GuestClient } from '../../emulator/testing/guest-client.js';
import type { StructuredMessageBody } from '../../src/protocol/web-messaging.js';
import { useEmulator } from './support/emulator-harness.js';

const emu = useEmulator();
const { configuredGuest } = emu;

const post = (path: string, body?: unknown): Promise<Response> => fetch(emu.url + path, {
  method: 'POST',
  ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
});

async function conversationFor(g: GuestClient): Promise<Record<string, unknown>> {
  const list = await (await fetch(`${emu.url}/emulator/conversations`)).json() as Record<string, unknown>[];
  const found = list.find((c) => c.sessionToken === g.token);
  if (!found) throw new Error('conversation not listed');
  return found;
}

describe('control API', () => {
  it('health and world (ids, allowed domains, queues, agents, integrations and OAuth clients with secrets)', async () => {
    expect(await (await fetch(`${emu.url}/emulator/health`)).json()).toEqual({ status: 'ok' });
    const world = await (await fetch(`${emu.url}/emulator/world`)).json() as Record<string, unknown>;
    expect(world.deployments).toContainEqual(expect.objectContaining({ id: 'demo-deployment', allowedDomains: ['127.0.0.1', 'localhost'] }));
    expect(world.queues).toContainEqual(expect.objectContaining({ name: 'Billing', skills: ['Billing'] }));
    // A local dev tool: the demo and the tests read the integration and OAuth client secrets from here.
    expect(world.openMessaging).toEqual({ integrations: [expect.objectContaining({
      id: 'demo-integration', outboundNotificationWebhookSignatureSecretToken: 'demo-webhook-secret-0123456789' })] });
    expect(world.oauthClients).toContainEqual(expect.objectContaining({ clientId: 'demo-client', clientSecret: 'demo-client-secret' }));
  });

  it('lists conversations with token, attributes, state and messages; agent take, typing, message, disconnect reach the guest', async () => {
    const g = await configuredGuest();
    await g.say('I need help', { channel: { metadata: { customAttributes: { orderId: 'A-1' } } } });
    const listed = await conversationFor(g);
    expect(listed).toMatchObject({ channel: 'webmessaging', deploymentId: 'demo-deployment', customAttributes: { orderId: 'A-1' } });
    expect((listed.messages as StructuredMessageBody[]).some((m) => m.text === 'I need help')).toBe(true);
    const id = listed.id as string;

    const taken = await post(`/emulator/conversations/${id}/agent/take`, { agentId: 'agent-sam' });
    expect(await taken.json()).toMatchObject({ state: 'active', agentId: 'agent-sam' });

    expect((await post(`/emulator/conversations/${id}/agent/typing`)).status).toBe(200);
    await g.next((f) => (f.body as StructuredMessageBody).events?.[0]?.eventType === 'Typing');

    const sent = await post(`/emulator/conversations/${id}/agent/messages`, { text: 'Sam here, how can I help?' });
    expect(sent.status).toBe(201);
    const frame = await g.next((f) => isOutboundText(f, 'Sam here, how can I help?'));
    expect(frame.body).toMatchObject({ originatingEntity: 'Human', channel: { from: { nickname: 'Sam', id: 'agent-sam' } } });

    const quick = await post(`/emulator/conversations/${id}/agent/messages`, {
      text: 'Pick one', agentName: 'Samantha',
      content: [{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'yes', action: 'Message' } }],
    });
    expect(quick.status).toBe(201);
    const quickFrame = await g.next((f) => isOutboundText(f, 'Pick one'));
    expect(quickFrame.body).toMatchObject({ type: 'Structured', channel: { from: { nickname: 'Samantha' } } });

    const ended = await post(`/emulator/conversations/${id}/agent/disconnect`);
    expect(await ended.json()).toMatchObject({ state: 'ended', readOnly: true });
    await g.next((f) => (f.body as StructuredMessageBody).metadata?.readOnly === 'true');
    const again = await post(`/emulator/conversations/${id}/agent/disconnect`);
    expect(again.status).toBe(409);
    const late = await post(`/emulator/conversations/${id}/agent/messages`, { text: 'too late' });
    expect(late.status).toBe(409);
  });

  it('answers JSON 4xx for unknown conversations, bad bodies and bad faults', async () => {
    const missing = await post('/emulator/conversations/nope/agent/messages', { text: 'x' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ status: 404, code: 'not.found' });
    expect((await fetch(`${emu.url}/emulator/conversations/nope`)).status).toBe(404);

    const g = await configuredGuest();
    const id = (await conversationFor(g)).id as string;
    const empty = await post(`/emulator/conversations/${id}/agent/messages`, {});
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ status: 400, message: expect.stringMatching(/text or content/) });
    const badContent = await post(`/emulator/conversations/${id}/agent/messages`, { content: [{ nope: 1 }] });
    expect(badContent.status).toBe(400);
    const tooLong = await post(`/emulator/conversations/${id}/agent/messages`, { text: 'x'.repeat(4001) });
    expect(tooLong.status).toBe(400);
    const notJson = await fetch(`${emu.url}/emulator/conversations/${id}/agent/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ status: 400 });
    const badAgent = await post(`/emulator/conversations/${id}/agent/take`, { agentId: 'agent-nobody' });
    expect(badAgent.status).toBe(404);

    const badFault = await post('/emulator/faults', { dropSockets: 7 });
    expect(badFault.status).toBe(400);
    expect(await badFault.json()).toMatchObject({ message: expect.stringMatching(/dropSockets/) });
    const unknownFault = await post('/emulator/faults', { meteor: true });
    expect(unknownFault.status).toBe(400);
  });
});

describe('world file', () => {
  it('a broken world fails to load with every problem listed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-world-'));
    const path = join(dir, 'broken.json');
    writeFileSync(path, JSON.stringify({
      deployments: [{ id: 'd1', status: 'Maybe', allowedDomains: [], botId: 'ghost' }],
      queues: [{ id: 'q1', name: 'Q' }],
      agents: [],
    }));
    const error = await buildEmulator({ world: path }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(WorldFileError);
    const message = (error as Error).message;
    expect(message).toMatch(/status/);
    expect(message).toMatch(/skills/);

    writeFileSync(path, JSON.stringify({ deployments: [{ id: 'd1', status: 'Active', allowedDomains: [], botId: 'ghost' }], queues: [], agents: [] }));
    await expect(buildEmulator({ world: path })).rejects.toThrow(/botId "ghost" is not a bot/);
    writeFileSync(path, '{ not json');
    await expect(buildEmulator({ world: path })).rejects.toThrow(/not JSON/);
    await expect(buildEmulator({ world: join(dir, 'missing.json') })).rejects.toThrow(/cannot read world file/);
  });
});

describe('CLI', () => {
  it('prints exactly the URL on stdout once ready, and serves it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`cli exited with ${code}`)));
      });
      expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\n$/);
      const health = await fetch(`${line.trim()}/emulator/health`);
      expect(health.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  }, 20_000);

  it('exits non-zero with a clear message for a bad flag value', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(err).toMatch(/--port must be a non-negative integer/);
  }, 20_000);
});
