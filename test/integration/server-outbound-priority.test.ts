/**
 * The outbound queue's lanes end to end: the real emulator and server, with the server's fetch recorded so the
 * test sees the order in which Platform API calls left (and how many background calls were still waiting then).
 */
import { describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from '../../server/config.js';
import type { RateQueue } from '../../server/rate-queue.js';
import { scheduleGroupPath } from '../../src/protocol/open-messaging.js';
import { conversationOf, GuestClient, httpJson, stackPerTest, waitFor, type Stack } from './server-harness.js';

interface RecordedCall {
  path: string;
  /** `channel.messageId` of an inbound message, when the call is one. */
  messageId?: string;
  /** Background calls waiting in the queue when this one left. */
  backgroundWaiting: number;
}

/** A fetch that records every Platform API call as it leaves, then does it for real. */
function recordingFetch(calls: RecordedCall[], queue: () => RateQueue | undefined): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname.startsWith('/api/v2/')) {
      let messageId: string | undefined;
      if (typeof init?.body === 'string' && url.pathname.endsWith('/inbound/open/message')) {
        messageId = (JSON.parse(init.body) as { channel?: { messageId?: string } }).channel?.messageId;
      }
      calls.push({ path: url.pathname, ...(messageId ? { messageId } : {}), backgroundWaiting: queue()?.waiting('background') ?? 0 });
    }
    return fetch(input, init);
  };
}

const MESSAGE_PATH = `/api/v2/conversations/messages/${EMULATOR_DEFAULTS.integrationId}/inbound/open/message`;

describe('server: guest calls go ahead of background Platform API calls', () => {
  const startStack = stackPerTest();

  async function start(calls: RecordedCall[], outboundRatePerSecond = 4): Promise<{ stack: Stack; queue: RateQueue }> {
    // The queue exists only once the server does; calls made while it starts record 0 waiting.
    const holder: { queue?: RateQueue } = {};
    const started = await startStack({ outboundRatePerSecond, fetchImpl: recordingFetch(calls, () => holder.queue) });
    holder.queue = started.server.runtime.platform.queue;
    return { stack: started, queue: holder.queue };
  }

  /** Queues `count` background lookups (what an availability refresh does) without waiting for them. */
  function queueBackground(s: Stack, count: number): void {
    for (let i = 0; i < count; i++) {
      s.server.runtime.platform.platformFetch(scheduleGroupPath(EMULATOR_DEFAULTS.scheduleGroupId), { retry: false, priority: 'background' })
        .catch(() => undefined);
    }
  }

  it('a guest\'s messages leave while background calls queued before them still wait, in the guest\'s order', async () => {
    const calls: RecordedCall[] = [];
    const { stack: s, queue } = await start(calls);
    const guest = await GuestClient.connect(s.server.url, { displayName: 'Ada' });
    await guest.next('availability');
    await waitFor(() => queue.waiting() === 0, 'the start-up calls to leave');
    const before = calls.length;
    queueBackground(s, 12);
    // At most three leave at once (one slot per second stays free for guests); the rest wait.
    await waitFor(() => calls.length - before + queue.waiting('background') === 12, 'the background calls to queue');
    expect(queue.waiting('background')).toBeGreaterThan(0);
    const ids = ['p-1', 'p-2', 'p-3'];
    for (const id of ids) guest.send({ type: 'message', id, text: `text ${id}` });
    for (const id of ids) expect((await guest.next('ack', (f) => f.id === id)).state).toBe('sent');

    const messageCalls = calls.filter((c) => c.path === MESSAGE_PATH);
    expect(messageCalls.map((c) => c.messageId)).toEqual(ids);
    // Every message left while background calls queued before it were still waiting: it went ahead of them.
    for (const call of messageCalls) expect(call.backgroundWaiting).toBeGreaterThan(0);
    const conversation = await waitFor(() => conversationOf(s.emulator.url, guest.session.guestId), 'the conversation');
    expect(conversation.messages.filter((m) => m.direction === 'Inbound').map((m) => m.text)).toEqual(ids.map((id) => `text ${id}`));
    await guest.close();
  });

  it('a 429 holds the background lane too: the retried message is the next call, ahead of the waiting lookups', async () => {
    const calls: RecordedCall[] = [];
    // A high rate: the window never holds anything back here, only the 429 pause can.
    const { stack: s, queue } = await start(calls, 50);
    const guest = await GuestClient.connect(s.server.url, {});
    await guest.next('availability');
    await waitFor(() => queue.waiting() === 0, 'the start-up calls to leave');
    await httpJson(s.emulator.url, 'POST', '/emulator/faults', { platform: { status: 429, retryAfter: 1, count: 1, path: '/inbound/open/message' } });
    guest.send({ type: 'message', id: 'rl-1', text: 'after the pause' });
    await waitFor(() => queue.paused, 'the 429 pause');
    // Queued during the pause, with free slots in the window: only the pause can hold them back.
    const before = calls.length;
    queueBackground(s, 6);
    await waitFor(() => queue.waiting('background') === 6, 'the background calls to queue');
    expect(calls.length).toBe(before);
    expect((await guest.next('ack', (f) => f.id === 'rl-1')).state).toBe('sent');

    const first = calls.findIndex((c) => c.messageId === 'rl-1');
    expect(first).toBeGreaterThanOrEqual(0);
    const next = calls[first + 1];
    expect(next).toMatchObject({ path: MESSAGE_PATH, messageId: 'rl-1' });
    expect(next!.backgroundWaiting).toBe(6);
    const conversation = await waitFor(() => conversationOf(s.emulator.url, guest.session.guestId), 'the conversation');
    expect(conversation.messages.filter((m) => m.text === 'after the pause')).toHaveLength(1);
    await guest.close();
  });
});
