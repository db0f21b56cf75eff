/**
 * The element's sign-in API (README "Authenticated messaging"): `signIn(code)` validates what the page hands over,
 * `signIn()` asks `chat.auth.getAuthCode()`, `authState` reads the controller, `signOut()` passes through, and a
 * provider's `onSignOut` is not the element's business until the controller reports it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { GenesysChat } from '../../src/genesys-chat.js';
import type { ChatView } from '../../src/ui/chat-view.js';
import type { AuthCode, AuthEventDetail } from '../../src/model.js';
import { AuthFailure } from '../../src/connection/auth.js';
import { FakeChat } from './fake-chat.js';

class AuthFakeChat extends FakeChat {
  auth: AuthEventDetail = { state: 'signed-out' };
  codes: AuthCode[] = [];
  signOuts = 0;
  signIn(code: AuthCode): Promise<void> {
    this.codes.push(code);
    this.auth = { state: 'signed-in' };
    return Promise.resolve();
  }
  signOut(): Promise<void> {
    this.signOuts++;
    this.auth = { state: 'signed-out' };
    return Promise.resolve();
  }
}

class AuthTestChat extends GenesysChat {
  protected override createController(): ChatView {
    return new AuthFakeChat(this);
  }
  get fake(): AuthFakeChat {
    return this.controller as AuthFakeChat;
  }
}
if (!customElements.get('test-auth-chat')) customElements.define('test-auth-chat', AuthTestChat);

const CODE: AuthCode = { code: 'c-1', redirectUri: 'https://shop.example/cb', codeVerifier: 'v', nonce: 'n' };

describe('<genesys-chat> sign-in API', () => {
  it('signIn(code) hands a validated code to the controller and authState follows', async () => {
    const el = await fixture<AuthTestChat>(html`<test-auth-chat mode="inline" lang="en"></test-auth-chat>`);
    expect(el.authState).to.equal('signed-out');
    await el.signIn({ ...CODE, junk: 'dropped' } as AuthCode);
    expect(el.fake.codes).to.deep.equal([CODE]);
    expect(el.authState).to.equal('signed-in');
    await el.signOut();
    expect(el.fake.signOuts).to.equal(1);
    expect(el.authState).to.equal('signed-out');
  });

  it('signIn() asks the page\'s provider, and without one fails with a typed no-provider error', async () => {
    const el = await fixture<AuthTestChat>(html`<test-auth-chat mode="inline" lang="en"></test-auth-chat>`);
    const failure = await el.signIn().catch((e: unknown) => e);
    expect(failure).to.be.instanceOf(AuthFailure);
    expect((failure as AuthFailure).authError.code).to.equal('no-provider');
    let asked = 0;
    el.auth = { getAuthCode: () => { asked++; return Promise.resolve(CODE); } };
    await el.signIn();
    expect(asked).to.equal(1);
    expect(el.fake.codes).to.deep.equal([CODE]);
  });

  it('a provider that gives something that is not a code is refused before anything is sent', async () => {
    const el = await fixture<AuthTestChat>(html`<test-auth-chat mode="inline" lang="en"></test-auth-chat>`);
    el.auth = { getAuthCode: () => Promise.resolve({ code: 42 } as unknown as AuthCode) };
    const failure = await el.signIn().catch((e: unknown) => e);
    expect((failure as AuthFailure).authError.code).to.equal('exchange-failed');
    expect(el.fake.codes).to.deep.equal([]);
  });
});
