/**
 * The modules under mutation testing (`make mutation`), each with the files Stryker mutates and the test files
 * that guard them. Scoped to the security- and correctness-critical code (issue 14). Test files are chosen
 * explicitly (not "every test that imports it") so a run stays within minutes on a 2-core machine.
 *
 * Part of a file is named by its code, not by line numbers: written as numbers, the ranges stayed where they were
 * while the code above them grew, and mutated whatever had moved under them (test/unit/mutation-modules.test.ts).
 */
import { readFileSync } from 'node:fs';

const ROOT = new URL('../../', import.meta.url);
const sources = new Map();
const linesOf = (file) => {
  if (!sources.has(file)) sources.set(file, readFileSync(new URL(file, ROOT), 'utf8').split('\n'));
  return sources.get(file);
};

/** The line number of the one line of `file` that contains `text` (throws when none or several do). */
export function lineOf(file, text) {
  const found = [];
  linesOf(file).forEach((line, i) => { if (line.includes(text)) found.push(i + 1); });
  if (found.length !== 1) throw new Error(`mutation target: ${found.length} lines of ${file} contain "${text}" (one expected)`);
  return found[0];
}

/** The last line of the declaration that starts on the line containing `text`: its closing brace, at its indent. */
export function endOf(file, text) {
  const lines = linesOf(file);
  const start = lineOf(file, text);
  const indent = /^\s*/.exec(lines[start - 1])[0];
  for (let i = start; i < lines.length; i++) {
    if (lines[i].startsWith(`${indent}}`)) return i + 1;
  }
  throw new Error(`mutation target: the declaration at ${file}:${start} ("${text}") has no closing brace at its indent`);
}

/** Stryker's `file:from-to`. */
const span = (file, from, to) => `${file}:${from}-${to}`;
/** The whole declaration starting on the line that contains `text`. */
const declaration = (file, text) => span(file, lineOf(file, text), endOf(file, text));

const BUBBLE = 'src/ui/bubble.ts';
const GUEST_SOCKET = 'server/guest-socket.ts';
const TRANSPORTS = 'src/transports/index.ts';

export const MUTATION_MODULES = {
  'safe-url': {
    mutate: ['src/ui/safe-url.ts'],
    tests: ['test/unit/safe-url.test.ts', 'test/unit/safe-url-schemes.test.ts', 'test/unit/render-url-guards.test.ts', 'test/unit/markdown-parse.test.ts'],
  },
  markdown: {
    mutate: ['src/markdown.ts'],
    tests: ['test/unit/markdown-parse.test.ts', 'test/unit/markdown-edges.test.ts'],
  },
  content: {
    // The rendering guards: what reaches href/src, malformed content. Rendered in Node (Lit templates flattened).
    // content-render.ts is the lazy chunk the renderers moved to. bubble.ts: its text helpers and the avatar's URL
    // guard only; the bubble layout is covered in Chromium.
    mutate: ['src/ui/content.ts', 'src/ui/content-render.ts',
      span(BUBBLE, lineOf(BUBBLE, 'export function systemText('), endOf(BUBBLE, 'export function messageText(')),
      span(BUBBLE, lineOf(BUBBLE, 'const url = safeUrl(botAvatar'), lineOf(BUBBLE, 'const url = safeUrl(botAvatar'))],
    tests: ['test/unit/render-url-guards.test.ts', 'test/unit/content-guards.test.ts'],
  },
  transcript: {
    mutate: ['src/transcript.ts'],
    tests: ['test/unit/transcript.test.ts', 'test/unit/transcript-merge.test.ts'],
  },
  outbox: {
    mutate: ['src/connection/outbox.ts'],
    tests: ['test/unit/outbox.test.ts', 'test/unit/chat-controller.test.ts'],
  },
  'session-tokens': {
    // The SessionTokens class only (the store beside it is plumbing covered by the integration tests).
    mutate: [declaration('server/session.ts', 'export class SessionTokens')],
    tests: ['test/unit/session-tokens.test.ts'],
  },
  webhook: {
    mutate: ['server/webhook.ts'],
    tests: ['test/unit/webhook.test.ts', 'test/integration/server-webhook.test.ts'],
  },
  'gateway-socket': {
    // Socket auth (the path, origin and per-address cap at the upgrade; auth frame, re-auth, expiry, heartbeat) and
    // the per-socket frame rate limit: attachGuestSockets' upgrade handler and GuestSocket up to scheduleExpiry.
    // Message sending is covered by the gateway integration tests and not mutated here.
    mutate: [declaration(GUEST_SOCKET, 'const onUpgrade = '),
      span(GUEST_SOCKET, lineOf(GUEST_SOCKET, 'class GuestSocket implements'), endOf(GUEST_SOCKET, 'private scheduleExpiry('))],
    tests: ['test/integration/gateway-negative-paths.test.ts', 'test/integration/gateway-socket.test.ts', 'test/integration/gateway-socket-session.test.ts', 'test/integration/server-session.test.ts',
      'test/integration/server-availability.test.ts', 'test/integration/server-parity.test.ts', 'test/integration/gateway-socket-guards.test.ts'],
  },
  'http-guards': {
    // CORS origin check and the token endpoint's per-address rate limit.
    mutate: ['server/http-guards.ts'],
    tests: ['test/unit/http-guards.test.ts', 'test/integration/server-session.test.ts'],
  },
  oauth: {
    // The token cache (OAuthClient) and the helpers above PlatformClient; PlatformClient is covered by the gateway tests.
    mutate: [span('server/oauth.ts', 1, endOf('server/oauth.ts', 'export function errorName('))],
    tests: ['test/unit/oauth-cache.test.ts', 'test/unit/oauth-retry.test.ts', 'test/unit/gateway-server-units.test.ts'],
  },
  normalize: {
    mutate: ['server/normalize.ts'],
    tests: ['test/unit/normalize.test.ts'],
  },
  'gateway-client': {
    // The widget's side of gateway mode before the chunk: the session request and the lazy transport around it.
    mutate: ['src/transports/gateway-session.ts', declaration(TRANSPORTS, 'export class LazyGatewayTransport')],
    tests: ['test/unit/gateway-session.test.ts', 'test/unit/lazy-gateway-transport.test.ts', 'test/unit/gateway-transport.test.ts', 'test/unit/transports-index.test.ts'],
  },
  'view-state': {
    // The element's small state holders: what the visitor has read (the badge) and the first render's hold.
    mutate: ['src/ui/read-marks.ts', 'src/ui/first-render-gate.ts'],
    tests: ['test/unit/read-marks.test.ts', 'test/unit/first-render-gate.test.ts'],
  },
  'history-jwt': {
    // The history JWT kept in the page's storage for the next load (page-writable: validated when read), and the
    // history asked for with it while the socket opens.
    mutate: ['src/transports/web-messaging/history-jwt.ts', 'src/transports/web-messaging/early-history.ts'],
    tests: ['test/unit/history-jwt.test.ts', 'test/unit/early-history.test.ts', 'test/unit/web-messaging-transport.test.ts'],
  },
  'frame-parse': {
    // Every Web Messaging frame and history entry is read here first (remote values: validated, then normalised).
    mutate: ['src/protocol/web-messaging-parse.ts'],
    tests: ['test/unit/web-messaging-parse-hostile.test.ts', 'test/unit/web-messaging-parse.test.ts', 'test/unit/web-messaging-parse-real.test.ts', 'test/unit/web-messaging-error-frames.test.ts'],
  },
  'messenger-config': {
    // config.json's Messenger settings (colours into CSS, URLs, numbers, labels): every value checked.
    mutate: ['src/connection/messenger-config.ts'],
    tests: ['test/unit/messenger-config-hostile.test.ts', 'test/unit/messenger-settings.test.ts'],
  },
  'config-cache': {
    // The config.json kept for the next page view (page-writable storage: validated when read) and its use.
    mutate: ['src/connection/config-cache.ts', 'src/ui/messenger-settings.ts'],
    tests: ['test/unit/config-cache.test.ts', 'test/unit/messenger-parity-ui.test.ts'],
  },
  'early-socket': {
    // The guest socket the element opens on attach: its URL, config.json's readers held for it, and who takes it.
    mutate: ['src/transports/web-messaging/early-socket.ts',
      span(TRANSPORTS, lineOf(TRANSPORTS, 'const early = deps.takeEarlySocket'), lineOf(TRANSPORTS, 'if (early && (config.tokenEndpoint'))],
    tests: ['test/unit/transports-index.test.ts'],
  },
  'deployment-config': {
    // config.json (a remote value): what the widget takes from it, validated field by field.
    mutate: ['src/connection/deployment-config.ts'],
    tests: ['test/unit/deployment-config.test.ts', 'test/unit/deployment-config-style.test.ts', 'test/unit/messenger-settings.test.ts', 'test/unit/origin-refusals.test.ts'],
  },
  'session-store': {
    // The session token kept in the page's storage (page-writable: validated when read) and its tag.
    mutate: ['src/session-store.ts'],
    tests: ['test/unit/session-store.test.ts'],
  },
  'attachment-rules': {
    // What the guest may attach (types, extensions, size), checked before anything is uploaded.
    mutate: ['src/connection/attachment-rules.ts', 'src/transports/web-messaging/error-frames.ts'],
    tests: ['test/unit/attachment-rules.test.ts', 'test/unit/web-messaging-error-frames.test.ts'],
  },
  history: {
    // A returning visitor's transcript: paging, the merge (order, one copy per id), the length hint.
    mutate: ['src/connection/history.ts'],
    tests: ['test/unit/history-paging.test.ts', 'test/unit/history-edges.test.ts', 'test/unit/web-messaging-transport.test.ts'],
  },
  'gateway-frames': {
    // The gateway protocol's edge, both ways: every frame a guest's socket sends the server (anyone can open one) and
    // every frame the server sends the widget is read here first.
    mutate: [span('src/protocol/gateway.ts', lineOf('src/protocol/gateway.ts', 'function isObject('), endOf('src/protocol/gateway.ts', 'export function parseUploadResponse('))],
    tests: ['test/unit/gateway-frames-hostile.test.ts', 'test/unit/gateway-server-units.test.ts', 'test/unit/gateway-transport-guard.test.ts',
      'test/unit/gateway-transport.test.ts', 'test/unit/gateway-transport-paths.test.ts'],
  },
  'upload-files': {
    // The gateway's rules for a guest's file: types never taken, first bytes, the stored name, the download header,
    // what logs show of an id, and the memory store's expiry and byte budget.
    mutate: ['server/upload-files.ts', 'server/upload-store.ts'],
    tests: ['test/unit/server-upload-files.test.ts'],
  },
  'gateway-transport': {
    // The widget's gateway transport once its chunk is in: the session, the socket and its frames, acks, renewal,
    // a new conversation replacing a connect under way, a guest's upload.
    mutate: ['src/transports/gateway.ts'],
    tests: ['test/unit/gateway-transport.test.ts', 'test/unit/gateway-transport-paths.test.ts', 'test/unit/gateway-transport-guard.test.ts',
      'test/unit/lazy-gateway-transport.test.ts', 'test/unit/gateway-uploads.test.ts'],
  },
};
