/** Gateway mode, a visitor's first minute: no session and no socket until the chat is opened (issue 8, item 1). */
import { expect, test } from './gateway-fixtures.js';

test('a page view that never opens the chat asks the server for nothing; opening it connects', async ({ gateway, page }) => {
  const sessionRequests: string[] = [];
  const sockets: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(gateway.tokenEndpoint)) sessionRequests.push(request.method());
  });
  page.on('websocket', (socket) => sockets.push(socket.url()));
  await gateway.open({ attributes: { mode: 'launcher' }, waitOnline: false });
  await expect(gateway.part('launcher')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await gateway.status()).toBe('idle');
  expect(sessionRequests).toEqual([]);
  expect(sockets).toEqual([]);

  await gateway.part('launcher').click();
  await gateway.waitForStatus('online');
  expect(sessionRequests).toContain('POST');
  expect(sockets.length).toBe(1);
  expect(await gateway.gatewaySession()).not.toBe(null);
});
