/**
 * Shared setup for the emulator's integration tests: one real emulator on port 0 per test file (or describe block),
 * and Web Messaging guest clients that are closed when the emulator is.
 */
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type EmulatorContext } from '../../../emulator/index.js';
import { GuestClient } from '../../../emulator/testing/guest-client.js';
import type { Conversation } from '../../../emulator/world.js';

export type RunningEmulator = Awaited<ReturnType<typeof startEmulator>>;
/** What `startEmulator` takes; the harness always adds `port: 0`. */
export type HarnessOptions = Omit<NonNullable<Parameters<typeof startEmulator>[0]>, 'port'>;
export type GuestOptions = NonNullable<Parameters<typeof GuestClient.connect>[1]>;

/** The running emulator plus guest helpers; read `url`/`ctx` only inside tests and later hooks. */
export interface EmulatorHarness {
  /** Base URL of the emulator (`http://127.0.0.1:<port>`). */
  readonly url: string;
  /** The emulator's context (world, faults, options). */
  readonly ctx: EmulatorContext;
  /** Connects a guest socket to this emulator; it is closed after the tests. */
  guest(options?: GuestOptions): Promise<GuestClient>;
  /** Connects a guest socket to another emulator (e.g. one a test starts itself); it is closed after the tests. */
  guestAt(url: string, options?: GuestOptions): Promise<GuestClient>;
  /** A guest that has already sent `configureSession`. */
  configuredGuest(options?: GuestOptions): Promise<GuestClient>;
  /** The Web Messaging conversation of a guest's session token in this emulator's world, if any. */
  conversationOf(guest: GuestClient): Conversation | undefined;
}

/**
 * Starts an emulator in `beforeAll` and closes it (after every guest it handed out) in `afterAll`.
 * `options` may be a function, called in `beforeAll`, when the options depend on earlier hooks (e.g. a webhook URL).
 */
export function useEmulator(options: HarnessOptions | (() => HarnessOptions | Promise<HarnessOptions>) = {}): EmulatorHarness {
  let running: RunningEmulator | undefined;
  const clients: GuestClient[] = [];

  const emulator = (): RunningEmulator => {
    if (!running) throw new Error('the emulator is not running (read it inside a test or a later hook)');
    return running;
  };

  beforeAll(async () => {
    const resolved = typeof options === 'function' ? await options() : options;
    running = await startEmulator({ port: 0, ...resolved });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await running?.close();
  });

  const guestAt = async (url: string, guestOptions: GuestOptions = {}): Promise<GuestClient> => {
    const client = await GuestClient.connect(url, guestOptions);
    clients.push(client);
    return client;
  };
  const guest = (guestOptions: GuestOptions = {}): Promise<GuestClient> => guestAt(emulator().url, guestOptions);

  return {
    get url() { return emulator().url; },
    get ctx() { return emulator().ctx; },
    guest,
    guestAt,
    async configuredGuest(guestOptions: GuestOptions = {}): Promise<GuestClient> {
      const client = await guest(guestOptions);
      await client.configure();
      return client;
    },
    conversationOf: (g) => emulator().ctx.world.conversations().find((c) => c.sessionToken === g.token),
  };
}
