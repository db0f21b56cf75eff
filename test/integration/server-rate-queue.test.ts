/**
 * The outbound queue's lanes, driven by an injected clock (no waiting, no wall-clock assertions): what starts, in
 * which order, as seen by the tasks themselves or by a recording fetch behind the real PlatformClient and bridge.
 */
import { describe, expect, it } from 'vitest';
import { OAuthClient, PlatformClient } from '../../server/oauth.js';
import { OpenMessagingBridge, TYPING_STALE_MS } from '../../server/open-messaging-bridge.js';
import { QueueDroppedError, RateQueue, type OutboundPriority, type QueueClock, type RunOptions } from '../../server/rate-queue.js';
import type { Guest } from '../../server/session.js';

/** A clock that moves only when told to. */
class ManualClock implements QueueClock {
  private time = 1_000_000;
  private timers: { at: number; fn: () => void; cancelled: boolean }[] = [];

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, fn, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Moves time forward, firing due timers in time order. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.cancelled = true;
      this.time = due.at;
      due.fn();
    }
    this.time = target;
    this.timers = this.timers.filter((t) => !t.cancelled);
  }
}

/** A queue plus the names of the tasks it started, in start order, with their (clock) start times. */
function harness(perSecond: number, interactiveReserve?: number) {
  const clock = new ManualClock();
  const queue = new RateQueue({ perSecond, clock, ...(interactiveReserve !== undefined ? { interactiveReserve } : {}) });
  const started: string[] = [];
  const startTimes: number[] = [];
  const outcomes = new Map<string, string>();
  const add = (name: string, priority: OutboundPriority, options: RunOptions = {}) => {
    queue.run(async () => {
      started.push(name);
      startTimes.push(clock.now());
      return name;
    }, { priority, ...options }).then(
      () => outcomes.set(name, 'ran'),
      (error: unknown) => outcomes.set(name, error instanceof QueueDroppedError ? error.reason : 'error'),
    );
  };
  return { clock, queue, started, startTimes, outcomes, add };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('server: outbound queue lanes (injected clock)', () => {
  it('a guest message queued behind N background calls starts before all of them', () => {
    // One call per second, no reserved slot: the message really has to wait its turn.
    const { clock, queue, started, add } = harness(1, 0);
    for (let i = 1; i <= 5; i++) add(`bg${i}`, 'background');
    expect(started).toEqual(['bg1']);
    add('msg', 'interactive');
    expect(queue.waiting('background')).toBe(4);
    expect(started).toEqual(['bg1']);
    clock.advance(1000);
    expect(started).toEqual(['bg1', 'msg']);
    clock.advance(4000);
    expect(started).toEqual(['bg1', 'msg', 'bg2', 'bg3', 'bg4', 'bg5']);
  });

  it('keeps a slot per window for guests, so background lookups cannot fill the whole rate', () => {
    const { queue, started, add } = harness(4);
    for (let i = 1; i <= 6; i++) add(`bg${i}`, 'background');
    expect(started).toEqual(['bg1', 'bg2', 'bg3']);
    add('msg', 'interactive');
    expect(started).toEqual(['bg1', 'bg2', 'bg3', 'msg']);
    expect(queue.waiting('background')).toBe(3);
  });

  it('never starts more than perSecond calls in any one-second window, all lanes together', () => {
    const { clock, startTimes, add } = harness(3);
    const lanes: OutboundPriority[] = ['background', 'interactive', 'typing'];
    for (let i = 0; i < 30; i++) add(`c${i}`, lanes[i % 3]!);
    clock.advance(15_000);
    expect(startTimes).toHaveLength(30);
    for (const t of startTimes) {
      expect(startTimes.filter((s) => s > t - 1000 && s <= t).length).toBeLessThanOrEqual(3);
    }
  });

  it('keeps each guest\'s messages in the order they were queued', () => {
    const { clock, started, add } = harness(1, 0);
    add('bg1', 'background');
    for (const name of ['a1', 'b1', 'a2', 'bg2', 'b2', 'a3']) add(name, name.startsWith('bg') ? 'background' : 'interactive');
    clock.advance(10_000);
    expect(started).toEqual(['bg1', 'a1', 'b1', 'a2', 'b2', 'a3', 'bg2']);
    expect(started.filter((n) => n.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
  });

  it('a 429 pause holds every lane, including calls queued before it, until it ends', () => {
    const { clock, queue, started, add } = harness(10);
    add('first', 'background');
    queue.pauseFor(2000);
    add('bg', 'background');
    add('typing', 'typing', { coalesceKey: 'g1' });
    add('msg', 'interactive');
    clock.advance(1999);
    expect(started).toEqual(['first']);
    expect(queue.paused).toBe(true);
    clock.advance(1);
    expect(started).toEqual(['first', 'msg', 'typing', 'bg']);
  });

  it('a 429 met by a background call pauses the guest lane too', () => {
    const { clock, queue, started, add } = harness(10);
    queue.pauseFor(1000);
    add('msg', 'interactive');
    clock.advance(500);
    expect(started).toEqual([]);
    clock.advance(500);
    expect(started).toEqual(['msg']);
  });

  it('coalesces typing per guest, drops stale typing, and never lets typing delay a message', async () => {
    const { clock, started, outcomes, add } = harness(1, 0);
    add('bg', 'background');
    add('typing-g1-old', 'typing', { coalesceKey: 'g1' });
    add('typing-g1-new', 'typing', { coalesceKey: 'g1' });
    add('typing-g2', 'typing', { coalesceKey: 'g2', dropAfterMs: 1500 });
    add('msg', 'interactive');
    clock.advance(1000);
    clock.advance(1000);
    clock.advance(1000);
    await settle();
    expect(started).toEqual(['bg', 'msg', 'typing-g1-new']);
    expect(outcomes.get('typing-g1-old')).toBe('coalesced');
    expect(outcomes.get('typing-g2')).toBe('stale');
  });

  it('close() rejects the calls still waiting', async () => {
    const { queue, started, outcomes, add } = harness(1, 0);
    add('bg1', 'background');
    add('bg2', 'background');
    queue.close();
    await settle();
    expect(started).toEqual(['bg1']);
    expect(outcomes.get('bg2')).toBe('closed');
  });
});

describe('server: PlatformClient and bridge use the lanes', () => {
  function platformStack() {
    const clock = new ManualClock();
    const calls: string[] = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.endsWith('/oauth/token')) {
        return new Response(JSON.stringify({ access_token: 'tok', expires_in: 3600, token_type: 'bearer' }), { status: 200 });
      }
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) as { channel?: { messageId?: string } } : undefined;
      calls.push(`${new URL(url).pathname}${body?.channel?.messageId ? `#${body.channel.messageId}` : ''}`);
      return new Response('{}', { status: 200 });
    };
    const oauth = new OAuthClient({ loginBase: 'http://genesys.test', clientId: 'id', clientSecret: 's', fetchImpl });
    const queue = new RateQueue({ perSecond: 1, interactiveReserve: 0, clock });
    const platform = new PlatformClient({ apiBase: 'http://genesys.test', oauth, fetchImpl, queue });
    const bridge = new OpenMessagingBridge(platform, 'int-1');
    return { clock, calls, queue, platform, bridge };
  }

  function guest(guestId: string): Guest {
    return {
      guestId, customAttributes: {}, connections: new Set(), hasSentMessage: true,
      lastTypingAt: 0, lastActiveAt: 0, outbox: Promise.resolve(),
    };
  }

  it('a guest message, then coalesced typing, then its receipt go before queued availability calls', async () => {
    const { clock, calls, queue, platform, bridge } = platformStack();
    await platform.platformFetch('/api/v2/warmup', { priority: 'background' });
    const background = ['/api/v2/a', '/api/v2/b', '/api/v2/c'].map((p) => platform.platformFetch(p, { retry: false }));
    const g = guest('g-1');
    const typing = [bridge.sendTyping(g), bridge.sendTyping(g)];
    await settle();
    const message = bridge.sendMessage(g, { type: 'message', id: 'm-1', text: 'hello' }, new Date(0).toISOString());
    const receipt = bridge.sendReceipt('g-1', 'payload-1', 'Delivered');
    await settle();
    expect(queue.waiting()).toBe(6);
    for (let i = 0; i < 10; i++) {
      clock.advance(1000);
      await settle();
    }
    await Promise.all([...background, ...typing, message, receipt]);
    expect(calls).toEqual([
      '/api/v2/warmup',
      '/api/v2/conversations/messages/int-1/inbound/open/message#m-1',
      '/api/v2/conversations/messages/int-1/inbound/open/event',
      '/api/v2/conversations/messages/int-1/inbound/open/receipt',
      '/api/v2/a', '/api/v2/b', '/api/v2/c',
    ]);
  });

  it('typing that cannot leave before it is stale is dropped, not sent late', async () => {
    const { clock, calls, queue, platform, bridge } = platformStack();
    queue.pauseFor(TYPING_STALE_MS + 1000);
    const typing = bridge.sendTyping(guest('g-2'));
    await settle();
    expect(queue.waiting('typing')).toBe(1);
    clock.advance(TYPING_STALE_MS + 1000);
    await typing;
    await platform.platformFetch('/api/v2/after', { priority: 'interactive' });
    expect(calls).toEqual(['/api/v2/after']);
  });
});

describe('server: receipts never hold back guest messages (issue 9, defect 3)', () => {
  function receiptStack(perSecond = 1) {
    const clock = new ManualClock();
    const calls: string[] = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.endsWith('/oauth/token')) {
        return new Response(JSON.stringify({ access_token: 'tok', expires_in: 3600, token_type: 'bearer' }), { status: 200 });
      }
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) as { id?: string; channel?: { messageId?: string } } : undefined;
      const path = new URL(url).pathname;
      calls.push(path.endsWith('/receipt') ? `receipt#${body?.id}` : `message#${body?.channel?.messageId}`);
      return new Response('{}', { status: 200 });
    };
    const oauth = new OAuthClient({ loginBase: 'http://genesys.test', clientId: 'id', clientSecret: 's', fetchImpl });
    const queue = new RateQueue({ perSecond, interactiveReserve: 0, clock });
    const platform = new PlatformClient({ apiBase: 'http://genesys.test', oauth, fetchImpl, queue });
    const bridge = new OpenMessagingBridge(platform, 'int-1');
    const guest: Guest = {
      guestId: 'g-1', customAttributes: {}, connections: new Set(), hasSentMessage: true,
      lastTypingAt: 0, lastActiveAt: 0, outbox: Promise.resolve(),
    };
    const drain = async (seconds: number) => {
      for (let i = 0; i < seconds; i++) {
        clock.advance(1000);
        await settle();
      }
    };
    return { clock, calls, queue, bridge, guest, drain };
  }

  it('a guest message queued after many receipts leaves before them', async () => {
    const { calls, bridge, guest, drain } = receiptStack();
    await bridge.sendReceipt('warm', 'warm-up', 'Delivered');
    const receipts = Array.from({ length: 8 }, (_, i) => bridge.sendReceipt(`g-${i}`, `p-${i}`, 'Delivered'));
    await settle();
    const message = bridge.sendMessage(guest, { type: 'message', id: 'm-1', text: 'hello' }, new Date(0).toISOString());
    await drain(12);
    await Promise.all([...receipts, message]);
    // The first receipt may already have left; the message goes next, ahead of the other seven.
    const at = calls.indexOf('message#m-1');
    expect(at).toBeGreaterThan(-1);
    expect(calls.slice(at + 1).filter((c) => c.startsWith('receipt#p-')).length).toBeGreaterThanOrEqual(7);
  });

  it('Delivered receipts waiting for one guest are coalesced into the newest; Failed ones never are', async () => {
    const { calls, bridge, drain } = receiptStack();
    await bridge.sendReceipt('warm', 'warm-up', 'Delivered');
    const sent = [
      bridge.sendReceipt('g-1', 'a-1', 'Delivered'),
      bridge.sendReceipt('g-1', 'a-2', 'Delivered'),
      bridge.sendReceipt('g-1', 'f-1', 'Failed', { code: 'MessageExpired', message: 'gone' }),
      bridge.sendReceipt('g-1', 'a-3', 'Delivered'),
      bridge.sendReceipt('g-2', 'b-1', 'Delivered'),
    ];
    await settle();
    await drain(10);
    await Promise.all(sent);
    expect(calls.slice(1).sort()).toEqual(['receipt#a-3', 'receipt#b-1', 'receipt#f-1']);
  });

  it('under pressure the receipt lane drops its oldest entries, and nothing else', async () => {
    const clock = new ManualClock();
    const queue = new RateQueue({ perSecond: 1, interactiveReserve: 0, clock, maxWaiting: { receipt: 3 } });
    const outcomes: string[] = [];
    const started: string[] = [];
    const add = (name: string, priority: OutboundPriority) => queue.run(async () => started.push(name), { priority }).then(
      () => outcomes.push(`${name}:ran`),
      (error: unknown) => outcomes.push(`${name}:${error instanceof QueueDroppedError ? error.reason : 'error'}`),
    );
    const all = [add('first', 'interactive'), ...['r1', 'r2', 'r3', 'r4', 'r5'].map((n) => add(n, 'receipt')), add('m1', 'interactive')];
    await settle();
    expect(queue.waiting('receipt')).toBe(3);
    for (let i = 0; i < 6; i++) clock.advance(1000);
    await Promise.all(all);
    expect(started).toEqual(['first', 'm1', 'r3', 'r4', 'r5']);
    expect(outcomes.filter((o) => !o.endsWith(':ran')).sort()).toEqual(['r1:overflow', 'r2:overflow']);
  });
});
