/**
 * Picks the transport for a configuration: direct Web Messaging when `region` + `deploymentId` are set, the gateway
 * (our server, S2's GatewayTransport) when `tokenEndpoint` is set (it wins when both are). A configuration that is
 * neither gets a transport that fails at once with a ChatError a person can act on.
 */
import type { ChatConnectionConfig } from '../connection/config.js';
import type { ChatError } from '../model.js';
import { ChatFailure, chatError } from '../connection/errors.js';
import { pageFetch } from '../connection/config-reader.js';
import { defaultStorage, type TokenStorage } from '../session-store.js';
import type { GatewayTransport, GatewayTransportOptions } from './gateway.js';
import { postGatewaySession, readStoredGatewaySession } from './gateway-session.js';
import type { ChatMessage } from '../model.js';
import type { Attachment } from '../protocol/web-messaging.js';
import type { OutgoingMessage, Transport, TransportListener } from './transport.js';
import { WebMessagingTransport } from './web-messaging.js';
import type { OpenedSocket } from './web-messaging/early-socket.js';

export interface TransportDeps {
  WebSocketImpl?: typeof WebSocket;
  fetchImpl?: typeof fetch;
  storage?: Storage | TokenStorage;
  /** A guest socket the host opened already (the element, on attach): a direct transport for its URL takes it. */
  takeEarlySocket?: () => OpenedSocket | null;
}

/** The custom attributes a configuration sends: its `customAttributes` plus `skill` (which routes). */
export function customAttributesOf(config: ChatConnectionConfig): Record<string, string> {
  const attributes: Record<string, string> = { ...config.customAttributes };
  if (config.skill) attributes.skill = config.skill;
  return attributes;
}

/** True when the configuration is enough to connect (direct or gateway). */
export function isCompleteConfig(config: ChatConnectionConfig | null): config is ChatConnectionConfig {
  return !!config && (!!config.tokenEndpoint || (!!config.region && !!config.deploymentId));
}

/** The gateway transport (our server's `tokenEndpoint`), its chunk loaded on first connect. */
function gatewayTransport(tokenEndpoint: string, config: ChatConnectionConfig, deps: TransportDeps): Transport {
  const options: GatewayTransportOptions = { tokenEndpoint };
  if (config.skill) options.skill = config.skill;
  if (config.customAttributes) options.customAttributes = { ...config.customAttributes };
  if (config.displayName) options.displayName = config.displayName;
  if (deps.storage) options.storage = deps.storage;
  if (deps.WebSocketImpl) options.WebSocketImpl = deps.WebSocketImpl;
  if (deps.fetchImpl) options.fetchImpl = deps.fetchImpl;
  return new LazyGatewayTransport(options);
}

/**
 * Creates the transport a configuration asks for. `connectingNow`: it is connected right after (in this same task),
 * so a direct one opens its socket before the rest of its setup.
 */
export function createTransport(config: ChatConnectionConfig, deps: TransportDeps = {}, connectingNow = false): Transport {
  const early = deps.takeEarlySocket?.() ?? null;
  if (early && (config.tokenEndpoint || !config.region || !config.deploymentId)) early.socket.close(); // not a direct transport's
  if (config.tokenEndpoint) return gatewayTransport(config.tokenEndpoint, config, deps);
  if (!config.region) {
    return new FailingTransport(chatError('bad-region', 'Set the region attribute (or token-endpoint).', { fatal: true }));
  }
  if (!config.deploymentId) {
    return new FailingTransport(chatError('missing-deployment', 'Set the deployment-id attribute.', { fatal: true }));
  }
  return new WebMessagingTransport({
    region: config.region,
    deploymentId: config.deploymentId,
    customAttributes: customAttributesOf(config),
    ...(deps.WebSocketImpl ? { WebSocketImpl: deps.WebSocketImpl } : {}),
    ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}),
    ...(deps.storage ? { storage: deps.storage } : {}),
    ...(early ? { preopened: early } : connectingNow ? { openSocketNow: true } : {}),
  });
}

/** A transport that cannot work: every connect fails with the same fatal error. */
export class FailingTransport implements Transport {
  private listener: TransportListener = () => {};

  constructor(private readonly error: ChatError) {}

  onEvent(listener: TransportListener): void {
    this.listener = listener;
  }

  connect(): Promise<void> {
    this.listener({ type: 'closed', reconnect: false, error: this.error });
    return Promise.reject(new ChatFailure(this.error));
  }

  disconnect(): void {}

  sendMessage(): void {
    throw new ChatFailure(this.error);
  }

  sendQuickReply(): void {
    throw new ChatFailure(this.error);
  }

  sendTyping(): void {}

  fetchHistory(): Promise<never> {
    return Promise.reject(new ChatFailure(this.error));
  }

  endConversation(): Promise<void> {
    return Promise.resolve();
  }

  startNewConversation(): Promise<void> {
    return this.connect();
  }

  forgetSession(): void {}
}

export { WebMessagingTransport } from './web-messaging.js';
export type { Transport } from './transport.js';

/**
 * The gateway transport, loaded on first connect: a direct-mode page never downloads it (a chunk of its own in the
 * ES and CDN builds; inlined in the single-file bundle). Until it is loaded there is no session, so sends fail as
 * they would on any closed transport.
 */
export class LazyGatewayTransport implements Transport {
  private listener: TransportListener = () => {};
  private loaded: Promise<GatewayTransport> | null = null;
  private real: GatewayTransport | null = null;

  constructor(private readonly options: GatewayTransportOptions) {}

  /** `firstSessionRequest`: sent beside the import, for the first connect (see GatewayTransportOptions). */
  private load(firstSessionRequest?: Promise<Response>): Promise<GatewayTransport> {
    this.loaded ??= import('./gateway.js').then(({ GatewayTransport: Gateway }) => {
      const real = new Gateway(firstSessionRequest ? { ...this.options, firstSessionRequest } : this.options);
      real.onEvent((event) => this.listener(event));
      this.real = real;
      return real;
    }, (error: unknown) => {
      // A chunk that failed to load (a network blip) is asked for again on the controller's next try.
      this.loaded = null;
      const failed = chatError('network', 'The chat could not load its gateway code.', { detail: error });
      this.listener({ type: 'closed', reconnect: true, error: failed });
      throw new ChatFailure(failed);
    });
    return this.loaded;
  }

  private get ready(): GatewayTransport {
    if (!this.real) throw new ChatFailure(chatError('not-connected', 'Not connected.'));
    return this.real;
  }

  onEvent(listener: TransportListener): void {
    this.listener = listener;
  }

  async connect(): Promise<void> {
    if (this.loaded) {
      await (await this.loaded).connect();
      return;
    }
    // A first visit would otherwise fetch the chunk and only then ask for the session: two round trips, not one.
    const fetchImpl = this.options.fetchImpl ?? pageFetch;
    const stored = readStoredGatewaySession(this.options.storage ?? defaultStorage(), this.options.tokenEndpoint);
    const request = postGatewaySession(this.options, fetchImpl, stored?.token);
    request.catch(() => undefined); // read (and reported) by the transport's connect; unread if the chunk failed
    await (await this.load(request)).connect();
  }

  disconnect(): void {
    this.real?.disconnect();
  }

  sendMessage(message: OutgoingMessage): void {
    this.ready.sendMessage(message);
  }

  sendQuickReply(...args: Parameters<Transport['sendQuickReply']>): void {
    this.ready.sendQuickReply(...args);
  }

  async uploadAttachment(...args: Parameters<GatewayTransport['uploadAttachment']>): Promise<Attachment> {
    return this.ready.uploadAttachment(...args);
  }

  async deleteAttachment(attachmentId: string): Promise<void> {
    await this.real?.deleteAttachment(attachmentId);
  }

  sendTyping(): void {
    this.real?.sendTyping();
  }

  async fetchHistory(): Promise<ChatMessage[]> {
    return (await this.load()).fetchHistory();
  }

  async endConversation(): Promise<void> {
    if (this.real) await this.real.endConversation();
  }

  async startNewConversation(): Promise<void> {
    await (await this.load()).startNewConversation();
  }

  forgetSession(): void {
    if (this.real) this.real.forgetSession();
    else void this.load().then((real) => real.forgetSession());
  }
}
