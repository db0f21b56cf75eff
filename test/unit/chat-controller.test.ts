import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactiveControllerHost } from 'lit';
import { ChatController, type ChatConnectionConfig } from '../../src/chat-controller.js';
import type { ChatMessage, MessageEventDetail, StatusEventDetail } from '../../src/model.js';
import { Backoff } from '../../src/transports/backoff.js';
import { chatError } from '../../src/connection/errors.js';
import { FakeHost, FakeTransport, agentMessage, echoOf } from './support/fake-transport.js';

const CONFIG: ChatConnectionConfig = { region: 'http://127.0.0.1:8787', deploymentId: 'demo-deployment', skill: 'Billing' };

interface Rig {
  host: FakeHost;
  controller: ChatController;
  transports: FakeTransport[];
  transport: () => FakeTransport;
  win: EventTarget;
  doc: EventTarget & { visibilityState: string };
  net: { online: boolean };
  config: { value: ChatConnectionConfig | null };
}

function rig(initial: ChatConnectionConfig | null = CONFIG): Rig {
  const host = new FakeHost();
  const transports: FakeTransport[] = [];
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const net = { online: true };
  const config = { value: initial };
  const controller = new ChatController(host as unknown as ReactiveControllerHost & HTMLElement, () => config.value, {
    createTransport: () => {
      const t = new FakeTransport();
      transports.push(t);
      return t;
    },
    backoff: new Backoff({ random: () => 0.5 }),
    window: win,
    document: doc,
    isOnline: () => net.online,
    logger: { warn: () => {}, debug: () => {} },
  });
  return { host, controller, transports, transport: () => transports[transports.length - 1] as FakeTransport, win, doc, net, config };
}

const statuses = (host: FakeHost): string[] => (host.events('genesys-chat:status') as StatusEventDetail[]).map((d) => d.status);
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ChatController: connection states', () => {
  it('registers with the host and connects on hostConnected when the config is complete', () => {
    const { host, controller, transport } = rig();
    expect(host.controllers).toContain(controller);
    const idleRenders = host.updates;
    controller.hostConnected();
    expect(controller.status).toBe('connecting');
    expect(transport().connects).toBe(1);
    // Each state change asks the host to render again.
    const connectingRenders = host.updates;
    expect(connectingRenders).toBeGreaterThan(idleRenders);
    transport().session();
    expect(controller.status).toBe('online');
    expect(controller.limits.maxMessageLength).toBe(100);
    expect(statuses(host)).toEqual(['connecting', 'online']);
    expect(host.updates).toBeGreaterThan(connectingRenders);
  });

  it('stays idle without a complete config, and connect() is idempotent', () => {
    const r = rig({ region: 'usw2.pure.cloud' });
    r.controller.hostConnected();
    expect(r.controller.status).toBe('idle');
    expect(r.transports.length).toBe(0);
    r.config.value = CONFIG;
    r.controller.connect();
    r.controller.connect();
    expect(r.transports.length).toBe(1);
    expect(r.transport().connects).toBe(1);
  });

  it('reconnects with backoff after a lost connection, and goes online again', () => {
    const { controller, transport, host } = rig();
    controller.hostConnected();
    transport().session();
    transport().closed(true, chatError('network', 'lost'));
    expect(controller.status).toBe('reconnecting');
    expect(transport().connects).toBe(1);
    vi.advanceTimersByTime(499);
    expect(transport().connects).toBe(1);
    vi.advanceTimersByTime(1); // 0.5 × 1000 ms
    expect(transport().connects).toBe(2);
    transport().closed(true, chatError('network', 'still down'));
    vi.advanceTimersByTime(1000); // 0.5 × 2000 ms
    expect(transport().connects).toBe(3);
    transport().session({ resumed: true });
    expect(controller.status).toBe('online');
    expect(statuses(host)).toEqual(['connecting', 'online', 'reconnecting', 'online']);
  });

  it('keeps reconnecting for as long as it takes (no give-up)', () => {
    const { controller, transport } = rig();
    controller.hostConnected();
    for (let i = 0; i < 50; i++) {
      transport().closed(true, chatError('network', 'down'));
      vi.advanceTimersByTime(30_000);
    }
    expect(transport().connects).toBe(51);
    expect(controller.status).toBe('reconnecting');
  });

  it('fails on a fatal error and stops retrying', () => {
    const { controller, transport, host } = rig();
    controller.hostConnected();
    transport().closed(false, chatError('deployment-not-found', 'No such deployment', { fatal: true }));
    expect(controller.status).toBe('failed');
    expect(controller.lastError?.code).toBe('deployment-not-found');
    vi.advanceTimersByTime(120_000);
    expect(transport().connects).toBe(1);
    expect((host.events('genesys-chat:error') as { code: string }[]).map((e) => e.code)).toContain('deployment-not-found');
    const last = (host.events('genesys-chat:status') as StatusEventDetail[]).at(-1);
    expect(last?.error?.code).toBe('deployment-not-found');
  });

  it('goes offline on window offline and reconnects at once on online', () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    r.net.online = false;
    r.win.dispatchEvent(new Event('offline'));
    expect(r.controller.status).toBe('offline');
    expect(r.transport().disconnects).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(r.transport().connects).toBe(1);
    r.net.online = true;
    r.win.dispatchEvent(new Event('online'));
    expect(r.transport().connects).toBe(2);
    expect(r.controller.status).toBe('reconnecting');
  });

  it('retries at once when the page becomes visible while reconnecting', () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    r.transport().closed(true, chatError('network', 'x'));
    r.transport().closed(true, chatError('network', 'x'));
    expect(r.transport().connects).toBe(1);
    r.doc.visibilityState = 'visible';
    r.doc.dispatchEvent(new Event('visibilitychange'));
    expect(r.transport().connects).toBe(2);
  });

  it('closes the socket on hostDisconnected without ending the conversation, and resumes on hostConnected', () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    r.controller.hostDisconnected();
    expect(r.transport().disconnects).toBeGreaterThan(0);
    expect(r.transport().ended).toBe(0);
    expect(r.controller.status).toBe('idle');
    r.win.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(60_000);
    expect(r.transport().connects).toBe(1);
    r.controller.hostConnected();
    expect(r.transport().connects).toBe(2);
  });

  it('reconfigure with the same config keeps the connection; a new deployment starts a fresh transcript', () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    r.transport().emit({ type: 'messages', messages: [agentMessage('a1', 1)], source: 'live' });
    r.controller.reconfigure();
    expect(r.transports.length).toBe(1);
    expect(r.controller.status).toBe('online');
    r.config.value = { ...CONFIG, deploymentId: 'other' };
    r.controller.reconfigure();
    expect(r.transports.length).toBe(2);
    expect(r.transports[0]?.disconnects).toBeGreaterThan(0);
    expect(r.controller.messages).toEqual([]);
    expect(r.controller.status).toBe('connecting');
  });
});

describe('ChatController: outbox', () => {
  it('queues messages sent while offline and sends each exactly once, in order, after reconnect', async () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().closed(true, chatError('network', 'down'));
    const a = r.controller.send('first');
    const b = r.controller.send('second');
    const c = r.controller.send('third');
    expect([a.state, b.state, c.state]).toEqual(['pending', 'pending', 'pending']);
    expect(r.transport().sent).toEqual([]);
    vi.advanceTimersByTime(1000);
    r.transport().session();
    await flush();
    expect(r.transport().sent.map((m) => m.text)).toEqual(['first', 'second', 'third']);
    expect(r.transport().sent.map((m) => m.id)).toEqual([a.id, b.id, c.id]);
    // echoes confirm them; a later reconnect sends nothing again
    r.transport().emit({ type: 'messages', source: 'live', messages: r.transport().sent.map((m, i) => echoOf(m, i)) });
    expect(r.controller.messages.map((m) => m.state)).toEqual(['sent', 'sent', 'sent']);
    r.transport().closed(true, chatError('network', 'x'));
    vi.advanceTimersByTime(1000);
    r.transport().session({ resumed: true });
    await flush();
    expect(r.transport().sent.length).toBe(3);
  });

  it('after a drop, resends an unconfirmed message only when history does not already have it', async () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    const delivered = r.controller.send('made it before the drop');
    const lost = r.controller.send('lost in the drop');
    expect(r.transport().sent.length).toBe(2);
    r.transport().closed(true, chatError('network', 'x'));
    const queued = r.controller.send('typed while reconnecting');
    r.transport().history = [echoOf({ id: delivered.id, text: delivered.text }, 1)];
    vi.advanceTimersByTime(1000);
    r.transport().session({ resumed: true });
    expect(r.transport().sent.length).toBe(2); // waits for the history check
    await flush();
    expect(r.transport().historyCalls).toBe(1);
    expect(r.transport().sent.slice(2).map((m) => m.id)).toEqual([lost.id, queued.id]);
    expect(r.controller.messages.find((m) => m.id === delivered.id)?.state).toBe('sent');
    expect(r.controller.messages.filter((m) => m.id === delivered.id).length).toBe(1);
  });

  it('marks a refused message failed with its reason, and retry sends it again with the same id', () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    const message = r.controller.send('hello');
    r.transport().emit({ type: 'send-failed', id: message.id, failure: { code: 'message-too-long', message: 'too long' } });
    const failed = r.controller.messages.find((m) => m.id === message.id);
    expect(failed?.state).toBe('failed');
    expect(failed?.failure?.code).toBe('message-too-long');
    expect(failed?.text).toBe('hello');
    r.controller.retry(message.id);
    expect(r.controller.messages.find((m) => m.id === message.id)?.state).toBe('pending');
    expect(r.transport().sent.map((m) => m.id)).toEqual([message.id, message.id]);
    const events = (r.host.events('genesys-chat:message') as MessageEventDetail[]).filter((d) => d.message.id === message.id);
    expect(events.map((d) => d.message.state)).toEqual(['pending', 'failed', 'pending']);
  });

  it('pauses sends until retryAfter on a 429 and fails the refused message with the wait', () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    const refused = r.controller.send('one');
    r.transport().emit({ type: 'rate-limited', retryAfterSeconds: 3 });
    r.transport().emit({ type: 'send-failed', id: refused.id, failure: { code: 'rate-limited', message: 'slow down', retryAfterSeconds: 3 } });
    expect(r.controller.rateLimitedUntil).toBe(Date.now() + 3000);
    r.controller.send('two');
    expect(r.transport().sent.map((m) => m.text)).toEqual(['one']);
    vi.advanceTimersByTime(3000);
    expect(r.controller.rateLimitedUntil).toBeNull();
    expect(r.transport().sent.map((m) => m.text)).toEqual(['one', 'two']);
    const failed = r.controller.messages.find((m) => m.id === refused.id);
    expect(failed?.failure).toMatchObject({ code: 'rate-limited', retryAfterSeconds: 3 });
  });

  it('refuses a too-long message without touching the transcript', () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    expect(() => r.controller.send('x'.repeat(101))).toThrowError(expect.objectContaining({ code: 'message-too-long' }));
    expect(r.controller.messages).toEqual([]);
    expect(r.transport().sent).toEqual([]);
  });

  it('keeps a message queued when the transport says not-connected, and sends it after the next session', () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    r.transport().sendError = Object.assign(new Error('x'), { code: 'not-connected', message: 'x', fatal: false });
    const m = r.controller.send('survives');
    expect(m.state).toBe('pending');
    r.transport().sendError = null;
    r.transport().closed(true, chatError('network', 'x'));
    vi.advanceTimersByTime(1000);
    r.transport().session();
    expect(r.transport().sent.map((s) => s.id)).toEqual([m.id]);
  });

  it('sends quick-reply answers as ButtonResponse through the outbox', () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    const question = agentMessage('q', 1);
    r.controller.answerQuickReply(question, { type: 'QuickReply', text: 'Yes', payload: 'yes' });
    expect(r.transport().quickReplies).toHaveLength(1);
    expect(r.transport().quickReplies[0]).toMatchObject({ answer: { text: 'Yes', payload: 'yes' }, originatingMessageId: 'q' });
    expect(r.controller.messages[0]).toMatchObject({ role: 'guest', state: 'pending', text: 'Yes' });
  });
});

describe('ChatController: receiving', () => {
  it('merges history after every reconnect: nothing lost, nothing twice, ordered by time', async () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    r.transport().emit({ type: 'messages', source: 'live', messages: [agentMessage('m1', 1), agentMessage('m3', 3)] });
    r.transport().closed(true, chatError('network', 'x'));
    r.transport().history = [agentMessage('m1', 1), agentMessage('m2', 2), agentMessage('m3', 3), agentMessage('m4', 4)];
    vi.advanceTimersByTime(1000);
    r.transport().session({ resumed: true });
    await flush();
    r.transport().emit({ type: 'messages', source: 'live', messages: [agentMessage('m4', 4), agentMessage('m5', 5)] });
    expect(r.controller.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    const dispatched = (r.host.events('genesys-chat:message') as MessageEventDetail[]).map((d) => d.message.id);
    expect(dispatched.sort()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('says a resumed session\'s history is loading until it is merged or failed, and asks the view to render then', async () => {
    const r = rig();
    r.controller.hostConnected();
    let deliver: (messages: ChatMessage[]) => void = () => undefined;
    r.transport().fetchHistory = () => new Promise<ChatMessage[]>((resolve) => { deliver = resolve; });
    r.transport().session({ resumed: true });
    expect(r.controller.status).toBe('online');
    expect(r.controller.historyLoading).toBe(true); // a view may wait for it (one paint with the transcript)
    const updates = r.host.updates;
    deliver([agentMessage('h1', 1)]);
    await flush();
    expect(r.controller.historyLoading).toBe(false);
    expect(r.controller.messages.map((m) => m.id)).toEqual(['h1']);
    expect(r.host.updates).toBeGreaterThan(updates);

    // A failed load ends it too, with a render request although nothing was merged.
    r.transport().closed(true, chatError('network', 'x'));
    r.transport().fetchHistory = () => Promise.reject(new Error('history refused'));
    vi.advanceTimersByTime(1000);
    r.transport().session({ resumed: true });
    expect(r.controller.historyLoading).toBe(true);
    const beforeFailure = r.host.updates;
    await flush();
    expect(r.controller.historyLoading).toBe(false);
    expect(r.host.updates).toBeGreaterThan(beforeFailure);
  });

  it('has no history loading for a new session, nor once the connection closed during the load', () => {
    const fresh = rig();
    fresh.controller.hostConnected();
    fresh.transport().session();
    expect(fresh.controller.historyLoading).toBe(false);

    const r = rig();
    r.controller.hostConnected();
    r.transport().fetchHistory = () => new Promise<ChatMessage[]>(() => undefined); // never answers
    r.transport().session({ resumed: true });
    expect(r.controller.historyLoading).toBe(true);
    r.transport().closed(true, chatError('network', 'x'));
    expect(r.controller.historyLoading).toBe(false);
  });

  it('shows agent typing until durationMs passes or the agent\'s next message arrives', () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    r.transport().emit({ type: 'typing', sender: { name: 'Sam' }, durationMs: 4000 });
    expect(r.controller.typing).toEqual({ name: 'Sam' });
    vi.advanceTimersByTime(4000);
    expect(r.controller.typing).toBeNull();
    r.transport().emit({ type: 'typing', durationMs: 5000 });
    expect(r.controller.typing).toEqual({});
    r.transport().emit({ type: 'messages', source: 'live', messages: [agentMessage('a', 1)] });
    expect(r.controller.typing).toBeNull();
    expect((r.host.events('genesys-chat:typing') as { typing: boolean }[]).map((d) => d.typing)).toEqual([true, false, true, false]);
  });

  it('ignores agent typing when the deployment turns the indicator off', () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().emit({ type: 'features', features: { agentTyping: false } });
    r.transport().session();
    r.transport().emit({ type: 'typing', durationMs: 5000 });
    expect(r.controller.typing).toBeNull();
  });

  it('becomes ended and read-only on a read-only disconnect; new sends fail as read-only, text kept', () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    r.transport().emit({ type: 'read-only' });
    expect(r.controller.status).toBe('ended');
    expect(r.controller.readOnly).toBe(true);
    const m = r.controller.send('anyone there?');
    expect(m).toMatchObject({ state: 'failed', text: 'anyone there?', failure: { code: 'read-only' } });
    expect(r.transport().sent).toEqual([]);
  });

  it('starts a new conversation from ended: empty transcript, online again', async () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    r.transport().emit({ type: 'messages', source: 'live', messages: [agentMessage('old', 1)] });
    r.transport().emit({ type: 'read-only' });
    await r.controller.startNewConversation();
    expect(r.transport().startedNew).toBe(1);
    expect(r.controller.messages).toEqual([]);
    r.transport().session();
    expect(r.controller.status).toBe('online');
    expect(r.controller.readOnly).toBe(false);
  });

  it('ends the conversation: transport closes the session, status ended', async () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    await r.controller.endConversation();
    expect(r.transport().ended).toBe(1);
    expect(r.controller.status).toBe('ended');
    vi.advanceTimersByTime(60_000);
    expect(r.transport().connects).toBe(1);
  });

  it('a session expiry (closed, no reconnect) ends the conversation with the reason', () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    r.transport().closed(false, chatError('session-expired', 'expired'));
    expect(r.controller.status).toBe('ended');
    expect(r.controller.lastError?.code).toBe('session-expired');
  });

  it('clears the transcript on `cleared` and reconnects at once after the clean close', () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    r.transport().emit({ type: 'messages', source: 'live', messages: [agentMessage('a', 1)] });
    r.transport().emit({ type: 'cleared' });
    r.transport().closed(true);
    expect(r.controller.messages).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(r.transport().connects).toBe(2);
  });
});

describe('ChatController: attachments and typing', () => {
  const file = (name: string, type: string, size: number): File => new File([new Uint8Array(size)], name, { type });

  it('refuses files by type, extension and size before any upload', async () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().emit({ type: 'features', features: { attachments: true } });
    r.transport().session();
    await expect(r.controller.uploadAttachment(file('a.pdf', 'application/pdf', 10))).rejects.toMatchObject({ code: 'attachment-type-not-allowed' });
    await expect(r.controller.uploadAttachment(file('a.exe', 'image/png', 10))).rejects.toMatchObject({ code: 'attachment-type-not-allowed' });
    await expect(r.controller.uploadAttachment(file('big.png', 'image/png', 2048))).rejects.toMatchObject({ code: 'attachment-too-large' });
    expect(r.transport().uploads).toEqual([]);
    await expect(r.controller.uploadAttachment(file('ok.png', 'image/png', 100))).resolves.toMatchObject({ id: 'att-1' });
  });

  it('refuses uploads when the deployment has attachments off', async () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    await expect(r.controller.uploadAttachment(file('ok.png', 'image/png', 1))).rejects.toMatchObject({ code: 'attachment-type-not-allowed' });
  });

  it('passes typing on only when online and allowed', () => {
    const r = rig();
    r.controller.hostConnected();
    r.controller.notifyTyping();
    expect(r.transport().typings).toBe(0);
    r.transport().session();
    r.controller.notifyTyping();
    expect(r.transport().typings).toBe(1);
    r.transport().emit({ type: 'features', features: { guestTyping: false } });
    r.controller.notifyTyping();
    expect(r.transport().typings).toBe(1);
  });
});

describe('ChatController: events', () => {
  it('dispatches message events once per new message and again when a guest message changes state', () => {
    const r = rig();
    r.controller.hostConnected();
    r.transport().session();
    const mine = r.controller.send('hi');
    r.transport().emit({ type: 'messages', source: 'live', messages: [echoOf({ id: mine.id, text: 'hi' }, 1)] });
    r.transport().emit({ type: 'messages', source: 'live', messages: [echoOf({ id: mine.id, text: 'hi' }, 1)] });
    const events = r.host.events('genesys-chat:message') as MessageEventDetail[];
    expect(events.map((d) => [d.message.id, d.message.state, d.source])).toEqual([
      [mine.id, 'pending', 'local'], [mine.id, 'sent', 'live'],
    ]);
    const first = events[0] as MessageEventDetail;
    expect(first.message).toMatchObject({ id: mine.id, role: 'guest', direction: 'inbound', text: 'hi', state: 'pending', content: [] });
    expect(Number.isNaN(Date.parse(first.message.time))).toBe(false);
  });

  it('dispatches bubbling, composed CustomEvents', () => {
    const r = rig();
    const seen: CustomEvent[] = [];
    r.host.addEventListener('genesys-chat:status', (e) => seen.push(e as CustomEvent));
    r.controller.hostConnected();
    expect(seen[0]?.bubbles).toBe(true);
    expect(seen[0]?.composed).toBe(true);
    expect(seen[0]?.detail).toEqual({ status: 'connecting', previous: 'idle' });
  });
});
