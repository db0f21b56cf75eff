/* global URLSearchParams */
// The demo page's only script: adds <genesys-chat> the way a customer site would, wired to the local emulator
// (direct mode, the default) or to the gateway server (?mode=gateway). URLs come from config.js (demo/launch.ts).
const config = window.GENESYS_CHAT_DEMO ?? {};
const emulatorUrl = config.emulatorUrl ?? 'http://127.0.0.1:8787';
const serverUrl = config.serverUrl ?? 'http://127.0.0.1:8788';
const params = new URLSearchParams(window.location.search);
const gateway = params.get('mode') === 'gateway';
const inline = params.get('mode') === 'inline';
// ?auth=1: the deployment with authenticated messaging (anonymous chat allowed, upgraded on sign-in; sign-in.js).
const authenticated = params.has('auth');

const chat = document.createElement('genesys-chat');
if (gateway) {
  chat.setAttribute('token-endpoint', new URL('/api/session', serverUrl).href);
} else {
  chat.setAttribute('region', emulatorUrl);
  chat.setAttribute('deployment-id', authenticated ? 'auth-deployment' : 'demo-deployment');
}
chat.setAttribute('skill', 'General Support');
if (params.get('lang')) chat.setAttribute('lang', params.get('lang'));
chat.customAttributes = { page: window.location.pathname, campaign: 'autumn-sale' };

if (inline) {
  chat.setAttribute('mode', 'inline');
  document.getElementById('inline-slot').append(chat);
} else {
  document.body.append(chat);
}

document.getElementById('ask-us').addEventListener('click', () => {
  chat.scrollIntoView({ block: 'center' });
  chat.open(); // launcher mode: opens the panel and moves focus into it
});

document.getElementById('demo-mode').textContent = gateway
  ? `Gateway mode: the widget talks to our server at ${serverUrl}, which bridges to Genesys Open Messaging.`
  : `Direct mode: the widget talks Web Messaging to the emulator at ${emulatorUrl} (deployment ${chat.getAttribute('deployment-id')}).`;

// What a site might do with the widget's events: here, just log them.
for (const name of ['status', 'message', 'error', 'open', 'close', 'auth']) {
  chat.addEventListener(`genesys-chat:${name}`, (event) => console.info(`[demo] genesys-chat:${name}`, event.detail));
}
