/**
 * `GET /metrics` (Prometheus text, prom-client): what an operator scrapes from each gateway instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationOf, GuestClient, httpJson, startStack, waitFor, type Stack } from './server-harness.js';

function value(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(name) && l.includes(labels) && !l.startsWith('#'));
  return line ? Number(line.split(' ').pop()) : NaN;
}

describe('server: /metrics', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('counts sockets, guests, messages both ways, Genesys calls by status, queue depth per lane and refused webhooks', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    guest.send({ type: 'message', id: 'metrics-1', text: 'count me' });
    await guest.next('ack', (f) => f.id === 'metrics-1');
    const conversation = await waitFor(() => conversationOf(stack.emulator.url, guest.session.guestId), 'the conversation');
    await httpJson(stack.emulator.url, 'POST', `/emulator/conversations/${conversation.id}/agent/messages`, { text: 'counted too' });
    await guest.next('message', (f) => f.message.text === 'counted too');
    const refused = await fetch(`${stack.server.url}/webhooks/genesys`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=nope' }, body: '{}' });
    expect(refused.status).toBe(401);

    const response = await fetch(`${stack.server.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(value(text, 'genesys_chat_sockets')).toBe(1);
    expect(value(text, 'genesys_chat_guests')).toBe(1);
    expect(value(text, 'genesys_chat_messages_in_total')).toBe(1);
    expect(value(text, 'genesys_chat_messages_out_total')).toBeGreaterThanOrEqual(2);
    expect(value(text, 'genesys_chat_genesys_calls_total', 'status="202"') || value(text, 'genesys_chat_genesys_calls_total', 'status="200"')).toBeGreaterThan(0);
    expect(value(text, 'genesys_chat_webhook_refused_total')).toBe(1);
    for (const lane of ['interactive', 'typing', 'receipt', 'background']) {
      expect(value(text, 'genesys_chat_outbound_queue_depth', `lane="${lane}"`)).toBeGreaterThanOrEqual(0);
    }
    // Nothing secret in it.
    expect(text).not.toContain('demo-client-secret');
    await guest.close();
  });
});
