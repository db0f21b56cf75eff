/**
 * The agent desk (`/desk`) end to end: a guest on a real Web Messaging socket (Node `ws`, as the spec describes),
 * a person at the desk in Chromium, and the real emulator in between. What the agent does on the page must reach
 * the guest's socket as Genesys-shaped StructuredMessages.
 */
import { randomUUID } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { startEmulator } from '../../emulator/index.js';
import type { EmulatorContext } from '../../emulator/context.js';
import {
  isRecord, webMessagingSocketUrl, type Frame, type StructuredMessageBody,
} from '../../src/protocol/web-messaging.js';

const DEPLOYMENT_ID = 'demo-deployment';

/** A guest that speaks the Web Messaging protocol over a real socket and records every frame it receives. */
class Guest {
  readonly frames: Frame[] = [];
  readonly token = randomUUID();
  private waiters: (() => void)[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const parsed: unknown = JSON.parse(String(data));
      if (isRecord(parsed)) this.frames.push(parsed as unknown as Frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Opens the socket with an allowed Origin and configures a new session. */
  static async connect(emulatorUrl: string): Promise<Guest> {
    const url = webMessagingSocketUrl(`${emulatorUrl.replace(/^http/, 'ws')}/v1`, DEPLOYMENT_ID);
    const socket = new WebSocket(url, { headers: { Origin: 'http://127.0.0.1' } });
    await new Promise<void>((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
    const guest = new Guest(socket);
    guest.send({ action: 'configureSession', deploymentId: DEPLOYMENT_ID, token: guest.token, tracingId: randomUUID() });
    await guest.waitFor((f) => f.class === 'SessionResponse', 'SessionResponse');
    return guest;
  }

  send(request: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(request));
  }

  /** A Text message with custom attributes, as the spec's `onMessage`. */
  say(text: string, customAttributes?: Record<string, string>): void {
    const request: Record<string, unknown> = {
      action: 'onMessage', token: this.token, tracingId: randomUUID(),
      message: { type: 'Text', text, metadata: { customMessageId: randomUUID() } },
    };
    if (customAttributes) request.channel = { metadata: { customAttributes } };
    this.send(request);
  }

  /** Outbound StructuredMessage bodies received so far. */
  outbound(): StructuredMessageBody[] {
    return this.frames
      .filter((f) => f.class === 'StructuredMessage' && isRecord(f.body) && f.body.direction === 'Outbound')
      .map((f) => f.body as StructuredMessageBody);
  }

  /** Waits for a frame matching `predicate` (event-driven: wakes on every frame). */
  async waitFor(predicate: (frame: Frame) => boolean, what: string, timeoutMs = 10_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`guest never received ${what}; got ${JSON.stringify(this.frames.map((f) => f.class))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  /** Waits for an Outbound message matching `predicate` and returns its body. */
  async waitForOutbound(predicate: (body: StructuredMessageBody) => boolean, what: string): Promise<StructuredMessageBody> {
    const frame = await this.waitFor(
      (f) => f.class === 'StructuredMessage' && isRecord(f.body) && f.body.direction === 'Outbound'
        && predicate(f.body as unknown as StructuredMessageBody),
      what,
    );
    return frame.body as StructuredMessageBody;
  }

  close(): void {
    this.socket.close();
  }
}

const isTyping = (b: StructuredMessageBody): boolean =>
  b.type === 'Event' && (b.events ?? []).some((e) => e.eventType === 'Typing');
const isDisconnect = (b: StructuredMessageBody): boolean =>
  b.type === 'Event' && (b.events ?? []).some((e) => isRecord(e) && isRecord(e.presence) && e.presence.type === 'Disconnect');

interface Fixtures {
  emulator: { url: string; ctx: EmulatorContext };
  /** Console messages a test provokes on purpose (e.g. the 404 it asks for); everything else fails the test. */
  expectedConsoleErrors: RegExp[];
  desk: Page;
}

const test = base.extend<Fixtures>({
  // Playwright needs the destructuring pattern even when a fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  emulator: async ({}, use) => {
    const emulator = await startEmulator({ port: 0, host: '127.0.0.1' });
    await use({ url: emulator.url, ctx: emulator.ctx });
    await emulator.close();
  },
  // eslint-disable-next-line no-empty-pattern
  expectedConsoleErrors: async ({}, use) => { await use([]); },
  /** The desk page; fails the test on any uncaught error, CSP violation or failed load in it. */
  desk: async ({ page, emulator, expectedConsoleErrors }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(`${emulator.url}/desk`);
    await use(page);
    const unexpected = problems.filter((p) => !expectedConsoleErrors.some((pattern) => pattern.test(p)));
    expect(unexpected, 'errors or CSP violations on the desk page').toEqual([]);
  },
});

/** The guest's conversation button in the list, found by a unique custom attribute value. */
const conversationButton = (desk: Page, marker: string) => desk.locator('button.conversation', { hasText: marker });

/** A guest who has said hello with a unique `ticket` attribute, and the desk showing that conversation. */
async function guestOnDesk(emulatorUrl: string, desk: Page): Promise<{ guest: Guest; ticket: string }> {
  const guest = await Guest.connect(emulatorUrl);
  const ticket = `T-${randomUUID().slice(0, 8)}`;
  guest.say('Hello from the guest', { skill: 'Billing', ticket });
  await expect(conversationButton(desk, ticket)).toBeVisible({ timeout: 10_000 });
  return { guest, ticket };
}

test('a guest appears on the desk with attributes, the agent takes it, types and sends text', async ({ emulator, desk }) => {
  const { guest, ticket } = await guestOnDesk(emulator.url, desk);
  const item = conversationButton(desk, ticket);
  await expect(item).toContainText('skill: Billing');
  await expect(item).toContainText('Web Messaging');

  await item.click();
  await expect(desk.locator('desk-transcript [data-role="guest"]', { hasText: 'Hello from the guest' })).toBeVisible();

  await desk.getByLabel('Playing as').selectOption({ label: 'Sam Lee' });
  await desk.getByRole('button', { name: 'Take conversation' }).click();
  await expect(desk.getByTestId('detail-state')).toHaveText('active');
  const conversation = emulator.ctx.world.conversations().find((c) => c.customAttributes.ticket === ticket);
  expect(conversation?.agentId).toBe('agent-sam');

  const reply = desk.getByLabel('Reply', { exact: true });
  await reply.pressSequentially('Hi, this is Sam');
  const typing = await guest.waitForOutbound((b) => isTyping(b) && b.originatingEntity === 'Human', 'agent typing');
  expect(typing.events?.[0]).toMatchObject({ eventType: 'Typing', typing: { type: 'On' } });

  await reply.press('Enter');
  const text = await guest.waitForOutbound((b) => b.text === 'Hi, this is Sam', 'the agent text');
  // Typing is throttled: one quick burst of 15 keystrokes sent one indicator, not fifteen.
  expect(guest.outbound().filter((b) => isTyping(b) && b.originatingEntity === 'Human')).toHaveLength(1);
  expect(text).toMatchObject({ type: 'Text', direction: 'Outbound', originatingEntity: 'Human' });
  expect(text.channel?.from?.nickname).toBe('Sam');
  await expect(reply).toHaveValue('');
  await expect(desk.locator('desk-transcript [data-role="agent"]', { hasText: 'Hi, this is Sam' })).toBeVisible();
  guest.close();
});

test('quick replies, a card, a carousel and an attachment reach the guest as content items', async ({ emulator, desk }) => {
  const { guest, ticket } = await guestOnDesk(emulator.url, desk);
  await conversationButton(desk, ticket).click();
  await desk.getByRole('button', { name: 'Take conversation' }).click();
  await expect(desk.getByTestId('detail-state')).toHaveText('active');

  // Quick replies: labels become QuickReply items; an empty payload is made from the label.
  await desk.getByRole('button', { name: 'Quick replies' }).click();
  await desk.getByLabel('Question (optional)').fill('Was this helpful?');
  await desk.getByLabel('Reply 1 label').fill('Yes, thanks');
  await desk.getByLabel('Reply 2 label').fill('No');
  await desk.getByLabel('Reply 2 payload').fill('not_helpful');
  await desk.getByRole('button', { name: 'Send quick replies' }).click();
  const quick = await guest.waitForOutbound((b) => b.text === 'Was this helpful?', 'the quick replies');
  expect(quick.type).toBe('Structured');
  expect(quick.content).toEqual([
    { contentType: 'QuickReply', quickReply: { text: 'Yes, thanks', payload: 'yes_thanks', action: 'Message' } },
    { contentType: 'QuickReply', quickReply: { text: 'No', payload: 'not_helpful', action: 'Message' } },
  ]);

  // A card with a link and a postback button.
  await desk.getByRole('button', { name: 'Card', exact: true }).click();
  await desk.getByLabel('Card title').fill('Premium plan');
  await desk.getByLabel('Card description').fill('All features, billed yearly');
  await desk.getByLabel('Card image URL').fill('https://example.com/plan.png');
  await desk.getByRole('button', { name: 'Add button' }).click();
  await desk.getByLabel('Button 1 kind').selectOption('Link');
  await desk.getByLabel('Button 1 label').fill('Details');
  await desk.getByLabel('Button 1 URL').fill('https://example.com/plans');
  await desk.getByRole('button', { name: 'Add button' }).click();
  await desk.getByLabel('Button 2 label').fill('Buy now');
  await desk.getByRole('button', { name: 'Send card' }).click();
  const card = await guest.waitForOutbound((b) => b.content?.[0]?.contentType === 'Card', 'the card');
  expect(card.type).toBe('Structured');
  expect(card.content?.[0]).toEqual({
    contentType: 'Card',
    card: {
      title: 'Premium plan', description: 'All features, billed yearly', image: 'https://example.com/plan.png',
      actions: [
        { type: 'Link', text: 'Details', url: 'https://example.com/plans' },
        { type: 'Postback', text: 'Buy now', payload: 'buy_now' },
      ],
    },
  });

  // A carousel of two cards.
  await desk.getByRole('button', { name: 'Carousel' }).click();
  await desk.getByLabel('Card 1 title').fill('Basic');
  await desk.getByLabel('Card 2 title').fill('Pro');
  await desk.getByRole('button', { name: 'Send carousel' }).click();
  const carousel = await guest.waitForOutbound((b) => b.content?.[0]?.contentType === 'Carousel', 'the carousel');
  expect(carousel.content?.[0]).toEqual({ contentType: 'Carousel', carousel: { cards: [{ title: 'Basic' }, { title: 'Pro' }] } });

  // An attachment: uploaded to the emulator, then sent as an Attachment item the guest can download.
  await desk.getByRole('button', { name: 'Attachment' }).click();
  await desk.getByLabel('File').setInputFiles({ name: 'invoice.txt', mimeType: 'text/plain', buffer: Buffer.from('invoice 42') });
  await desk.getByLabel('Caption (optional)').fill('Your invoice');
  await desk.getByRole('button', { name: 'Send attachment' }).click();
  const file = await guest.waitForOutbound((b) => b.content?.[0]?.contentType === 'Attachment', 'the attachment');
  expect(file.text).toBe('Your invoice');
  const attachment = file.content?.[0] as { attachment: { filename?: string; mime?: string; url?: string } };
  expect(attachment.attachment).toMatchObject({ filename: 'invoice.txt', mime: 'text/plain' });
  const download = await fetch(String(attachment.attachment.url));
  expect(await download.text()).toBe('invoice 42');

  // Everything sent shows in the desk's transcript too.
  const transcript = desk.locator('desk-transcript');
  await expect(transcript).toContainText('Yes, thanks');
  await expect(transcript).toContainText('Premium plan');
  await expect(transcript).toContainText('Pro');
  await expect(transcript).toContainText('invoice.txt');
  guest.close();
});

test('ending the conversation sends Presence Disconnect and the desk shows it ended', async ({ emulator, desk }) => {
  const { guest, ticket } = await guestOnDesk(emulator.url, desk);
  await conversationButton(desk, ticket).click();
  await desk.getByRole('button', { name: 'Take conversation' }).click();
  await expect(desk.getByTestId('detail-state')).toHaveText('active');

  await desk.getByRole('button', { name: 'End conversation' }).click();
  const disconnect = await guest.waitForOutbound(isDisconnect, 'Presence Disconnect');
  // The default deployment's conversationDisconnect is ReadOnly.
  expect(disconnect.metadata).toMatchObject({ readOnly: 'true' });
  await expect(desk.getByTestId('detail-state')).toHaveText('ended');
  await expect(desk.getByRole('button', { name: 'End conversation' })).toHaveCount(0);
  await expect(desk.getByLabel('Reply', { exact: true })).toBeDisabled();
  guest.close();
});

test('mistakes are explained in words: an incomplete card and an error from the control API', async ({ emulator, desk, expectedConsoleErrors }) => {
  expectedConsoleErrors.push(/status of 404/);
  const { guest, ticket } = await guestOnDesk(emulator.url, desk);
  await conversationButton(desk, ticket).click();

  // The emulator's own 404 for an unknown agent is shown as a sentence (the request is altered, the answer is real).
  await desk.route('**/agent/take', (route) => route.continue({ postData: JSON.stringify({ agentId: 'agent-nobody' }) }));
  await desk.getByRole('button', { name: 'Take conversation' }).click();
  await expect(desk.getByRole('alert')).toContainText('agent-nobody');
  await expect(desk.getByRole('alert')).toContainText('404');
  await desk.unroute('**/agent/take');

  await desk.getByRole('button', { name: 'Take conversation' }).click();
  await expect(desk.getByTestId('detail-state')).toHaveText('active');
  await desk.getByRole('button', { name: 'Card', exact: true }).click();
  await desk.getByRole('button', { name: 'Send card' }).click();
  await expect(desk.getByRole('alert')).toHaveText('A card needs a title.');
  expect(guest.outbound().filter((b) => b.content?.[0]?.contentType === 'Card')).toHaveLength(0);
  guest.close();
});

test('Open Messaging conversations are listed with the customer name and can be answered', async ({ emulator, desk }) => {
  const world = emulator.ctx.world;
  const outbound: StructuredMessageBody[] = [];
  world.on('outbound', (conversation, message) => { if (conversation.channel === 'open') outbound.push(message); });
  const conversation = world.findOrCreateOpenConversation(
    'demo-integration', { id: 'customer-7', firstName: 'Ada', lastName: 'Lovelace' }, { skill: 'Billing' },
  );
  world.addGuestMessage(conversation, {
    id: randomUUID(), type: 'Text', direction: 'Inbound', text: 'Hi from WhatsApp-ish', channel: { time: new Date().toISOString() },
  });

  const item = desk.locator('button.conversation', { hasText: 'Ada Lovelace' });
  await expect(item).toContainText('Open Messaging');
  await expect(item).toContainText('Queue: Billing');
  await expect(item).toContainText('Hi from WhatsApp-ish');
  // Keyboard only: focus the conversation, open it, take it, reply.
  await item.focus();
  await desk.keyboard.press('Enter');
  await desk.getByRole('button', { name: 'Take conversation' }).focus();
  await desk.keyboard.press('Enter');
  await expect(desk.getByTestId('detail-state')).toHaveText('active');
  await desk.getByLabel('Reply', { exact: true }).fill('Hello Ada');
  await desk.getByLabel('Reply', { exact: true }).press('Enter');
  await expect.poll(() => outbound.some((m) => m.text === 'Hello Ada')).toBe(true);
});

test('hostile guest content (a card with a null action, objects where text belongs, markup) never blanks the transcript', async ({ emulator, desk }) => {
  const { guest, ticket } = await guestOnDesk(emulator.url, desk);
  await conversationButton(desk, ticket).click();
  await expect(desk.locator('desk-transcript [data-role="guest"]', { hasText: 'Hello from the guest' })).toBeVisible();

  guest.send({
    action: 'onMessage', token: guest.token, tracingId: randomUUID(),
    message: {
      type: 'Structured', text: '<img src=x onerror="document.title=\'pwned\'">look',
      content: [
        { contentType: 'Card', card: { title: 'Card with a null action', actions: [null, 7, { type: 'Link', text: { bad: true }, url: 'javascript:alert(1)' }, { type: 'Postback', text: 'Fine', payload: ['x'] }] } },
        { contentType: 'Card', card: { title: { nested: 'object' }, description: 42, image: 'javascript:alert(2)', actions: 'not a list' } },
        { contentType: 'Carousel', carousel: { cards: [null, { title: 'Second card', actions: [null] }] } },
        { contentType: 'QuickReply', quickReply: { text: ['array'], payload: null } },
        { contentType: 'ButtonResponse', buttonResponse: { text: 'Picked', payload: 'p', type: { x: 1 } } },
        { contentType: 'Card', card: null },
      ],
    },
  });
  guest.say('still here after that');

  const transcript = desk.locator('desk-transcript');
  // Earlier and later messages are still shown: one hostile message did not blank the transcript.
  await expect(transcript.locator('[data-role="guest"]', { hasText: 'still here after that' })).toBeVisible();
  await expect(transcript.locator('[data-role="guest"]', { hasText: 'Hello from the guest' })).toBeVisible();
  const hostile = transcript.locator('[data-role="guest"]', { hasText: 'Card with a null action' });
  await expect(hostile).toBeVisible();
  await expect(hostile).toContainText('<img src=x onerror=');
  await expect(hostile).toContainText('Second card');
  await expect(hostile).toContainText('Postback: Fine');
  // Markup stays text, and a javascript: URL never becomes a link or an image.
  await expect(transcript.locator('img')).toHaveCount(0);
  await expect(transcript.locator('a[href^="javascript:"]')).toHaveCount(0);
  expect(await desk.title()).not.toBe('pwned');
  // The conversation list still lists it, with a preview line.
  await expect(conversationButton(desk, ticket).locator('.preview')).not.toBeEmpty();
  guest.close();
});
