// The gateway's session request as the widget sends it before the transport's chunk is there
// (src/transports/gateway-session.ts), and the kept session it resumes.
import { describe, expect, it } from 'vitest';
import { gatewayTokenKey, memoryStorage } from '../../src/session-store.js';
import { postGatewaySession, readStoredGatewaySession } from '../../src/transports/gateway-session.js';

const ENDPOINT = '/api/session';

describe('gateway session request', () => {
  it('is a JSON POST with the page\'s cookies, carrying only the options that are set and the token to resume', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const fetchImpl = ((url: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(url), init });
      return Promise.resolve(new Response('{}'));
    }) as typeof fetch;
    await postGatewaySession({ tokenEndpoint: ENDPOINT, skill: 'Billing', customAttributes: { plan: 'gold' }, displayName: 'Ana' }, fetchImpl, 'tok-1');
    await postGatewaySession({ tokenEndpoint: ENDPOINT, skill: '', displayName: '' }, fetchImpl, undefined);
    expect(calls[0]?.url).toBe(ENDPOINT);
    expect(calls[0]?.init).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'include' });
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ skill: 'Billing', customAttributes: { plan: 'gold' }, displayName: 'Ana', resumeToken: 'tok-1' });
    expect(JSON.parse(String(calls[1]?.init?.body))).toEqual({});
  });

  it('a server that cannot be reached is a `network` ChatFailure that says so', async () => {
    const error = new TypeError('Failed to fetch');
    const fetchImpl = (() => Promise.reject(error)) as typeof fetch;
    await expect(postGatewaySession({ tokenEndpoint: ENDPOINT }, fetchImpl, undefined)).rejects.toMatchObject({
      code: 'network', message: 'The chat server cannot be reached.', detail: error,
    });
  });
});

describe('the kept gateway session', () => {
  it('is stored under genesys-chat:gateway:<token endpoint> (the team contract)', () => {
    expect(gatewayTokenKey(ENDPOINT)).toBe('genesys-chat:gateway:/api/session');
  });

  it('is read when it has a string token; anything else the page may have written there is no session', () => {
    const storage = memoryStorage();
    const put = (raw: string) => storage.setItem(gatewayTokenKey(ENDPOINT), raw);
    expect(readStoredGatewaySession(storage, ENDPOINT)).toBeNull();
    put(JSON.stringify({ token: 't', sessionId: 's', guestId: 'g' }));
    expect(readStoredGatewaySession(storage, ENDPOINT)).toEqual({ token: 't', sessionId: 's', guestId: 'g' });
    for (const raw of ['not json', 'null', '"t"', '42', JSON.stringify({ token: 42 }), JSON.stringify({ sessionId: 's' })]) {
      put(raw);
      expect(readStoredGatewaySession(storage, ENDPOINT), raw).toBeNull();
    }
    const blocked = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => undefined, removeItem: () => undefined };
    expect(readStoredGatewaySession(blocked, ENDPOINT)).toBeNull();
  });
});
