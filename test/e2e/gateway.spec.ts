/**
 * Gateway mode end to end: `<genesys-chat token-endpoint=…>` in real Chromium, through the real server (token
 * endpoint, gateway socket, Open Messaging bridge, signed webhook) to the real emulator, whose control API plays the
 * agent at the desk.
 */
import { randomUUID } from 'node:crypto';
import { seriousViolations } from './axe.js';
import { expect, GATEWAY_SKILL, SERVER_SECRETS, test } from './gateway-fixtures.js';

/** A unique marker per test run, so a bubble can only match the message this test sent. */
function marker(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

// Every test has its own emulator, server and site, so they can run side by side.
test.describe.configure({ mode: 'parallel' });

test.describe('gateway mode', () => {
  test('goes online through the server and shows the availability line the server offers', async ({ gateway, stack }) => {
    const offered = await (await fetch(`${stack.server.url}/api/availability`)).json() as { open: boolean; estimatedWaitSeconds?: number };
    expect(offered.open, 'the default world is open').toBe(true);
    expect(typeof offered.estimatedWaitSeconds, 'the default world has an estimated wait').toBe('number');

    await gateway.open();
    const line = gateway.part('availability');
    await expect(line).toBeVisible();
    await expect(line).toHaveAttribute('data-open', 'true');
    await expect(line).toContainText('We are online');
    await expect(line).toContainText('Estimated wait');
    // Gateway mode: the page holds the server's session, not a Web Messaging one.
    const session = await gateway.gatewaySession();
    expect(session?.guestId).toBeTruthy();
    // The page runs under a strict CSP: gateway mode needs nothing it forbids.
    expect(await gateway.cspViolations()).toEqual([]);
  });

  test.describe('outside business hours', () => {
    test.use({ businessHours: 'closed' });

    test('the availability line says closed, without a wait time', async ({ gateway, stack }) => {
      const offered = await (await fetch(`${stack.server.url}/api/availability`)).json() as { open: boolean };
      expect(offered.open).toBe(false);
      await gateway.open();
      const line = gateway.part('availability');
      await expect(line).toHaveAttribute('data-open', 'false');
      await expect(line).toContainText('We are closed');
      await expect(line).not.toContainText('Estimated wait');
    });
  });

  test('a guest message reaches the Open Messaging conversation with its skill and becomes sent', async ({ gateway }) => {
    await gateway.open();
    const text = marker('hello-from-guest');
    await gateway.send(text);

    const bubble = gateway.messages('guest').filter({ hasText: text });
    await expect(bubble).toHaveCount(1);
    await expect(bubble).toHaveAttribute('data-state', 'sent');

    await expect.poll(async () => {
      const conversation = await gateway.conversation();
      return conversation.messages.filter((m) => m.direction === 'Inbound' && m.text === text).length;
    }, { message: 'the guest message should be in the emulator conversation once' }).toBe(1);
    const conversation = await gateway.conversation();
    expect(conversation.channel).toBe('open');
    expect(conversation.customAttributes.skill).toBe(GATEWAY_SKILL);
    // The id the widget shows is the id Genesys got as channel.messageId (one message, one id end to end).
    const id = await bubble.getAttribute('data-id');
    const inbound = conversation.messages.find((m) => m.text === text);
    expect(inbound?.channel?.messageId).toBe(id);
  });

  test('the agent\'s typing and reply reach the widget through the signed webhook', async ({ gateway }) => {
    await gateway.open();
    await gateway.send(marker('question'));
    const conversation = await gateway.conversationWithAgent();

    await gateway.control.agentTyping(conversation.id);
    await expect(gateway.part('typing')).toBeVisible();

    const reply = marker('agent-reply');
    await gateway.control.agentSend(conversation.id, { text: reply });
    const bubble = gateway.messages('agent').filter({ hasText: reply });
    await expect(bubble).toHaveCount(1);
    await expect(gateway.part('typing')).toBeHidden();
  });

  test('a message Genesys keeps refusing comes back as failed, keeps its text, and a retry sends it', async ({ gateway }) => {
    await gateway.open();
    // More 503s than the server's retries (4 attempts): this message finally fails.
    await gateway.control.faults({ platform: { status: 503, count: 6, path: '/inbound/open/message' } });
    const text = marker('refused');
    await gateway.send(text);
    const bubble = gateway.messages('guest').filter({ hasText: text });
    await expect(bubble).toHaveAttribute('data-state', 'failed');
    await gateway.control.clearFaults();

    await bubble.locator('[part~="retry-button"]').click();
    await expect(bubble).toHaveAttribute('data-state', 'sent');
    await expect(gateway.messages('guest').filter({ hasText: text })).toHaveCount(1);
    await expect.poll(async () => (await gateway.conversation()).messages.filter((m) => m.text === text).length,
      { message: 'the retried message reaches Genesys once' }).toBe(1);
  });

  test('an agent\'s quick replies show as buttons and a click answers through the gateway', async ({ gateway }) => {
    // Quick replies as Structured content (UNCONFIRMED for Open; the emulator's default writes them out as text).
    await gateway.control.openMessagingSettings({ richContent: 'structured' });
    await gateway.open();
    await gateway.send(marker('menu-please'));
    const conversation = await gateway.conversationWithAgent();
    const question = marker('pick-one');
    await gateway.control.agentSend(conversation.id, {
      text: question,
      content: [
        { contentType: 'QuickReply', quickReply: { text: 'Billing', payload: 'billing', action: 'Message' } },
        { contentType: 'QuickReply', quickReply: { text: 'Shipping', payload: 'shipping', action: 'Message' } },
      ],
    });
    const replies = gateway.part('quick-reply');
    await expect(replies).toHaveCount(2);
    await replies.filter({ hasText: 'Shipping' }).click();

    await expect(gateway.messages('guest').filter({ hasText: 'Shipping' })).toHaveAttribute('data-state', 'sent');
    await expect.poll(async () => {
      const messages = (await gateway.conversation()).messages;
      return messages.some((m) => m.direction === 'Inbound' && m.content?.some((c) => c.contentType === 'ButtonResponse'
        && (c as { buttonResponse?: { payload?: string } }).buttonResponse?.payload === 'shipping'));
    }, { message: 'the answer reaches Genesys as a structured response' }).toBe(true);
  });

  test('a reload resumes the conversation with its transcript, and new replies still arrive', async ({ gateway }) => {
    await gateway.open();
    const question = marker('before-reload-guest');
    await gateway.send(question);
    await expect(gateway.messages('guest').filter({ hasText: question })).toHaveAttribute('data-state', 'sent');
    const conversation = await gateway.conversationWithAgent();
    const answer = marker('before-reload-agent');
    await gateway.control.agentSend(conversation.id, { text: answer });
    await gateway.expectEachOnceInOrder([question, answer]);
    const before = await gateway.gatewaySession();

    await gateway.page.reload();
    await gateway.waitForStatus('online');
    await gateway.expectEachOnceInOrder([question, answer]);
    expect((await gateway.gatewaySession())?.guestId, 'the same guest after the reload').toBe(before?.guestId);

    const later = marker('after-reload-agent');
    await gateway.control.agentSend(conversation.id, { text: later });
    await gateway.expectEachOnceInOrder([question, answer, later]);
    const followUp = marker('after-reload-guest');
    await gateway.send(followUp);
    await expect(gateway.messages('guest').filter({ hasText: followUp })).toHaveAttribute('data-state', 'sent');
    // Still the one conversation: the reload did not start a new one at Genesys.
    expect((await gateway.conversation()).id).toBe(conversation.id);
  });

  test('ending the conversation makes it read-only; a new conversation is a new guest with an empty transcript', async ({ gateway }) => {
    await gateway.open();
    const first = marker('first-conversation');
    await gateway.send(first);
    await expect(gateway.messages('guest').filter({ hasText: first })).toHaveAttribute('data-state', 'sent');
    const before = await gateway.gatewaySession();

    await gateway.part('end-button').click();
    await expect(gateway.part('end-confirm')).toBeVisible(); // "End conversation" asks first
    expect(await seriousViolations(gateway.page)).toEqual([]);
    await gateway.part('end-confirm-button').click();
    await gateway.waitForStatus('ended');
    expect(await gateway.canWrite()).toBe(false);

    await gateway.part('new-conversation-button').click();
    await gateway.waitForStatus('online');
    await expect(gateway.messages().filter({ hasText: first })).toHaveCount(0);
    const after = await gateway.gatewaySession();
    expect(after?.guestId).toBeTruthy();
    expect(after?.guestId, 'a new guest towards Genesys').not.toBe(before?.guestId);
    const second = marker('second-conversation');
    await gateway.send(second);
    await expect(gateway.messages('guest').filter({ hasText: second })).toHaveAttribute('data-state', 'sent');
    const conversation = await gateway.conversation();
    expect(conversation.messages.map((m) => m.text)).toEqual([second]);
  });

  test('the browser never receives a Genesys token or the client secret', async ({ gateway, stack, issuedTokens, traffic }) => {
    await gateway.open();
    await gateway.send(marker('leak-check'));
    const conversation = await gateway.conversationWithAgent();
    await gateway.control.agentTyping(conversation.id);
    const reply = marker('leak-check-reply');
    await gateway.control.agentSend(conversation.id, { text: reply });
    await expect(gateway.messages('agent').filter({ hasText: reply })).toHaveCount(1);
    await gateway.page.reload();
    await gateway.waitForStatus('online');
    await gateway.expectEachOnceInOrder([reply]);

    expect(issuedTokens.length, 'the server did get a Genesys token').toBeGreaterThan(0);
    const received = await traffic.everything();
    expect(received.some((r) => r.kind === 'http' && r.url.startsWith(`${stack.server.url}/api/session`)), 'session bodies were captured').toBe(true);
    const frames = traffic.framesFrom(stack.server.url);
    expect(frames.some((f) => f.includes('"ready"')), 'socket frames were captured').toBe(true);
    const stored = await gateway.page.evaluate(() => JSON.stringify({ ...localStorage }));
    for (const secret of [...SERVER_SECRETS, ...issuedTokens]) {
      for (const item of received) {
        expect(item.text.includes(secret), `a secret in ${item.kind} ${item.url}`).toBe(false);
      }
      expect(stored.includes(secret), 'a secret in localStorage').toBe(false);
    }
    // Nothing from the server even looks like a Genesys credential (the widget bundle may name `Bearer`; the server must not).
    const fromServer = [...received.filter((r) => r.url.startsWith(stack.server.url)).map((r) => r.text), ...frames];
    for (const text of fromServer) {
      expect(text).not.toMatch(/access_token|Bearer /i);
    }
  });

  test.describe('without CSP (so that only the widget stands between an agent\'s markup and the page)', () => {
    test.use({ strictCsp: false });

    test('an HTML/script agent message renders as text', async ({ gateway }) => {
      await gateway.open();
      await gateway.send(marker('xss'));
      const conversation = await gateway.conversationWithAgent();
      const payload = `<img src="x" onerror="window.__xss=1"><script>window.__xss=2</script><b id="bold">bold</b> ${marker('markup')}`;
      await gateway.control.agentSend(conversation.id, { text: payload });

      const bubble = gateway.messages('agent').last();
      // Gateway mode renders Markdown (as direct mode does), so `__xss=1 … window.__` reads as emphasis: the markup
      // itself must still show as text.
      await expect(bubble).toContainText('<script>window.');
      await expect(bubble).toContainText('<img src="x" onerror="window.');
      await expect(bubble).toContainText('</script><b id="bold">bold</b>');
      const injected = await bubble.evaluate((el) => el.querySelectorAll('script, b, [onerror], img[src="x"]').length);
      expect(injected, 'no element built from the agent\'s markup').toBe(0);
      expect(await gateway.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    });
  });
});
