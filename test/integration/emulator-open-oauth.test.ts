import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api, CLIENT_ID, control, getToken, requestToken, startTestEmulator, waitFor, type Emulator,
} from '../../emulator/open-messaging/testing.js';

const INTEGRATIONS = '/api/v2/conversations/messaging/integrations/open';

describe('emulator OAuth client credentials', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(async () => {
    await emu.close();
  });

  it('issues a bearer token for good Basic credentials, and the API accepts it', async () => {
    const response = await requestToken(emu.url);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(86400);
    expect(typeof body.access_token).toBe('string');
    const list = await api(emu.url, String(body.access_token), 'GET', INTEGRATIONS);
    expect(list.status).toBe(200);
  });

  it('accepts the bearer scheme in any case', async () => {
    const token = await getToken(emu.url);
    const response = await fetch(`${emu.url}${INTEGRATIONS}`, { headers: { authorization: `BEARER ${token}` } });
    expect(response.status).toBe(200);
  });

  it('refuses a wrong secret, an unknown client and a missing Basic header with 401 JSON', async () => {
    for (const response of [
      await requestToken(emu.url, CLIENT_ID, 'wrong-secret'),
      await requestToken(emu.url, 'no-such-client', 'x'),
      await fetch(`${emu.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' }),
    ]) {
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toBe('invalid_client');
    }
  });

  it('answers 400 to a grant other than client_credentials', async () => {
    const response = await requestToken(emu.url, undefined, undefined, 'grant_type=password&username=a&password=b');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });

  it('refuses API calls without a token or with an unknown one, Platform-shaped', async () => {
    const missing = await api(emu.url, null, 'GET', INTEGRATIONS);
    expect(missing.status).toBe(401);
    const body = (await missing.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 401, code: 'authentication.required' });
    expect(Array.isArray(body.errors)).toBe(true);
    const unknown = await api(emu.url, 'not-a-token', 'GET', '/api/v2/routing/queues');
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { code: string }).code).toBe('bad.credentials');
  });

  it('expires tokens after the client\'s accessTokenValiditySeconds', async () => {
    const put = await control(emu.url, 'PUT', `/emulator/oauth/clients/short-lived`, { clientSecret: 'short-secret', accessTokenValiditySeconds: 1 });
    expect(put.status).toBe(200);
    const response = await requestToken(emu.url, 'short-lived', 'short-secret');
    const { access_token: token, expires_in: expiresIn } = (await response.json()) as { access_token: string; expires_in: number };
    expect(expiresIn).toBe(1);
    expect((await api(emu.url, token, 'GET', INTEGRATIONS)).status).toBe(200);
    await waitFor(async () => (await api(emu.url, token, 'GET', INTEGRATIONS)).status === 401, 3000, 'token expiry');
  });

  it('expires every issued token on demand (control API)', async () => {
    const token = await getToken(emu.url);
    expect((await api(emu.url, token, 'GET', INTEGRATIONS)).status).toBe(200);
    await control(emu.url, 'POST', '/emulator/oauth/expire');
    expect((await api(emu.url, token, 'GET', INTEGRATIONS)).status).toBe(401);
    expect((await api(emu.url, await getToken(emu.url), 'GET', INTEGRATIONS)).status).toBe(200);
  });

  it('counts token requests', async () => {
    await control(emu.url, 'DELETE', '/emulator/oauth/stats');
    await getToken(emu.url);
    await requestToken(emu.url, CLIENT_ID, 'bad');
    const stats = (await (await control(emu.url, 'GET', '/emulator/oauth/stats')).json()) as Record<string, number>;
    expect(stats).toEqual({ tokenRequests: 2, tokensIssued: 1, tokenRequestsRejected: 1 });
  });

  it('lists OAuth clients with their secrets on the control API', async () => {
    const body = (await (await control(emu.url, 'GET', '/emulator/oauth/clients')).json()) as { clients: { clientId: string; clientSecret: string }[] };
    expect(body.clients).toContainEqual(expect.objectContaining({ clientId: 'demo-client', clientSecret: 'demo-client-secret' }));
  });
});
