/**
 * Gateway mode is not a lesser widget (issue 8, item 8): a greeting before the first message, Markdown rendered as
 * in direct mode, the agent's own name, and no wait estimate once an agent answered. Real Chromium, server and
 * emulator.
 */
import { expect, test } from './gateway-fixtures.js';

const WELCOME = 'Welcome to Northwind! How can we help?';

test.use({ serverOptions: { welcomeMessage: WELCOME } });

test('greets, renders Markdown, names the agent and drops the wait estimate once the agent answers', async ({ gateway, gatewayControl, stack, page }) => {
  await gateway.open();
  // The greeting is there before the guest writes anything.
  await expect(gateway.messages('bot').filter({ hasText: WELCOME })).toHaveCount(1);
  await expect(gateway.part('availability')).toContainText('Estimated wait');

  await fetch(`${stack.emulator.url}/emulator/open-messaging/settings`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outboundFrom: 'agent' }),
  });
  await gateway.send('I need a person, please');
  const conversation = await gateway.conversation();
  await gatewayControl.take(conversation.id, 'agent-alex');
  await gatewayControl.agentSend(conversation.id, { text: 'Hi, I am **Alex**. Let me look at your order.' });

  const reply = gateway.messages('agent').filter({ hasText: 'Let me look at your order' });
  await expect(reply).toHaveCount(1);
  await expect(reply.locator('strong')).toHaveText('Alex'); // Markdown, not **Alex**
  await expect(reply).not.toContainText('**');
  await expect(reply.locator('.meta__name')).toHaveText('Alex'); // not "Agent"
  await expect(gateway.part('availability')).toHaveCount(0);

  // A reload keeps one greeting, not two.
  await page.reload();
  await gateway.waitForStatus('online');
  await expect(gateway.messages('agent').filter({ hasText: 'Let me look at your order' })).toHaveCount(1);
  await expect(gateway.messages('bot').filter({ hasText: WELCOME })).toHaveCount(1);
});

test('the pre-chat form works in gateway mode too: answers reach the Open Messaging conversation', async ({ gateway, page }) => {
  const fields = JSON.stringify([{ name: 'orderId', label: 'Order number', required: true, pattern: 'A-\\d{3}' }]);
  await gateway.open({ attributes: { 'prechat-fields': fields }, waitOnline: false });
  expect(await gateway.gatewaySession(), 'no session before the form is sent').toBeFalsy();
  await page.locator('genesys-chat #prechat-orderId').fill('A-991');
  await gateway.part('prechat-submit').click();
  await gateway.waitForStatus('online');
  await gateway.send('about my order');
  const conversation = await gateway.conversation();
  await expect.poll(async () => (await gateway.control.conversation(conversation.id)).customAttributes)
    .toMatchObject({ orderId: 'A-991' });
});
