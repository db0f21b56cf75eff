/**
 * The controller's part in authenticated messaging: it hands the code to the transport and connects, turns the
 * transport's `auth` events into `genesys-chat:auth` (once per change), tells the page's provider when a signed-in
 * customer is signed out, and refuses sign-in where the transport has none (the gateway) with a typed failure.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ReactiveControllerHost } from 'lit';
import { ChatController, type ChatConnectionConfig } from '../../src/chat-controller.js';
import type { AuthCode, AuthEventDetail } from '../../src/model.js';
import { AuthFailure } from '../../src/connection/auth.js';
import { FakeHost, FakeTransport } from './support/fake-transport.js';

const CONFIG: ChatConnectionConfig = { region: 'http://127.0.0.1:8787', deploymentId: 'auth-deployment' };
const CODE: AuthCode = { code: 'c', redirectUri: 'http://127.0.0.1/cb' };

class AuthTransport extends FakeTransport {
  codes: AuthCode[] = [];
  signOuts = 0;
  signIn(code: AuthCode): Promise<void> {
    this.codes.push(code);
    this.listener({ type: 'auth', auth: { state: 'signing-in' } });
    return Promise.resolve();
  }
  signOut(): Promise<void> {
    this.signOuts++;
    this.listener({ type: 'auth', auth: { state: 'signed-out' } });
    return Promise.resolve();
  }
}

function rig(transport: FakeTransport) {
  const host = new FakeHost();
  const onSignOut = vi.fn();
  const controller = new ChatController(host as unknown as ReactiveControllerHost & HTMLElement, () => CONFIG, {
    createTransport: () => transport, window: null, document: null, isOnline: () => true, onSignOut,
    logger: { warn: () => {}, debug: () => {} },
  });
  const auth = () => host.events('genesys-chat:auth') as AuthEventDetail[];
  return { host, controller, onSignOut, auth };
}

describe('ChatController sign-in', () => {
  it('hands the code to the transport, connects, and dispatches each state change once', async () => {
    const transport = new AuthTransport();
    const { controller, auth } = rig(transport);
    await controller.signIn(CODE);
    expect(transport.codes).toEqual([CODE]);
    expect(transport.connects).toBe(1);
    transport.listener({ type: 'auth', auth: { state: 'signed-in' } });
    transport.listener({ type: 'auth', auth: { state: 'signed-in' } }); // an upgrade after a configure: no news
    expect(auth().map((a) => a.state)).toEqual(['signing-in', 'signed-in']);
    expect(controller.auth.state).toBe('signed-in');
  });

  it('tells the page when a signed-in customer is signed out (signOut, LogoutEvent, refused refresh), not otherwise', async () => {
    const transport = new AuthTransport();
    const { controller, onSignOut, auth } = rig(transport);
    controller.connect();
    transport.listener({ type: 'auth', auth: { state: 'signed-out', error: { code: 'auth-required', message: 'Try authenticate again' } } });
    expect(onSignOut).not.toHaveBeenCalled();
    expect(auth().at(-1)?.error?.code).toBe('auth-required'); // an error is news even without a state change
    await controller.signIn(CODE);
    transport.listener({ type: 'auth', auth: { state: 'signed-in' } });
    await controller.signOut();
    expect(transport.signOuts).toBe(1);
    expect(onSignOut).toHaveBeenCalledTimes(1);
  });

  it('a transport without sign-in (the gateway) fails with a typed error and a failed state', async () => {
    const { controller, auth } = rig(new FakeTransport());
    const failure = await controller.signIn(CODE).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AuthFailure);
    expect((failure as AuthFailure).authError.code).toBe('unsupported');
    expect(auth()).toEqual([{ state: 'failed', error: expect.objectContaining({ code: 'unsupported' }) }]);
  });
});
