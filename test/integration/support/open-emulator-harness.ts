/**
 * An emulator whose world sends Open Messaging webhooks to a local receiver, with an OAuth token for the Genesys
 * API: the setup shared by emulator tests that drive the Open Messaging inbound path.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { WorldFile } from '../../../emulator/world-file.js';
import {
  api, getToken, inboundMessage, inboundPath, INTEGRATION_ID, WebhookReceiver,
} from '../../../emulator/open-messaging/testing.js';
import { useEmulator, type EmulatorHarness } from './emulator-harness.js';

/** The emulator harness plus the webhook receiver, an API token and an inbound-message helper. */
export interface OpenEmulatorHarness extends EmulatorHarness {
  /** Receives every webhook the emulator sends. */
  readonly receiver: WebhookReceiver;
  /** A bearer token for the emulator's Genesys API. */
  readonly token: string;
  /** One inbound Open message (must answer 200); returns the conversation id Genesys prefetches. */
  inbound(customerId: string, text: string, integrationId?: string): Promise<string>;
}

/**
 * Starts a webhook receiver, then the emulator on 127.0.0.1 with `world(webhookUrl)`, then fetches a token;
 * stops them in reverse order after the tests.
 */
export function useOpenEmulator(world: (webhookUrl: string) => WorldFile): OpenEmulatorHarness {
  let receiver: WebhookReceiver | undefined;
  let webhookUrl = '';
  let token: string | undefined;

  beforeAll(async () => {
    receiver = new WebhookReceiver();
    webhookUrl = await receiver.start();
  });
  afterAll(async () => {
    await receiver?.stop();
  });
  // Registered after the receiver's hooks, so it starts after the receiver and closes before it.
  const emu = useEmulator(() => ({ host: '127.0.0.1', world: world(webhookUrl) }));
  beforeAll(async () => {
    token = await getToken(emu.url);
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not ready (read it inside a test or a later hook)`);
    return value;
  };

  return {
    get url() { return emu.url; },
    get ctx() { return emu.ctx; },
    get receiver() { return started(receiver, 'the webhook receiver'); },
    get token() { return started(token, 'the API token'); },
    guest: emu.guest,
    guestAt: emu.guestAt,
    configuredGuest: emu.configuredGuest,
    conversationOf: emu.conversationOf,
    async inbound(customerId: string, text: string, integrationId = INTEGRATION_ID): Promise<string> {
      const response = await api(emu.url, started(token, 'the API token'), 'POST', `${inboundPath('message', integrationId)}?prefetchConversationId=true`, inboundMessage(customerId, text));
      expect(response.status).toBe(200);
      return ((await response.json()) as { conversationId: string }).conversationId;
    },
  };
}
