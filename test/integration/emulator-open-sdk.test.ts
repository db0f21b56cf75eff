/**
 * The emulator driven the way Genesys' own Open Messaging samples drive Genesys Cloud (issue 13), through the
 * official Platform API SDK for JavaScript (`purecloud-platform-client-v2`, a root devDependency) pointed at the
 * emulator with its gateway setting:
 * - customer messages through the deprecated `postConversationsMessagesInboundOpen` (Slack and Ionic blueprints), the
 *   answer's fields the Ionic blueprint stores, receipts and typing through the per-integration endpoints;
 * - a webhook receiver that verifies `X-Hub-Signature-256` the samples' way (HMAC over `JSON.stringify(req.body)`)
 *   and the right way (HMAC over the raw bytes): both pass on the emulator's compact JSON; with the `noncanonical`
 *   fault only the raw-byte check passes, which is the point of the fault;
 * - the Platform calls from issue 10 that the SDK makes (empty-body DELETE with a JSON content type, schedules list,
 *   message details, routing queues).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import platformClient from 'purecloud-platform-client-v2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_PATH, loadWorldFile } from '../../emulator/world-load.js';
import type { WorldFile } from '../../emulator/world-file.js';
import { CLIENT_ID, CLIENT_SECRET, control, INTEGRATION_ID, INTEGRATION_SECRET, waitFor } from '../../emulator/open-messaging/testing.js';
import { useEmulator } from './support/emulator-harness.js';

interface SampleDelivery {
  body: Record<string, unknown>;
  /** The Slack blueprint's check: HMAC over JSON.stringify of the parsed body. */
  restringifiedOk: boolean;
  /** The check our server makes first: HMAC over the bytes received. */
  rawOk: boolean;
}

function signatureMatches(header: string | undefined, bytes: string | Buffer): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', INTEGRATION_SECRET).update(bytes).digest('base64')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A webhook endpoint as the samples write it (parse JSON, verify, answer 200). */
function startSampleWebhook(deliveries: SampleDelivery[]): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      const header = request.headers['x-hub-signature-256'];
      const signature = Array.isArray(header) ? header[0] : header;
      deliveries.push({ body, restringifiedOk: signatureMatches(signature, JSON.stringify(body)), rawOk: signatureMatches(signature, raw) });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/genesys`, server });
  }));
}

const deliveries: SampleDelivery[] = [];
let webhook: { url: string; server: Server } | undefined;
beforeAll(async () => {
  webhook = await startSampleWebhook(deliveries);
});
afterAll(async () => {
  webhook?.server.closeAllConnections();
  await new Promise<void>((resolve) => (webhook ? webhook.server.close(() => resolve()) : resolve()));
});

const emu = useEmulator(() => {
  const world = structuredClone(loadWorldFile(DEFAULT_WORLD_PATH)) as WorldFile;
  const [integration] = world.openMessaging?.integrations ?? [];
  if (!integration || !webhook) throw new Error('no integration or webhook');
  world.openMessaging = { integrations: [{ ...integration, outboundNotificationWebhookUrl: webhook.url }] };
  return { host: '127.0.0.1', world };
});

const client = platformClient.ApiClient.instance;
let conversations: InstanceType<typeof platformClient.ConversationsApi>;

beforeAll(async () => {
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: Number(new URL(emu.url).port) });
  await client.loginClientCredentialsGrant(CLIENT_ID, CLIENT_SECRET);
  conversations = new platformClient.ConversationsApi();
});
afterEach(async () => {
  await control(emu.url, 'DELETE', '/emulator/faults');
});

let seq = 0;
/** What the Slack blueprint sends for a Slack user's message (docs/genesyscloud/openmessaging.js). */
function slackMessage(userId: string, text: string): platformClient.Models.OpenNormalizedMessage {
  return {
    channel: {
      platform: 'Open', type: 'Private', messageId: `slack-ts-${++seq}`,
      to: { id: INTEGRATION_ID },
      from: { nickname: 'ana.silva', id: userId, idType: 'Opaque', firstName: 'Ana', lastName: 'Silva' },
      time: new Date().toISOString(),
    },
    type: 'Text', text, direction: 'Inbound',
  };
}

async function agentSays(conversationId: string, text: string): Promise<string> {
  const response = await control(emu.url, 'POST', `/emulator/conversations/${conversationId}/agent/messages`, { text });
  expect(response.status).toBeLessThan(300);
  return ((await response.json()) as { id: string }).id;
}

describe('Genesys\' Open Messaging samples through the official SDK', () => {
  it('the old inbound endpoint creates the conversation and answers what the Ionic blueprint stores', async () => {
    const user = `U-sdk-${Date.now()}`;
    const sent = slackMessage(user, 'Hello from Slack');
    const answer = await conversations.postConversationsMessagesInboundOpen(sent);
    // lambda-backend/index.js keeps id, type, text, direction and channel.id/platform/type/to.id/from.id/time/messageId.
    expect(answer.id).toBeTruthy();
    expect(answer).toMatchObject({ type: 'Text', text: 'Hello from Slack', direction: 'Inbound' });
    expect(answer.channel).toMatchObject({
      id: INTEGRATION_ID, platform: 'Open', type: 'Private', messageId: sent.channel.messageId,
      to: { id: INTEGRATION_ID }, from: { id: user, idType: 'Opaque' }, time: sent.channel.time,
    });
    const details = await conversations.getConversationsMessageDetails(answer.id ?? '');
    expect(details).toMatchObject({ id: answer.id, direction: 'inbound', messengerType: 'open' });
    expect(emu.ctx.world.getConversation(details.conversationId ?? '')?.customerId).toBe(user);
  });

  it('an agent reply reaches the sample webhook; both signature checks pass on compact JSON; receipt and typing go back', async () => {
    const user = `U-sdk-reply-${Date.now()}`;
    const first = await conversations.postConversationsMessagesInboundOpen(slackMessage(user, 'Where is my order?'));
    const { conversationId } = await conversations.getConversationsMessageDetails(first.id ?? '');
    const agentMessageId = await agentSays(conversationId ?? '', 'Let me check');
    const delivery = await waitFor(() => deliveries.find((d) => d.body.id === agentMessageId), 5000, 'the reply webhook');
    // The Slack route replies to req.body.channel.to.id and reads req.body.text for type Text.
    expect(delivery.body).toMatchObject({ type: 'Text', text: 'Let me check', direction: 'Outbound', channel: { id: INTEGRATION_ID, to: { id: user } } });
    expect(delivery.restringifiedOk).toBe(true);
    expect(delivery.rawOk).toBe(true);

    const receipt = await conversations.postConversationsMessageInboundOpenReceipt(INTEGRATION_ID, {
      id: agentMessageId, channel: { to: { id: user, idType: 'Opaque' }, time: new Date().toISOString() }, status: 'Delivered', isFinalReceipt: true,
    });
    expect(receipt).toMatchObject({ id: agentMessageId, type: 'Receipt', status: 'Delivered', direction: 'Outbound' });
    expect(receipt.channel.from.id).toBe(INTEGRATION_ID);
    expect(receipt.channel.to.id).toBe(user);
    const typing = await conversations.postConversationsMessageInboundOpenEvent(INTEGRATION_ID, {
      channel: { from: { id: user, idType: 'Opaque' }, time: new Date().toISOString() }, events: [{ eventType: 'Typing' }],
    });
    expect(typing.type).toBe('Event');
    const afterReceipt = await conversations.getConversationsMessageDetails(agentMessageId);
    expect(afterReceipt.status).toBe('delivery-success');
  });

  it('with the noncanonical webhook fault only the raw-byte check passes', async () => {
    const user = `U-sdk-raw-${Date.now()}`;
    const first = await conversations.postConversationsMessagesInboundOpen(slackMessage(user, 'Hi'));
    const { conversationId } = await conversations.getConversationsMessageDetails(first.id ?? '');
    await control(emu.url, 'POST', '/emulator/faults', { webhook: { json: 'noncanonical' } });
    const agentMessageId = await agentSays(conversationId ?? '', 'Ça marche — merci');
    const delivery = await waitFor(() => deliveries.find((d) => d.body.id === agentMessageId), 5000, 'the reply webhook');
    expect(delivery.body.text).toBe('Ça marche — merci');
    expect(delivery.rawOk).toBe(true);
    expect(delivery.restringifiedOk).toBe(false);
  });
});

describe('the Platform calls of issue 10 through the official SDK', () => {
  it('DELETE with the SDK\'s JSON content type and no body succeeds', async () => {
    const created = await conversations.postConversationsMessagingIntegrationsOpen({
      name: 'sdk temporary', outboundNotificationWebhookUrl: 'https://example.com/hook', outboundNotificationWebhookSignatureSecretToken: 'sdk-secret-0123456789',
    });
    await conversations.deleteConversationsMessagingIntegrationsOpenIntegrationId(created.id);
    await expect(conversations.getConversationsMessagingIntegrationsOpenIntegrationId(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it('lists schedules, lists queues sorted by name with an id filter, and reads a Queue with its common fields', async () => {
    const architect = new platformClient.ArchitectApi();
    const schedules = await architect.getArchitectSchedules();
    expect(schedules.entities?.map((s) => s.id)).toContain('demo-open-always');
    const routing = new platformClient.RoutingApi();
    const desc = await routing.getRoutingQueues({ sortOrder: 'desc' });
    expect(desc.entities?.map((q) => q.name)).toEqual(['General Support', 'Billing']);
    expect(desc.firstUri).toMatch(/^\/api\/v2\/routing\/queues\?/);
    const one = await routing.getRoutingQueues({ id: ['queue-billing'] });
    expect(one.entities?.map((q) => q.id)).toEqual(['queue-billing']);
    const queue = await routing.getRoutingQueue('queue-billing');
    expect(queue.division?.id).toBeTruthy();
    expect(queue.memberCount).toBe(2);
    expect(queue.mediaSettings?.message?.serviceLevel?.durationMs).toBeGreaterThan(0);
    const ewt = await routing.getRoutingQueueMediatypeEstimatedwaittime('queue-billing', 'message');
    expect(ewt.results?.every((r) => typeof r.estimatedWaitTimeSeconds === 'number')).toBe(true);
  });
});

describe('authenticated messaging through the official SDK (WebDeploymentsApi)', () => {
  it('exchanges a code signed in at the emulator\'s identity provider and refreshes the JWT', async () => {
    const { createHash, randomBytes } = await import('node:crypto');
    const redirectUri = 'http://127.0.0.1:5173/signed-in';
    const verifier = randomBytes(32).toString('base64url');
    const params = new URLSearchParams({
      response_type: 'code', client_id: 'demo-site', redirect_uri: redirectUri, scope: 'openid', nonce: 'sdk-nonce', sub: 'user-grace',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
    });
    const signedIn = await fetch(`${emu.url}/idp/authorize`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params.toString(),
    });
    const code = new URL(signedIn.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const deployments = new platformClient.WebDeploymentsApi();
    const tokens = await deployments.postWebdeploymentsTokenOauthcodegrantjwtexchange({
      deploymentId: 'auth-deployment', oauth: { code, redirectUri, codeVerifier: verifier, nonce: 'sdk-nonce' },
    });
    expect(tokens.jwt).toBeTruthy();
    expect(tokens.refreshToken).toBeTruthy();
    const refreshed = await deployments.postWebdeploymentsTokenRefresh({ body: { refreshToken: tokens.refreshToken ?? '', deploymentId: 'auth-deployment' } });
    expect(refreshed.jwt).toBeTruthy();
  });
});
