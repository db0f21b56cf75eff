import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../src/model.js';
import { HEALTH_CHECK_TRACING_ID } from '../../src/protocol/web-messaging.js';
import { memoryStorage } from '../../src/session-store.js';
import type { TransportEvent } from '../../src/transports/transport.js';
import { WebMessagingTransport, type WebMessagingTransportOptions } from '../../src/transports/web-messaging.js';
import { WebSocket as MockWebSocket } from 'mock-socket';
import { countingSockets, FakeFetch, FakeGenesys, MockWebSocketImpl, REGION, uniqueDeployment } from './support/fake-genesys.js';

const servers: FakeGenesys[] = [];
const transports: WebMessagingTransport[] = [];
afterEach(() => {
  for (const t of transports.splice(0)) t.disconnect();
  for (const s of servers.splice(0)) s.stop();
});

function setup(options: Partial<WebMessagingTransportOptions> = {}, serverOptions: { refuse?: boolean } = {}) {
  const deploymentId = options.deploymentId ?? uniqueDeployment();
  const genesys = new FakeGenesys(deploymentId, serverOptions);
  servers.push(genesys);
  const http = new FakeFetch();
  const storage = memoryStorage();
  const warnings: unknown[][] = [];
  const events: TransportEvent[] = [];
  const make = (): WebMessagingTransport => {
    const transport = new WebMessagingTransport({
      region: REGION, deploymentId, WebSocketImpl: MockWebSocketImpl, fetchImpl: http.fetch, storage,
      customAttributes: { skill: 'Billing' },
      logger: { warn: (...args: unknown[]) => warnings.push(args), debug: () => {} },
      ...options,
    });
    transport.onEvent((event) => events.push(event));
    transports.push(transport);
    return transport;
  };
  return { deploymentId, genesys, http, storage, warnings, events, make, transport: make() };
}

const ofType = <T extends TransportEvent['type']>(events: TransportEvent[], type: T) =>
  events.filter((e): e is Extract<TransportEvent, { type: T }> => e.type === type);

describe('WebMessagingTransport: session', () => {
  it('opens the socket while config.json is still loading, goes online without waiting for it, then reports features and the limits', async () => {
    const s = setup();
    let release = (): void => {};
    s.http.configGate = new Promise((resolve) => { release = resolve; });
    s.http.config.body = { id: 'x', version: '1', languages: [], defaultLanguage: 'en', status: 'Active', messenger: { enabled: true,
      fileUpload: { enableAttachments: true, modes: [{ fileTypes: ['image/png'], maxFileSizeKB: 100 }] },
      apps: { conversations: { showUserTypingIndicator: false, markdown: { enabled: true } } } } };
    s.genesys.sessionBody = { connected: true, newSession: true, allowedMedia: { inbound: { fileTypes: [{ type: 'image/jpeg' }], maxFileSizeKB: 512 } },
      blockedExtensions: ['.exe'], maxCustomDataBytes: 2048 };
    const connected = s.transport.connect();
    await vi.waitFor(() => expect(s.genesys.actions()).toContain('configureSession'));
    // The config request went out, but has not answered, when the session was configured: parallel, not before.
    expect(s.http.calls.some((c) => c.url === `${REGION}/webdeployments/v1/deployments/${s.deploymentId}/config.json`)).toBe(true);
    expect(ofType(s.events, 'features')).toEqual([]);
    // config.json never gates the session: it is configured (online) while config.json still loads.
    await connected;
    const session = ofType(s.events, 'session')[0]?.session;
    expect(session).toMatchObject({ resumed: false, readOnly: false });
    expect(session?.limits).toMatchObject({ allowedFileTypes: ['image/jpeg'], maxFileSizeKB: 512, blockedExtensions: ['.exe'], maxCustomDataBytes: 2048 });
    expect(ofType(s.events, 'features')).toEqual([]);
    release();
    await vi.waitFor(() => expect(ofType(s.events, 'limits')).toHaveLength(1));
    expect(ofType(s.events, 'features')[0]?.features).toMatchObject({ attachments: true, guestTyping: false, markdown: true });
    expect(ofType(s.events, 'limits')[0]?.limits).toMatchObject({ allowedFileTypes: ['image/jpeg'], maxFileSizeKB: 512, blockedExtensions: ['.exe'], maxCustomDataBytes: 2048 });
  });

  it('openSocketNow: opens its socket when created, and the first connect() configures the session on that socket', async () => {
    const { opened, WebSocketImpl: CountingSocket } = countingSockets();
    const s = setup({ WebSocketImpl: CountingSocket, openSocketNow: true });
    // The handshake is under way before the transport was asked to connect (the rest of the page's start overlaps it).
    expect(opened).toHaveLength(1);
    await s.transport.connect();
    expect(opened).toHaveLength(1);
    expect(s.genesys.sockets).toHaveLength(1);
    expect(s.genesys.actions()).toEqual(['configureSession']);
    expect(ofType(s.events, 'session')[0]?.session.resumed).toBe(false);
    // Without the option nothing is opened until connect() (a transport made to sign out or start over).
    transports.push(new WebMessagingTransport({ region: REGION, deploymentId: s.deploymentId, WebSocketImpl: CountingSocket, storage: s.storage }));
    expect(opened).toHaveLength(1);
  });

  it('openSocketNow: a socket that connect() never took is closed by disconnect(); a later connect() opens a new one', async () => {
    const { opened, WebSocketImpl: CountingSocket } = countingSockets();
    const s = setup({ WebSocketImpl: CountingSocket, openSocketNow: true });
    s.transport.disconnect();
    await vi.waitFor(() => expect(opened[0]?.readyState).toBe(MockWebSocket.CLOSED));
    await s.transport.connect();
    expect(opened).toHaveLength(2);
    expect(opened[1]?.readyState).toBe(MockWebSocket.OPEN);
    expect(s.genesys.actions()).toEqual(['configureSession']);
  });

  it('asks for config.json in the first idle moment while the socket opens, before the configure request', async () => {
    const s = setup();
    const connected = s.transport.connect();
    const configUrl = `${REGION}/webdeployments/v1/deployments/${s.deploymentId}/config.json`;
    await new Promise((resolve) => setTimeout(resolve, 0)); // idle (Node has no requestIdleCallback: the next task)
    expect(s.http.calls.map((c) => c.url)).toContain(configUrl);
    expect(s.genesys.actions()).not.toContain('configureSession'); // the handshake has not finished
    await connected;
    expect(s.http.calls.filter((c) => c.url === configUrl)).toHaveLength(1);
    expect(ofType(s.events, 'features')).toHaveLength(1);
  });

  it('keeps the session token per deployment and resumes with it after a reload', async () => {
    const s = setup();
    await s.transport.connect();
    const first = s.genesys.received.find((r) => r.action === 'configureSession');
    expect(s.storage.getItem(`genesys-chat:${s.deploymentId}:token`)).toBe(first?.token);
    expect(first?.deploymentId).toBe(s.deploymentId);
    s.transport.disconnect();
    s.genesys.sessionBody = { connected: true, newSession: false };
    const reloaded = s.make();
    await reloaded.connect();
    const configures = s.genesys.received.filter((r) => r.action === 'configureSession');
    expect(configures[1]?.token).toBe(first?.token);
    expect(ofType(s.events, 'session')[1]?.session.resumed).toBe(true);
  });

  it('auto-starts a new session with Presence Join when the deployment says so', async () => {
    const s = setup();
    s.http.config.body = { status: 'Active', messenger: { enabled: true, apps: { conversations: { autoStart: { enabled: true } } } } };
    await s.transport.connect();
    await vi.waitFor(() => expect(s.genesys.actions()).toContain('onMessage'));
    const join = s.genesys.received.find((r) => r.action === 'onMessage');
    expect(join?.message).toEqual({ type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Join' } }] });
  });

  it('goes online with a config.json whose upload modes are not all modes (a remote value), taking the ones that are', async () => {
    const s = setup();
    let release = (): void => {};
    s.http.configGate = new Promise((resolve) => { release = resolve; });
    s.http.config = { status: 200, body: { id: 'x', status: 'Active', messenger: { fileUpload: { enableAttachments: true,
      modes: [null, 'image/*', { fileTypes: ['image/png', 7], maxFileSizeKB: 1024 }] } } } };
    await s.transport.connect(); // online before config.json came
    release();
    await vi.waitFor(() => expect(ofType(s.events, 'limits').at(-1)?.limits).toMatchObject({ allowedFileTypes: ['image/png'], maxFileSizeKB: 1024 }));
    s.transport.disconnect();
    const again = s.make(); // config.json is in by now: read with the session
    await again.connect();
    expect(ofType(s.events, 'session').at(-1)?.session.limits).toMatchObject({ allowedFileTypes: ['image/png'], maxFileSizeKB: 1024 });
  });

  it('fails for good, in words, when config.json says the deployment does not exist', async () => {
    const s = setup();
    s.http.config = { status: 404, body: { message: 'not found' } };
    await expect(s.transport.connect()).rejects.toMatchObject({ code: 'deployment-not-found', fatal: true });
    expect(ofType(s.events, 'closed')).toEqual([expect.objectContaining({ reconnect: false, error: expect.objectContaining({ code: 'deployment-not-found' }) })]);
  });

  it('fails for good when config.json says so only after the session went online', async () => {
    const s = setup();
    let release = (): void => {};
    s.http.configGate = new Promise((resolve) => { release = resolve; });
    s.http.config = { status: 404, body: { message: 'not found' } };
    await s.transport.connect(); // online: config.json does not gate the session
    expect(ofType(s.events, 'session')).toHaveLength(1);
    release();
    await vi.waitFor(() => expect(ofType(s.events, 'closed')).toEqual([expect.objectContaining({
      reconnect: false, error: expect.objectContaining({ code: 'deployment-not-found', fatal: true }) })]));
  });

  it('fails for good when the deployment is inactive', async () => {
    const s = setup();
    s.http.config.body = { id: 'x', status: 'Inactive' };
    await expect(s.transport.connect()).rejects.toMatchObject({ code: 'deployment-inactive', fatal: true });
  });

  it('fails with bad-region for an unknown region, before opening anything', async () => {
    const s = setup({ region: 'moon.pure.cloud' });
    await expect(s.transport.connect()).rejects.toMatchObject({ code: 'bad-region', fatal: true });
    expect(s.http.calls).toEqual([]);
  });

  it('treats repeated socket refusals while config.json is fine as "origin not allowed"', async () => {
    const s = setup({}, { refuse: true });
    await expect(s.transport.connect()).rejects.toMatchObject({ code: 'network', fatal: false });
    expect(ofType(s.events, 'closed')[0]).toMatchObject({ reconnect: true });
    await expect(s.transport.connect()).rejects.toMatchObject({ code: 'origin-not-allowed', fatal: true });
    expect(ofType(s.events, 'closed')[1]).toMatchObject({ reconnect: false });
  });

  it('forgets the token and asks for a reconnect when the session is not found (4007)', async () => {
    const s = setup();
    s.genesys.overrides.set('configureSession', (request, socket, g) =>
      g.reply(socket, { type: 'response', class: 'string', code: 4007, body: 'Session not found', tracingId: request.tracingId }));
    await expect(s.transport.connect()).rejects.toMatchObject({ code: 'session-not-found' });
    expect(s.storage.getItem(`genesys-chat:${s.deploymentId}:token`)).toBeNull();
    expect(ofType(s.events, 'closed')[0]).toMatchObject({ reconnect: true });
  });
});

describe('WebMessagingTransport: frames', () => {
  it('sends onMessage with customMessageId = tracingId = the client id, plus custom attributes; the echo keeps the id', async () => {
    const s = setup();
    await s.transport.connect();
    s.transport.sendMessage({ id: 'client-1', text: 'Hello', attachmentIds: ['att-1'] });
    await vi.waitFor(() => expect(ofType(s.events, 'messages').length).toBe(1));
    const sent = s.genesys.received.find((r) => r.action === 'onMessage');
    expect(sent).toMatchObject({
      tracingId: 'client-1',
      message: { type: 'Text', text: 'Hello', metadata: { customMessageId: 'client-1' }, content: [{ contentType: 'Attachment', attachment: { id: 'att-1' } }] },
      channel: { metadata: { customAttributes: { skill: 'Billing' } } },
    });
    const echo = ofType(s.events, 'messages')[0]?.messages[0] as ChatMessage;
    expect(echo).toMatchObject({ id: 'client-1', direction: 'inbound', role: 'guest', state: 'sent', text: 'Hello' });
  });

  it('skips malformed frames with a warning and keeps delivering good ones', async () => {
    const s = setup();
    await s.transport.connect();
    s.genesys.push('not json at all');
    s.genesys.push({ class: 'StructuredMessage', code: 200, body: { text: 'no id', direction: 'Outbound' } });
    s.genesys.push({ hello: 'world' });
    s.genesys.push({ type: 'message', class: 'StructuredMessage', code: 200, body: { id: 'a1', type: 'Text', text: 'still here', direction: 'Outbound', originatingEntity: 'Human' } });
    await vi.waitFor(() => expect(ofType(s.events, 'messages').length).toBe(1));
    expect(ofType(s.events, 'messages')[0]?.messages[0]).toMatchObject({ id: 'a1', role: 'agent', text: 'still here' });
    expect(s.warnings.length).toBe(3);
    expect(ofType(s.events, 'closed')).toEqual([]);
  });

  it('closes the socket when a health-check echo goes unanswered', async () => {
    const s = setup({ healthCheckIntervalMs: 20, healthCheckTimeoutMs: 20 });
    s.genesys.answerEcho = false;
    await s.transport.connect();
    await vi.waitFor(() => expect(ofType(s.events, 'closed').length).toBe(1));
    const echo = s.genesys.received.find((r) => r.action === 'echo');
    expect(echo?.tracingId).toBe(HEALTH_CHECK_TRACING_ID);
    expect(ofType(s.events, 'closed')[0]).toMatchObject({ reconnect: true, error: { code: 'network' } });
  });

  it('keeps the socket while the health check is answered, and does not show the echo as a message', async () => {
    const s = setup({ healthCheckIntervalMs: 20, healthCheckTimeoutMs: 500 });
    await s.transport.connect();
    await vi.waitFor(() => expect(s.genesys.actions().filter((a) => a === 'echo').length).toBeGreaterThanOrEqual(4));
    expect(ofType(s.events, 'closed')).toEqual([]);
    expect(ofType(s.events, 'messages')).toEqual([]);
  });

  it('maps 429 TooManyRequestsErrorMessage to rate-limited and a failed send with retryAfter', async () => {
    const s = setup();
    s.genesys.overrides.set('onMessage', (request, socket, g) => g.reply(socket, { type: 'response', class: 'TooManyRequestsErrorMessage', code: 429,
      tracingId: request.tracingId, body: { errorCode: 429, errorMessage: 'Message rate too high', retryAfter: 7 } }));
    await s.transport.connect();
    s.transport.sendMessage({ id: 'm-429', text: 'fast' });
    await vi.waitFor(() => expect(ofType(s.events, 'send-failed').length).toBe(1));
    expect(ofType(s.events, 'rate-limited')[0]).toEqual({ type: 'rate-limited', retryAfterSeconds: 7 });
    expect(ofType(s.events, 'send-failed')[0]).toMatchObject({ id: 'm-429', failure: { code: 'rate-limited', retryAfterSeconds: 7 } });
  });

  it('maps 409 to a read-only failure and the read-only event', async () => {
    const s = setup();
    s.genesys.overrides.set('onMessage', (request, socket, g) => g.reply(socket, { type: 'response', class: 'string', code: 409,
      tracingId: request.tracingId, body: 'Session is read-only, no new messages allowed' }));
    await s.transport.connect();
    s.transport.sendMessage({ id: 'm-409', text: 'late' });
    await vi.waitFor(() => expect(ofType(s.events, 'send-failed').length).toBe(1));
    expect(ofType(s.events, 'send-failed')[0]?.failure.code).toBe('read-only');
    expect(ofType(s.events, 'read-only').length).toBe(1);
  });

  it('maps 4011 and 4013 to message-too-long and custom-attributes-too-large', async () => {
    const s = setup();
    s.genesys.overrides.set('onMessage', (request, socket, g) => {
      const text = (request.message as { text: string }).text;
      g.reply(socket, { type: 'response', class: 'string', code: text === 'long' ? 4011 : 4013, tracingId: request.tracingId, body: 'refused' });
    });
    await s.transport.connect();
    s.transport.sendMessage({ id: 'a', text: 'long' });
    s.transport.sendMessage({ id: 'b', text: 'attrs' });
    await vi.waitFor(() => expect(ofType(s.events, 'send-failed').length).toBe(2));
    expect(ofType(s.events, 'send-failed').map((e) => [e.id, e.failure.code])).toEqual([['a', 'message-too-long'], ['b', 'custom-attributes-too-large']]);
  });

  it('turns a read-only Presence Disconnect into a system line and the read-only event', async () => {
    const s = setup();
    await s.transport.connect();
    s.genesys.push({ type: 'message', class: 'StructuredMessage', code: 200, body: { type: 'Event', direction: 'Outbound', id: 'e1',
      channel: { time: '2024-02-09T22:40:00.000Z' }, events: [{ eventType: 'Presence', presence: { type: 'Disconnect' } }], metadata: { readOnly: 'true' } } });
    await vi.waitFor(() => expect(ofType(s.events, 'read-only').length).toBe(1));
    expect(ofType(s.events, 'messages')[0]?.messages[0]).toMatchObject({ role: 'system', presence: 'disconnect' });
  });

  it('ends with session-expired (no reconnect) on SessionExpiredEvent and forgets the token', async () => {
    const s = setup();
    await s.transport.connect();
    s.genesys.push({ type: 'message', class: 'SessionExpiredEvent', code: 4006, body: {} });
    await vi.waitFor(() => expect(ofType(s.events, 'closed').length).toBe(1));
    expect(ofType(s.events, 'closed')[0]).toMatchObject({ reconnect: false, error: { code: 'session-expired' } });
    expect(s.storage.getItem(`genesys-chat:${s.deploymentId}:token`)).toBeNull();
  });

  it('ends without reconnect when another window closes every connection', async () => {
    const s = setup();
    await s.transport.connect();
    s.genesys.push({ type: 'message', class: 'ConnectionClosedEvent', code: 200, body: {} });
    await vi.waitFor(() => expect(ofType(s.events, 'closed').length).toBe(1));
    expect(ofType(s.events, 'closed')[0]?.reconnect).toBe(false);
  });

  it('sends typing at most once per 5 s and reports agent typing', async () => {
    const s = setup();
    await s.transport.connect();
    s.transport.sendTyping();
    s.transport.sendTyping();
    s.transport.sendTyping();
    s.genesys.push({ type: 'message', class: 'StructuredMessage', code: 200, body: { type: 'Event', direction: 'Outbound', id: 't1',
      events: [{ eventType: 'Typing', typing: { type: 'On', duration: 4000 } }], channel: { from: { nickname: 'Sam' } } } });
    await vi.waitFor(() => expect(ofType(s.events, 'typing').length).toBe(1));
    await vi.waitFor(() => expect(s.genesys.actions()).toContain('onMessage'));
    s.transport.sendMessage({ id: 'after-typing', text: 'x' }); // a marker: everything sent before it has arrived once it has
    await vi.waitFor(() => expect(s.genesys.received.some((r) => r.tracingId === 'after-typing')).toBe(true));
    const typingFrames = s.genesys.received.filter((r) => r.action === 'onMessage' && (r.message as { type: string }).type === 'Event');
    expect(typingFrames).toEqual([expect.objectContaining({ message: { type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On' } }] } })]);
    expect(ofType(s.events, 'typing')[0]).toEqual({ type: 'typing', sender: { name: 'Sam' }, durationMs: 4000 });
  });
});

describe('WebMessagingTransport: history, attachments, new conversation', () => {
  it('gets a JWT, pages history newest-first with Bearer auth, and returns it oldest first', async () => {
    const s = setup();
    const entity = (id: string, second: number) => ({ id, type: 'Text', text: id, direction: 'Outbound', channel: { time: new Date(Date.UTC(2024, 0, 1, 0, 0, second)).toISOString() } });
    s.http.historyPages = [[entity('m4', 4), entity('m3', 3)], [entity('m2', 2), { broken: true }, entity('m1', 1)]];
    s.http.historyTotal = 5;
    await s.transport.connect();
    const history = await s.transport.fetchHistory();
    expect(history.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    const pages = s.http.calls.filter((c) => c.url.includes('/api/v2/webmessaging/messages'));
    expect(pages.map((c) => c.url)).toEqual([
      `${REGION}/api/v2/webmessaging/messages?pageSize=100&pageNumber=1`,
      `${REGION}/api/v2/webmessaging/messages?pageSize=100&pageNumber=2`,
    ]);
    expect((pages[0]?.init?.headers as Record<string, string>).Authorization).toBe('Bearer jwt-1');
    expect(s.genesys.actions().filter((a) => a === 'getJwt').length).toBe(1);
  });

  it('counts live messages into the history-length hint: after a reload, the pages they added are asked for with the newest', async () => {
    const s = setup();
    const entity = (id: string) => ({ id, type: 'Text', text: id, direction: 'Outbound', channel: { time: new Date().toISOString() } });
    s.http.historyPages = [[entity('m1')]];
    s.http.historyTotal = 1;
    await s.transport.connect();
    await s.transport.fetchHistory(); // the hint: 1 message
    for (let i = 0; i < 150; i += 1) {
      s.genesys.push({ type: 'message', class: 'StructuredMessage', code: 200,
        body: { type: 'Text', direction: 'Outbound', id: `live-${i}`, text: 'hi', channel: { time: new Date().toISOString() } } });
    }
    await vi.waitFor(() => expect(ofType(s.events, 'messages').length).toBe(150));
    s.transport.disconnect();
    s.genesys.sessionBody = { connected: true, newSession: false };
    const before = s.http.calls.length;
    const reloaded = s.make(); // the same storage: the page after a reload
    await reloaded.connect();
    await reloaded.fetchHistory();
    const pages = s.http.calls.slice(before).filter((c) => c.url.includes('/api/v2/webmessaging/messages'))
      .map((c) => new URL(c.url).searchParams.get('pageNumber'));
    // 151 messages at 100 a page: page 2 goes out with page 1 (this fake's page 1 says there is only one page, so
    // nothing but the hint asks for page 2).
    expect(pages).toEqual(['1', '2']);
  });

  describe('the JWT kept for the next page load', () => {
    const entity = (id: string) => ({ id, type: 'Text', text: id, direction: 'Outbound', channel: { time: new Date().toISOString() } });
    const isHistory = (c: { url: string }) => c.url.includes('/api/v2/webmessaging/messages');
    const bearers = (s: ReturnType<typeof setup>) => s.http.calls.filter(isHistory)
      .map((c) => (c.init?.headers as Record<string, string>).Authorization);
    const keptKey = (s: ReturnType<typeof setup>) => `genesys-chat:${s.deploymentId}:token:jwt`;
    /** A first page load (a new session, which keeps a JWT), then the reload's transport, resuming. */
    async function visitedBefore() {
      const s = setup();
      s.http.historyPages = [[entity('m1')]];
      s.http.historyTotal = 1;
      await s.transport.connect();
      await vi.waitFor(() => expect(s.storage.getItem(keptKey(s))).toContain('jwt-1'));
      s.transport.disconnect();
      s.genesys.sessionBody = { connected: true, newSession: false };
      return s;
    }
    const answerJwt = (s: ReturnType<typeof setup>, jwt: string) => s.genesys.overrides.set('getJwt', (request, socket, g) => {
      g.reply(socket, { type: 'response', class: 'JwtResponse', code: 200, tracingId: request.tracingId,
        body: { jwt, exp: Math.floor(Date.now() / 1000) + 600 } });
    });

    it('a new session keeps one, tagged with the end of its token (the token is not stored twice)', async () => {
      const s = await visitedBefore();
      const token = s.storage.getItem(`genesys-chat:${s.deploymentId}:token`) ?? '';
      expect(token).not.toBe('');
      expect(s.storage.getItem(keptKey(s))).not.toContain(token);
      expect(s.genesys.actions().filter((a) => a === 'getJwt')).toHaveLength(1);
    });

    it('a reload asks for the resumed history with the kept JWT while the socket opens, and the session takes it', async () => {
      const s = await visitedBefore();
      let askedBeforeConfigure = -1;
      s.genesys.overrides.set('configureSession', (request, socket, g) => {
        askedBeforeConfigure = s.http.calls.filter(isHistory).length;
        g.reply(socket, { type: 'response', class: 'SessionResponse', code: 200, body: g.sessionBody, tracingId: request.tracingId });
      });
      const reloaded = s.make();
      await reloaded.connect();
      // Asked for before the session was configured again: neither the socket nor a getJwt round trip came first.
      expect(askedBeforeConfigure).toBe(1);
      expect((await reloaded.fetchHistory()).map((m) => m.id)).toEqual(['m1']);
      expect(s.http.calls.filter(isHistory)).toHaveLength(1); // that request's answer: not asked for again
      expect(bearers(s)).toEqual(['Bearer jwt-1']);
      expect(s.genesys.actions().filter((a) => a === 'getJwt')).toHaveLength(1); // the first page load's only
    });

    it('a history asked for early is not used by a later connection, which asks only once the session is back', async () => {
      const s = await visitedBefore();
      const reloaded = s.make();
      await reloaded.connect();
      expect(s.http.calls.filter(isHistory)).toHaveLength(1);
      reloaded.disconnect();
      s.http.historyPages = [[entity('m1'), entity('m2')]];
      s.http.historyTotal = 2;
      // A reconnect (a socket that keeps failing would try again and again) does not download the history early.
      await reloaded.connect();
      expect(s.http.calls.filter(isHistory)).toHaveLength(1);
      expect((await reloaded.fetchHistory()).map((m) => m.id).sort()).toEqual(['m1', 'm2']);
      expect(s.http.calls.filter(isHistory)).toHaveLength(2);
    });

    it('a resumed session renews a kept JWT past half its life, and leaves a younger one alone', async () => {
      const s = await visitedBefore();
      const getJwts = () => s.genesys.actions().filter((a) => a === 'getJwt').length;
      const young = s.make();
      await young.connect();
      await new Promise((resolve) => setTimeout(resolve, 50)); // the renewal runs a task after the session
      expect(getJwts()).toBe(1);
      young.disconnect();
      // Kept 500 s ago, 100 s left: past half its life (still usable for the history now).
      const kept = JSON.parse(s.storage.getItem(keptKey(s)) ?? '{}') as Record<string, unknown>;
      s.storage.setItem(keptKey(s), JSON.stringify({ ...kept, at: Date.now() - 500_000, exp: Date.now() + 100_000 }));
      answerJwt(s, 'jwt-2');
      const old = s.make();
      await old.connect();
      await vi.waitFor(() => expect(s.storage.getItem(keptKey(s))).toContain('jwt-2'));
      expect(getJwts()).toBe(2);
    });

    it('a kept JWT the server refuses: the history is fetched again with a new one, which is kept', async () => {
      const s = await visitedBefore();
      s.http.refusedJwts.add('jwt-1');
      answerJwt(s, 'jwt-2');
      const reloaded = s.make();
      await reloaded.connect();
      expect((await reloaded.fetchHistory()).map((m) => m.id)).toEqual(['m1']);
      expect(bearers(s)).toEqual(['Bearer jwt-1', 'Bearer jwt-2']);
      expect(s.storage.getItem(keptKey(s))).toContain('jwt-2');
    });

    it('a new session under the stored token does not use the JWT kept for the session before', async () => {
      const s = await visitedBefore();
      s.genesys.sessionBody = { connected: true, newSession: true };
      answerJwt(s, 'jwt-2');
      // The history asked for early answers only after the session said it is new.
      let release = (): void => {};
      s.http.historyGate = new Promise((resolve) => { release = resolve; });
      s.http.historyTotal = 500;
      const reloaded = s.make();
      await reloaded.connect();
      release();
      await vi.waitFor(() => expect(s.storage.getItem(keptKey(s))).toContain('jwt-2'));
      // Its length is not remembered for the new session (the next reload would ask for 5 pages of nothing).
      const hintKey = `genesys-chat:${s.deploymentId}:token:history`;
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(s.storage.getItem(hintKey)).toMatch(/ 0$/);
      s.http.historyTotal = 0;
      await reloaded.fetchHistory();
      // Asked for with the old one while the socket opened (the session's answer was not known yet), then not used.
      expect(bearers(s)).toEqual(['Bearer jwt-1', 'Bearer jwt-2']);
    });

    it('ignores a kept value that is not ours, and forgets the kept JWT with the session', async () => {
      const s = await visitedBefore();
      s.storage.setItem(keptKey(s), '{"tag":42,"jwt":["x"]}');
      const reloaded = s.make();
      await reloaded.connect();
      await reloaded.fetchHistory();
      expect(bearers(s)).toEqual(['Bearer jwt-1']); // asked for with a fresh getJwt, after the session
      expect(s.genesys.actions().filter((a) => a === 'getJwt')).toHaveLength(2);
      reloaded.forgetSession();
      expect(s.storage.getItem(keptKey(s))).toBeNull();
    });
  });

  it('uploads through the presigned URL with exactly its headers and resolves on UploadSuccessEvent', async () => {
    const s = setup();
    s.genesys.overrides.set('onAttachment', (request, socket, g) => {
      g.reply(socket, { type: 'response', class: 'PresignedUrlResponse', code: 200, tracingId: request.tracingId, body: {
        attachmentId: 'att-9', url: 'http://127.0.0.1:8787/upload/att-9', headers: { 'Content-Type': 'image/png', 'x-amz-meta-a': 'v' } } });
      setTimeout(() => g.reply(socket, { type: 'message', class: 'UploadSuccessEvent', code: 200,
        body: { attachmentId: 'att-9', downloadUrl: 'http://127.0.0.1:8787/files/att-9', timestamp: new Date().toISOString() } }), 20);
    });
    await s.transport.connect();
    const progress: number[] = [];
    const file = new File([new Uint8Array(10)], 'cat.png', { type: 'image/png' });
    const attachment = await s.transport.uploadAttachment(file, (p) => progress.push(p.loaded));
    expect(attachment).toMatchObject({ id: 'att-9', url: 'http://127.0.0.1:8787/files/att-9', filename: 'cat.png', mime: 'image/png', mediaType: 'Image' });
    const request = s.genesys.received.find((r) => r.action === 'onAttachment');
    expect(request).toMatchObject({ fileName: 'cat.png', fileType: 'image/png', fileSize: 10 });
    const put = s.http.calls.find((c) => c.init?.method === 'PUT');
    expect(put?.url).toBe('http://127.0.0.1:8787/upload/att-9');
    expect(put?.init?.headers).toEqual({ 'Content-Type': 'image/png', 'x-amz-meta-a': 'v' });
    expect(progress.at(-1)).toBe(10);
  });

  it('rejects the upload on UploadFailureEvent', async () => {
    const s = setup();
    s.genesys.overrides.set('onAttachment', (request, socket, g) => {
      g.reply(socket, { type: 'response', class: 'PresignedUrlResponse', code: 200, tracingId: request.tracingId, body: { attachmentId: 'att-x', url: 'http://127.0.0.1:8787/u', headers: {} } });
      setTimeout(() => g.reply(socket, { type: 'message', class: 'UploadFailureEvent', code: 200,
        body: { attachmentId: 'att-x', errorCode: 4003, errorMessage: 'File content invalid', timestamp: '' } }), 20);
    });
    await s.transport.connect();
    await expect(s.transport.uploadAttachment(new File(['x'], 'a.png', { type: 'image/png' }))).rejects.toMatchObject({ code: 'attachment-failed' });
  });

  it('starts a new conversation from a read-only session: closeSession, then configureSession startNew with the same token', async () => {
    const s = setup();
    s.genesys.sessionBody = { connected: true, newSession: false, readOnly: true };
    await s.transport.connect();
    await s.transport.startNewConversation();
    // (getJwt: the JWT kept for the next page load, history-jwt.ts)
    const received = s.genesys.received.filter((r) => r.action !== 'getJwt');
    expect(received.map((r) => r.action)).toEqual(['configureSession', 'closeSession', 'configureSession']);
    expect(received[2]).toMatchObject({ startNew: true, token: s.genesys.received[0]?.token });
    expect(ofType(s.events, 'session').length).toBe(2);
  });

  it('starts a new conversation the guest ended themselves with a fresh token', async () => {
    const s = setup();
    await s.transport.connect();
    await s.transport.startNewConversation();
    const configures = s.genesys.received.filter((r) => r.action === 'configureSession');
    expect(configures).toHaveLength(2);
    expect(configures[1]?.token).not.toBe(configures[0]?.token);
    expect(s.storage.getItem(`genesys-chat:${s.deploymentId}:token`)).toBe(configures[1]?.token);
  });

  it('throws not-connected when sending without a session', () => {
    const s = setup();
    expect(() => s.transport.sendMessage({ id: 'x', text: 'y' })).toThrowError(expect.objectContaining({ code: 'not-connected' }));
  });
});
