/**
 * A guest's file in gateway mode, end to end: the widget uploads it to our server (Open Messaging has no upload API,
 * spec §4.4), the message carries its id, the server forwards its own URL to the emulator's Open Messaging conversation
 * (where Genesys would fetch it), and the guest's bubble shows the image from the server. Refusals keep the message.
 */
import { expect, test } from './gateway-fixtures.js';

/** A 1×1 PNG, so the upload is a real image. */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface InboundAttachment { url?: string; mime?: string; filename?: string; mediaType?: string }

test.describe.configure({ mode: 'parallel' });

test.describe('gateway uploads on', () => {
  test.use({ serverOptions: { uploads: {} } });

  test('an image goes from the picker through the server to the Open Messaging conversation, and shows in the guest\'s bubble', async ({ gateway, stack }) => {
    await gateway.open();
    await gateway.part('attach-button').waitFor();
    await gateway.page.locator('genesys-chat input[type="file"]').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PIXEL_PNG });
    await gateway.send('here is my receipt');

    const bubble = gateway.messages('guest').filter({ hasText: 'here is my receipt' });
    await expect(bubble).toHaveAttribute('data-state', 'sent');
    let forwarded: InboundAttachment | undefined;
    await expect.poll(async () => {
      const conversation = await gateway.conversation();
      const inbound = conversation.messages.find((m) => m.direction === 'Inbound' && m.text === 'here is my receipt');
      forwarded = (inbound?.content?.find((c) => c.contentType === 'Attachment') as { attachment?: InboundAttachment } | undefined)?.attachment;
      return forwarded?.filename ?? null;
    }, { message: 'the conversation should hold the attachment' }).toBe('receipt.png');
    expect(forwarded).toMatchObject({ mime: 'image/png', mediaType: 'Image' });
    // The URL Genesys fetches is the server's own, and it serves the very bytes, not as something a browser would run.
    expect(forwarded?.url).toMatch(new RegExp(`^${stack.server.url}/api/uploads/[A-Za-z0-9_-]{22,}$`));
    const served = await fetch(forwarded!.url!);
    expect(Buffer.from(await served.arrayBuffer()).equals(PIXEL_PNG)).toBe(true);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');

    // The guest's own bubble previews the image from the server (the strict CSP page allows loopback images).
    const preview = bubble.locator('img').first();
    await expect(preview).toBeVisible();
    await expect.poll(() => preview.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
    expect(await gateway.cspViolations()).toEqual([]);
  });

  test('a file the server refuses (text called a PNG) says why and keeps the typed message', async ({ gateway }) => {
    await gateway.open();
    await gateway.part('attach-button').waitFor();
    const input = gateway.part('input');
    await input.fill('keep me');
    await gateway.page.locator('genesys-chat input[type="file"]').setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('<script>alert(1)</script>') });
    await expect(gateway.part('composer-error')).toContainText('fake.png: Files of this type cannot be sent.');
    await expect(input).toHaveValue('keep me');
  });
});

test('without uploads on the server, gateway mode offers no attach button', async ({ gateway }) => {
  await gateway.open();
  await expect(gateway.part('composer')).toBeVisible();
  await expect(gateway.part('attach-button')).toHaveCount(0);
});
