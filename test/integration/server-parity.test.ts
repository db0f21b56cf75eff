/**
 * Gateway mode gives the widget what direct mode has, where Open Messaging can carry it (issue 8): a greeting before
 * the first message, Markdown, and the agent's own name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewaySessionResponse } from '../../src/protocol/gateway.js';
import { conversationOf, GuestClient, httpJson, startStack, waitFor, type Stack } from './server-harness.js';

const WELCOME = 'Hi! Ask us anything about your order.';

describe('gateway parity with direct mode', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ welcomeMessage: WELCOME, sessionRateLimitPerMinute: 1000 });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('greets a new guest once, and keeps the greeting in the transcript across reconnects', async () => {
    const session = (await httpJson<GatewaySessionResponse>(stack.server.url, 'POST', '/api/session', {})).body;
    const first = await GuestClient.open(session);
    const ready = await first.next('ready');
    expect(ready.session.resumed).toBe(false);
    expect(ready.transcript).toEqual([expect.objectContaining({ role: 'bot', text: WELCOME, direction: 'outbound' })]);
    expect(ready.features.markdown).toBe(true);
    await first.close();

    const again = await GuestClient.open(session);
    const readyAgain = await again.next('ready');
    expect(readyAgain.transcript.filter((m) => m.text === WELCOME)).toHaveLength(1); // not greeted twice
    const caughtUp = await GuestClient.open(session, readyAgain.seq);
    expect((await caughtUp.next('ready')).transcript).toEqual([]);
    await Promise.all([again.close(), caughtUp.close()]);
  });

  it('never sends the greeting to Genesys', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    guest.send({ type: 'message', id: 'parity-1', text: 'Where is my parcel?' });
    await guest.next('ack', (f) => f.id === 'parity-1');
    const conversation = await waitFor(() => conversationOf(stack.emulator.url, guest.session.guestId), 'the conversation');
    expect(conversation.messages.map((m) => m.text)).not.toContain(WELCOME);
    await guest.close();
  });

  it('shows the agent\'s name when Genesys sends it as channel.from.nickname', async () => {
    await httpJson(stack.emulator.url, 'PUT', '/emulator/open-messaging/settings', { outboundFrom: 'agent' });
    try {
      const guest = await GuestClient.connect(stack.server.url, {});
      guest.send({ type: 'message', id: 'parity-2', text: 'Can a person help?' });
      await guest.next('ack', (f) => f.id === 'parity-2');
      const conversation = await waitFor(() => conversationOf(stack.emulator.url, guest.session.guestId), 'the conversation');
      await httpJson(stack.emulator.url, 'POST', `/emulator/conversations/${conversation.id}/agent/take`, { agentId: 'agent-alex' });
      await httpJson(stack.emulator.url, 'POST', `/emulator/conversations/${conversation.id}/agent/messages`, { text: 'I am **here**.' });
      const reply = await guest.next('message', (f) => f.message.text === 'I am **here**.');
      expect(reply.message.sender?.name).toBe('Alex');
      expect(reply.message.role).toBe('agent');
      await guest.close();
    } finally {
      await httpJson(stack.emulator.url, 'PUT', '/emulator/open-messaging/settings', { outboundFrom: 'integration' });
    }
  });
});
