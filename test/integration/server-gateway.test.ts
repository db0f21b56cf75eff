import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationOf, GuestClient, httpJson, startStack, waitFor, type Stack } from './server-harness.js';

describe('gateway: guest <-> server <-> emulator (Open Messaging)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('a guest message reaches the emulator conversation and an agent reply reaches the guest socket', async () => {
    const guest = await GuestClient.connect(stack.server.url, { skill: 'Billing', displayName: 'Ana', customAttributes: { orderId: 'A-991' } });
    guest.send({ type: 'message', id: 'msg-1', text: 'Hello, my order has not arrived' });
    const ack = await guest.next('ack', (f) => f.id === 'msg-1');
    expect(ack.state).toBe('sent');
    const echo = await guest.next('message', (f) => f.message.id === 'msg-1');
    expect(echo.message).toMatchObject({ direction: 'inbound', role: 'guest', state: 'sent', text: 'Hello, my order has not arrived' });

    const conversation = await waitFor(() => conversationOf(stack.emulator.url, guest.session.guestId), 'the conversation');
    expect(conversation.messages.some((m) => m.text === 'Hello, my order has not arrived')).toBe(true);
    expect(conversation.customAttributes).toMatchObject({ orderId: 'A-991', skill: 'Billing' });
    expect(conversation.customAttributes.verified).toBeUndefined();

    const sent = await httpJson(stack.emulator.url, 'POST', `/emulator/conversations/${conversation.id}/agent/messages`, { text: 'Hi Ana, let me check.' });
    expect(sent.status).toBeLessThan(300);
    const reply = await guest.next('message', (f) => f.message.text === 'Hi Ana, let me check.');
    expect(reply.message).toMatchObject({ direction: 'outbound', role: 'agent', state: 'sent' });
    // The server tells Genesys the agent's message was delivered.
    await waitFor(async () => {
      const om = await httpJson<{ receipts: { id: string; status: string }[] }>(stack.emulator.url, 'GET', '/emulator/open-messaging');
      return om.body.receipts.some((r) => r.id === reply.message.id && r.status === 'Delivered');
    }, 'a Delivered receipt');
    await guest.close();
  });

  it('agent typing reaches the guest; guest typing goes to Genesys after the first message, throttled', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    guest.send({ type: 'message', id: 'typing-1', text: 'hi' });
    await guest.next('ack', (f) => f.id === 'typing-1');
    const conversation = await waitFor(() => conversationOf(stack.emulator.url, guest.session.guestId), 'the conversation');
    await httpJson(stack.emulator.url, 'POST', `/emulator/conversations/${conversation.id}/agent/typing`, {});
    const typing = await guest.next('typing');
    expect(typing.durationMs).toBeGreaterThan(0);

    // The emulator does not store typing events in the transcript; listen to its world instead.
    const typingEvents: string[] = [];
    const onGuest = (c: { customerId?: string }, m: { type: string }) => {
      if (c.customerId === guest.session.guestId && m.type === 'Event') typingEvents.push(m.type);
    };
    stack.emulator.ctx.world.on('guest-message', onGuest);
    guest.send({ type: 'typing' });
    guest.send({ type: 'typing' });
    guest.send({ type: 'typing' });
    guest.send({ type: 'message', id: 'typing-2', text: 'after typing' });
    await guest.next('ack', (f) => f.id === 'typing-2');
    const after = await waitFor(async () => {
      const c = await conversationOf(stack.emulator.url, guest.session.guestId);
      return c?.messages.some((m) => m.text === 'after typing') ? c : undefined;
    }, 'the second message');
    expect(after.messages.some((m) => m.text === 'after typing')).toBe(true);
    // Typing rides a lower lane than messages, so it may reach Genesys after the message that followed it.
    await waitFor(() => typingEvents.length > 0 && stack.server.runtime.platform.queue.waiting() === 0, 'the typing event');
    stack.emulator.ctx.world.off('guest-message', onGuest);
    expect(typingEvents).toHaveLength(1);
    await guest.close();
  });

  it('a guest who is away gets the agent messages on return, and Genesys gets the Delivered receipt then', async () => {
    const first = await GuestClient.connect(stack.server.url, {});
    first.send({ type: 'message', id: 'away-1', text: 'I will be right back' });
    await first.next('ack', (f) => f.id === 'away-1');
    const seq = Math.max(...first.frames.flatMap((f) => (f.type === 'message' ? [f.seq] : f.type === 'ready' ? [f.seq] : [])));
    await first.close();
    const conversation = await waitFor(() => conversationOf(stack.emulator.url, first.session.guestId), 'the conversation');
    await httpJson(stack.emulator.url, 'POST', `/emulator/conversations/${conversation.id}/agent/messages`, { text: 'Are you still there?' });
    // The webhook reached the server while no socket was open (buffered, no receipt yet).
    await waitFor(async () => {
      const d = await httpJson<{ deliveries: { payload: { text?: string }; outcome: string }[] }>(stack.emulator.url, 'GET', '/emulator/webhooks/deliveries');
      return d.body.deliveries.some((x) => x.payload.text === 'Are you still there?' && x.outcome === 'delivered');
    }, 'the webhook delivery');

    const back = await GuestClient.open(first.session, seq);
    const ready = await back.next('ready');
    expect(ready.session.resumed).toBe(true);
    expect(ready.transcript.map((m) => m.text)).toEqual(['Are you still there?']);
    await waitFor(async () => {
      const om = await httpJson<{ receipts: { id: string; status: string }[] }>(stack.emulator.url, 'GET', '/emulator/open-messaging');
      return om.body.receipts.some((r) => r.id === ready.transcript[0]!.id && r.status === 'Delivered');
    }, 'the Delivered receipt after return');
    await back.close();
  });
});
