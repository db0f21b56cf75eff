/**
 * The modules under mutation testing (`make mutation`), each with the files Stryker mutates and the test files
 * that guard them. Scoped to the security- and correctness-critical code (issue 14). Test files are chosen
 * explicitly (not "every test that imports it") so a run stays within minutes on a 2-core machine.
 */
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
    // bubble.ts: its URL guard and text helpers only (lines 13-41); the bubble layout is covered in Chromium.
    mutate: ['src/ui/content.ts', 'src/ui/bubble.ts:13-41'],
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
    mutate: ['server/session.ts:31-77'],
    tests: ['test/unit/session-tokens.test.ts'],
  },
  webhook: {
    mutate: ['server/webhook.ts'],
    tests: ['test/unit/webhook.test.ts', 'test/integration/server-webhook.test.ts'],
  },
  'gateway-socket': {
    // Socket auth (origin check at the upgrade; auth frame, re-auth, expiry) and the per-socket frame rate limit:
    // attachGuestSockets' upgrade handler and GuestSocket up to scheduleExpiry. Message sending is covered by the
    // gateway integration tests and not mutated here.
    mutate: ['server/guest-socket.ts:55-73', 'server/guest-socket.ts:126-328'],
    tests: ['test/integration/gateway-negative-paths.test.ts', 'test/integration/gateway-socket.test.ts', 'test/integration/gateway-socket-session.test.ts', 'test/integration/server-session.test.ts'],
  },
  'http-guards': {
    // CORS origin check and the token endpoint's per-address rate limit.
    mutate: ['server/http-guards.ts'],
    tests: ['test/unit/http-guards.test.ts', 'test/integration/server-session.test.ts'],
  },
  oauth: {
    // The token cache (OAuthClient); PlatformClient is covered by the gateway tests.
    mutate: ['server/oauth.ts:1-137'],
    tests: ['test/unit/oauth-cache.test.ts', 'test/unit/oauth-retry.test.ts', 'test/unit/gateway-server-units.test.ts'],
  },
  normalize: {
    mutate: ['server/normalize.ts'],
    tests: ['test/unit/normalize.test.ts'],
  },
  'gateway-client': {
    // The widget's side of gateway mode before the chunk: the session request and the lazy transport around it.
    mutate: ['src/transports/gateway-session.ts', 'src/transports/index.ts:119-197'],
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
    mutate: ['src/transports/web-messaging/early-socket.ts', 'src/transports/index.ts:56-57'],
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
    mutate: ['src/protocol/gateway.ts:201-415'],
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
