/**
 * The network misbehaves and the guest loses nothing: a dropped socket while the agent keeps talking, frames that
 * arrive twice or out of order, and a browser that goes offline while the guest writes.
 */
import { test, expect, type ChatPage } from './fixtures.js';

/** Unique markers that are not substrings of each other: «agent-01», «agent-02», … */
function markers(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `«${prefix}-${String(i + 1).padStart(2, '0')}»`);
}

/** The emulator stamps channel time in milliseconds; keep consecutive sends on distinct instants. */
const nextMillisecond = () => new Promise((done) => setTimeout(done, 3));

async function agentConversation(chat: ChatPage) {
  await chat.open();
  await chat.send('start');
  return chat.conversationWithAgent();
}

test('the socket drops while the agent keeps sending: every message shows once, in order', async ({ chat, control }) => {
  const conversation = await agentConversation(chat);
  const before = markers('before', 2);
  const during = markers('during', 5);
  for (const text of before) await control.agentSend(conversation.id, { text });
  await chat.expectEachOnceInOrder(before, 'agent');

  await control.faults({ dropSockets: 'all' });
  // The agent goes on while the guest is away: these can only arrive through the gap-filling history fetch.
  for (const text of during) {
    await control.agentSend(conversation.id, { text });
    await nextMillisecond();
  }
  await chat.waitForStatus('online', 45_000);
  await control.agentSend(conversation.id, { text: '«after»' });
  await chat.expectEachOnceInOrder([...before, ...during, '«after»'], 'agent');
  // The guest's own message from before the drop is not duplicated by the history merge either.
  await expect(chat.messages('guest').filter({ hasText: 'start' })).toHaveCount(1);
  const statuses = (await chat.events('status')) as { status: string }[];
  expect(statuses.map((s) => s.status)).toContain('reconnecting');
});

test('reordered and duplicated frames render once each, in time order', async ({ chat, control }) => {
  // What really arrived on the wire, to prove the frames came out of order and twice.
  const arrived: string[] = [];
  chat.page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => {
    try {
      const frame = JSON.parse(String(payload)) as { class?: string; body?: { text?: string } };
      if (frame.class === 'StructuredMessage' && frame.body?.text?.startsWith('«')) arrived.push(frame.body.text);
    } catch { /* not JSON: not ours to judge here */ }
  }));
  const conversation = await agentConversation(chat);
  const sendAll = async (texts: string[]) => {
    for (const text of texts) {
      await control.agentSend(conversation.id, { text });
      await nextMillisecond();
    }
  };
  // One fault at a time: the emulator duplicates before it reorders, so together a frame only swaps with its copy.
  const reordered = markers('reordered', 6);
  await control.faults({ reorder: true });
  await sendAll(reordered);
  await control.clearFaults();
  const duplicated = markers('duplicated', 4);
  await control.faults({ duplicate: true });
  await sendAll(duplicated);
  await control.clearFaults();
  await control.agentSend(conversation.id, { text: '«last»' });

  await chat.expectEachOnceInOrder([...reordered, ...duplicated, '«last»'], 'agent');
  const wireOrder = arrived.filter((t) => t.startsWith('«reordered-'));
  expect(wireOrder, 'the reordered frames should have arrived out of order').not.toEqual(reordered);
  expect(wireOrder.slice().sort()).toEqual(reordered);
  expect(arrived.filter((t) => t.startsWith('«duplicated-')), 'each frame twice').toHaveLength(duplicated.length * 2);
  const messageEvents = (await chat.events('message')) as { message: { id: string; text: string } }[];
  const ids = new Set(messageEvents.filter((e) => /^«(reordered|duplicated)-/.test(e.message.text)).map((e) => e.message.id));
  expect(ids.size).toBe(reordered.length + duplicated.length);
});

test('a message written offline is queued and goes out exactly once when the network returns', async ({ chat, control, context }) => {
  const conversation = await agentConversation(chat);
  await context.setOffline(true);
  await chat.waitForStatus('offline');
  await chat.send('written on the train');
  // Nothing is lost and nothing is claimed: the bubble shows, pending.
  const bubble = chat.messages('guest').filter({ hasText: 'written on the train' });
  await expect(bubble).toHaveAttribute('data-state', 'pending');
  expect((await control.conversation(conversation.id)).messages.some((m) => m.text === 'written on the train'))
    .toBe(false);

  await context.setOffline(false);
  await chat.waitForStatus('online', 30_000);
  await expect(bubble).toHaveAttribute('data-state', 'sent');
  await expect(bubble).toHaveCount(1);
  await expect.poll(async () => (await control.conversation(conversation.id)).messages
    .filter((m) => m.direction === 'Inbound' && m.text === 'written on the train').length).toBe(1);
  await control.agentSend(conversation.id, { text: 'got it' });
  await chat.expectEachOnceInOrder(['written on the train', 'got it']);
});
