/**
 * The gateway socket's guards that a quiet refactor could drop without another test noticing (the mutation run of
 * server/guest-socket.ts found each unguarded, docs/mutation.md): the cap on sockets an address holds before they
 * authenticate, the refusal of a page's origin, the heartbeat that drops a dead peer, and who hears a broadcast.
 * Real server and emulator over real sockets.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayCloseCode, type GatewayServerFrame } from '../../src/protocol/gateway.js';
import {
  GuestClient, guestMessageTypes, rawGatewaySocket as rawSocket, startStack, waitFor, type RawGatewaySocket, type Stack,
} from './server-harness.js';

const CAP = 3;
const HEARTBEAT_MS = 150;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('gateway socket guards', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ maxUnauthenticatedSocketsPerAddress: CAP, socketHeartbeatMs: HEARTBEAT_MS, sessionRateLimitPerMinute: 1000 });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('an address holds at most the cap of sockets that have not authenticated; authenticating or closing frees its place, once', async () => {
    const guest = await GuestClient.connect(stack.server.url, {}); // a session to authenticate with, below
    await guest.close();
    await waitFor(() => stack.server.runtime.sockets.size === 0, 'no socket left open');
    const open: RawGatewaySocket[] = [];
    try {
      for (let i = 0; i < CAP; i++) open.push(await rawSocket(stack));
      const refused = await rawSocket(stack);
      expect(await refused.closed).toEqual({ code: GatewayCloseCode.PolicyViolation, reason: 'too many connections' });
      expect(refused.frames).toEqual([
        { type: 'error', code: 'rate-limited', message: 'Too many connections; try again shortly.', retryAfterSeconds: 10 },
      ]);
      expect(stack.logs.some((line) => line.includes('too many unauthenticated sockets from one address'))).toBe(true);

      // The first authenticates (its place is freed), then closes: its place must not be freed a second time.
      const first = open.shift()!;
      first.ws.send(JSON.stringify({ type: 'auth', token: guest.session.token }));
      await waitFor(() => first.frames.some((f) => f.type === 'ready'), 'ready on the first socket');
      first.ws.close();
      await first.closed;
      open.push(await rawSocket(stack)); // the cap again
      const over = await rawSocket(stack);
      expect((await over.closed).code).toBe(GatewayCloseCode.PolicyViolation);

      // An unauthenticated socket that closes frees its place.
      const leaving = open.shift()!;
      leaving.ws.close();
      await leaving.closed;
      await waitFor(() => stack.server.runtime.sockets.size === CAP - 1, 'the server to see it closed');
      const next = await rawSocket(stack);
      open.push(next);
      await sleep(50);
      expect(next.ws.readyState).toBe(WebSocket.OPEN);
      expect(next.frames).toEqual([]);
    } finally {
      for (const socket of open) socket.ws.close();
      await Promise.all(open.map((socket) => socket.closed));
    }
  });

  it('a page whose origin is not allowed hears why, is closed with 4003, and is logged with its origin', async () => {
    const other = await startStack({ origins: { origins: ['https://shop.example.com'], allowLoopback: false } });
    try {
      const evil = await rawSocket(other, { origin: 'https://evil.example.net' });
      expect(await evil.closed).toEqual({ code: GatewayCloseCode.OriginNotAllowed, reason: 'origin not allowed' });
      expect(evil.frames).toEqual([{ type: 'error', code: 'origin-not-allowed', message: 'This page is not allowed to use the chat server.' }]);
      const logged = other.logs.find((line) => line.includes('gateway socket from a page origin that is not allowed'));
      expect(logged).toContain('https://evil.example.net');
    } finally {
      await other.close();
    }
  });

  it('a token that is not ours is refused in words and closed with 4001', async () => {
    const socket = await rawSocket(stack);
    socket.ws.send(JSON.stringify({ type: 'auth', token: 'not-a-token' }));
    expect((await socket.closed).code).toBe(GatewayCloseCode.Unauthorized);
    expect(socket.frames).toEqual([{ type: 'error', code: 'unauthorized', message: 'The session token is not valid.' }]);
  });

  it('the heartbeat drops a peer that answers nothing, and keeps one that answers pings or sends frames', async () => {
    const silent = await rawSocket(stack, { autoPong: false });
    const answering = await rawSocket(stack);
    const talking = await rawSocket(stack, { autoPong: false });
    const talk = setInterval(() => talking.ws.send(JSON.stringify({ type: 'ping' })), HEARTBEAT_MS / 3);
    try {
      // Pinged at the first beat, dropped at the second when no pong came: 1006 on this side (no close frame).
      const dropped = await Promise.race([silent.closed, sleep(HEARTBEAT_MS * 20).then(() => null)]);
      expect(dropped?.code).toBe(1006);
      await sleep(HEARTBEAT_MS * 4);
      expect(answering.ws.readyState).toBe(WebSocket.OPEN);
      expect(talking.ws.readyState).toBe(WebSocket.OPEN);
    } finally {
      clearInterval(talk);
      answering.ws.close();
      talking.ws.close();
    }
  });

  it("a guest's typing after their first message reaches Genesys as a typing event, and as nothing else", async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    const genesys = guestMessageTypes(stack, guest.session.guestId);
    try {
      guest.send({ type: 'message', id: 'first', text: 'first words' });
      await guest.next('ack', (f) => f.id === 'first');
      await waitFor(() => genesys.types.includes('Text'), 'the message at Genesys');
      guest.send({ type: 'typing' });
      await waitFor(() => genesys.types.length > 1, 'the typing at Genesys');
      await sleep(100);
      expect(genesys.types).toEqual(['Text', 'Event']);
    } finally {
      genesys.stop();
      await guest.close();
    }
  });

  it('a broadcast (an availability change) reaches authenticated sockets only', async () => {
    const guest = await GuestClient.connect(stack.server.url, {});
    const anonymous = await rawSocket(stack);
    const frame: GatewayServerFrame = { type: 'availability', availability: { open: false } };
    stack.server.runtime.sockets.broadcast(frame);
    await waitFor(() => guest.frames.some((f) => f.type === 'availability' && f.availability.open === false), 'the guest to hear it');
    // The anonymous socket answers a ping after the broadcast went out: anything for it would have come first.
    anonymous.ws.send(JSON.stringify({ type: 'ping', id: 'after' }));
    await waitFor(() => anonymous.frames.length > 0, 'a pong');
    expect(anonymous.frames).toEqual([{ type: 'pong', id: 'after' }]);
    anonymous.ws.close();
    await guest.close();
  });
});
