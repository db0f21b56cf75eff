/**
 * Closing the emulator or the server must not wait for a connection that never sent a request. Browsers preconnect
 * (Chromium opens a socket it may never use); Fastify's default close waits for it until Node's 60 s header timeout,
 * which hung an end-to-end teardown.
 */
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.js';
import { stackPerTest } from './server-harness.js';

/** A TCP connection to `url` that sends nothing (or only the start of a request), as a preconnect does. */
async function silentConnection(url: string, partialRequest = false): Promise<{ socket: Socket; closed: Promise<void> }> {
  const socket = connect(Number(new URL(url).port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  if (partialRequest) socket.write('GET /health HTTP/1.1\r\nHost: test\r\n');
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, closed };
}

describe('shutdown with a silent connection open', () => {
  const start = stackPerTest();

  it('the emulator closes and drops a preconnected socket and a half-sent request', async () => {
    const emulator = await startEmulator({ port: 0 });
    const preconnect = await silentConnection(emulator.url);
    const halfSent = await silentConnection(emulator.url, true);
    await emulator.close();
    await Promise.all([preconnect.closed, halfSent.closed]);
    expect(preconnect.socket.destroyed && halfSent.socket.destroyed).toBe(true);
  });

  it('the server closes after its grace period and drops a preconnected socket', async () => {
    const stack = await start();
    const preconnect = await silentConnection(stack.server.url);
    await stack.server.close();
    await preconnect.closed;
    expect(preconnect.socket.destroyed).toBe(true);
  });
});
