/* global URLSearchParams, sessionStorage, TextEncoder, customElements */
// The demo site's sign-in (authenticated messaging): an OpenID Connect authorization code flow with PKCE S256 and a
// nonce at the emulator's identity provider (client `demo-site`), as a real site would run against its own IdP.
// After the redirect back, the page hands the code to the widget (`chat.signIn`), which does the Genesys side.
const config = window.GENESYS_CHAT_DEMO ?? {};
const emulatorUrl = config.emulatorUrl ?? 'http://127.0.0.1:8787';
const PENDING = 'demo-sign-in';
const chat = document.querySelector('genesys-chat');
const button = document.getElementById('sign-in');
const who = document.getElementById('signed-in-as');
// Where the identity provider sends the browser back: this page in its authenticated-messaging mode.
const redirectUri = `${window.location.origin}${window.location.pathname}?auth=1`;

const base64url = (bytes) => window.btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (size) => base64url(crypto.getRandomValues(new Uint8Array(size)));

async function startSignIn() {
  const pending = { verifier: random(32), nonce: random(16), state: random(16) };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier)));
  const query = new URLSearchParams({
    response_type: 'code', client_id: 'demo-site', redirect_uri: redirectUri, scope: 'openid profile email',
    state: pending.state, nonce: pending.nonce, code_challenge: challenge, code_challenge_method: 'S256',
  });
  window.location.assign(`${emulatorUrl}/idp/authorize?${query}`);
}

/** Back from the identity provider: check the state, hand the code to the widget, clean the address bar. */
async function finishSignIn(params) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  sessionStorage.removeItem(PENDING);
  window.history.replaceState(null, '', redirectUri);
  if (params.get('error')) {
    who.textContent = `Sign-in failed: ${params.get('error_description') ?? params.get('error')}`;
    return;
  }
  if (!pending || params.get('state') !== pending.state) {
    who.textContent = 'Sign-in failed: the answer does not match this browser’s request.';
    return;
  }
  try {
    // The one-script bundle defines the element a moment after load: call its methods once it is defined.
    await customElements.whenDefined('genesys-chat');
    await chat.signIn({ code: params.get('code'), redirectUri, codeVerifier: pending.verifier, nonce: pending.nonce });
  } catch (error) {
    who.textContent = `Sign-in failed: ${error.message}`;
  }
}

function show(state) {
  button.textContent = state === 'signed-in' ? 'Sign out' : 'Sign in';
  button.disabled = state === 'signing-in';
  if (state === 'signed-in') who.textContent = 'Signed in: the agent sees who you are.';
  else if (state === 'signing-in') who.textContent = 'Signing in…';
  else if (state === 'signed-out') who.textContent = '';
}

chat.addEventListener('genesys-chat:auth', (event) => {
  show(event.detail.state);
  if (event.detail.error) who.textContent = `Sign-in: ${event.detail.error.message}`;
});
button.addEventListener('click', () => {
  if (chat.authState === 'signed-in') void chat.signOut();
  else void startSignIn();
});
// Gateway mode has no authenticated messaging.
if (chat.hasAttribute('token-endpoint')) button.hidden = true;
show(chat.authState ?? 'signed-out');

const params = new URLSearchParams(window.location.search);
if (params.has('code') || params.has('error')) void finishSignIn(params);
