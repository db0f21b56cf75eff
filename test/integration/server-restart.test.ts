/**
 * One process, no Redis (issue 9): a restart must not split the guest. The signed token carries what is needed to
 * recreate the guest, so the returning widget continues the same Genesys conversation, and what the agent wrote
 * while the server was away (Genesys retries its webhook) reaches the guest.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from '../../server/config.js';
import { startServer } from '../../server/index.js';
import { conversationOf, GuestClient, httpJson, startStack, TEST_SESSION_SECRET, waitFor, type Server, type Stack } from './server-harness.js';

describe('server: a restart without Redis honours a still-valid token', () => {
  let stack: Stack | undefined;
  let second: Server | undefined;
  afterEach(async () => {
    await second?.close();
    await stack?.close();
    stack = undefined;
    second = undefined;
  });

  it('same guest, same conversation, resumed; the agent message sent while it was down arrives', async () => {
    stack = await startStack({}, {});
    const port = Number(new URL(stack.server.url).port);
    const guest = await GuestClient.connect(stack.server.url, { displayName: 'Ana', skill: 'Billing', customAttributes: { orderId: 'A-1' } });
    guest.send({ type: 'message', id: 'before-restart', text: 'hello before the restart' });
    await guest.next('ack', (f) => f.id === 'before-restart');
    const conversation = await waitFor(() => conversationOf(stack!.emulator.url, guest.session.guestId), 'the conversation');
    await guest.close();
    await stack.server.close();

    // The agent writes while the server is down: Genesys keeps retrying the webhook.
    await httpJson(stack.emulator.url, 'PUT', '/emulator/open-messaging/settings', { retryDelayMs: 200, maxRetries: 20 });
    await httpJson(stack.emulator.url, 'POST', `/emulator/conversations/${conversation.id}/agent/messages`, { text: 'written while you were away' });

    second = await startServer({
      genesys: {
        apiBase: stack.emulator.url, loginBase: stack.emulator.url, clientId: EMULATOR_DEFAULTS.clientId,
        clientSecret: EMULATOR_DEFAULTS.clientSecret, integrationId: EMULATOR_DEFAULTS.integrationId,
        webhookSecret: EMULATOR_DEFAULTS.webhookSecret,
      },
      sessionSecret: TEST_SESSION_SECRET,
      origins: { origins: [], allowLoopback: true },
      port,
    });
    // The widget comes back with its stored token.
    const resumed = await httpJson<{ guestId: string; resumed: boolean; token: string; websocketUrl: string }>(second.url, 'POST', '/api/session', { resumeToken: guest.session.token });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ guestId: guest.session.guestId, resumed: true });
    const back = await GuestClient.open(resumed.body as never);
    const ready = await back.next('ready');
    expect(ready.session).toMatchObject({ guestId: guest.session.guestId, resumed: true });
    await waitFor(() => back.frames.some((f) => (f.type === 'message' && f.message.text === 'written while you were away') ||
      (f.type === 'ready' && f.transcript.some((m) => m.text === 'written while you were away'))), 'the message written while away', 15_000);
    back.send({ type: 'message', id: 'after-restart', text: 'hello after the restart' });
    expect((await back.next('ack', (f) => f.id === 'after-restart')).state).toBe('sent');
    const after = await waitFor(async () => {
      const c = await conversationOf(stack!.emulator.url, guest.session.guestId);
      return c?.messages.some((m) => m.text === 'hello after the restart') ? c : undefined;
    }, 'the message after the restart');
    // One conversation, and it still carries the guest's routing data.
    expect(after.id).toBe(conversation.id);
    const all = (await httpJson<{ customerId: string }[]>(stack.emulator.url, 'GET', '/emulator/conversations')).body;
    expect(all.filter((c) => c.customerId === guest.session.guestId)).toHaveLength(1);
    expect(after.customAttributes).toMatchObject({ orderId: 'A-1', skill: 'Billing' });
    await back.close();
  });
});
