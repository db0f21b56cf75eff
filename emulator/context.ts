import type { World } from './world.js';
import type { Faults } from './faults.js';
import type { WorldFile } from './world-file.js';

/** Units of the guest text limit (see `messageLengthUnit`). */
export type MessageLengthUnit = 'code-points' | 'utf16';

/** Length of `text` in `unit`. */
export function textLength(text: string, unit: MessageLengthUnit): number {
  return unit === 'utf16' ? text.length : [...text].length;
}

/** Options of {@link buildEmulator}; every one has a default (see docs/emulator.md). */
export interface EmulatorOptions {
  /** A world file path, or the world itself. Default: emulator/worlds/default.json. */
  world?: string | WorldFile;
  /** Guest text limit before error 4011 (UNCONFIRMED number). Default 4000. */
  maxMessageLength?: number;
  /**
   * How the 4011 limit counts text: `code-points` (an emoji is one character) or `utf16` (JavaScript/Java
   * `String.length`; an emoji outside the BMP is two). UNCONFIRMED which one Genesys uses. Default `code-points`.
   */
  messageLengthUnit?: MessageLengthUnit;
  /** Custom attributes budget when the deployment does not set one (bytes of JSON). Default 2048. */
  maxCustomDataBytes?: number;
  /** Guest requests per session per minute before 429 (UNCONFIRMED). Default 60; 0 disables. */
  rateLimitPerMinute?: number;
  /** Seconds a session lives without a socket (SessionResponse durationSeconds). Default 259200 (72 h). */
  sessionDurationSeconds?: number;
  /** Seconds a getJwt token is valid. Default 3600. */
  jwtValiditySeconds?: number;
  /** Bot reply delay in ms (so typing and order look natural; 0 in tests). Default 0. */
  botDelayMs?: number;
  /** Base URL others should use to reach us (presigned URLs, config.json endpoints). Default: the listening URL. */
  publicUrl?: string;
  /** Fastify logger on (to stderr). Default false. */
  logger?: boolean;
  /** Open Messaging webhook delivery (Genesys: 10 s timeout, 5 retries 5 s apart); shorten them in tests. */
  openMessaging?: OpenMessagingOptions;
  /**
   * A JSON file that keeps what was registered through the Genesys API (Open Messaging integrations: webhook URL,
   * secret, headers) across restarts. Default: none (every start begins from the world file).
   */
  stateFile?: string;
  /** Lifetime of authenticated-messaging JWTs (`oauthcodegrantjwtexchange`, `refresh`). Default 900; shorten in tests. */
  authJwtLifetimeSeconds?: number;
}

/** Webhook delivery settings; each defaults to Genesys' documented value (see docs/emulator-open-messaging.md). */
export interface OpenMessagingOptions {
  timeoutMs?: number;
  retryDelayMs?: number;
  maxRetries?: number;
  /** `channel.from` of outbound payloads: the integration (doc example) or the agent. UNCONFIRMED. */
  outboundFrom?: 'integration' | 'agent';
  /**
   * Quick replies, cards and carousels on the webhook: `text` (default; the documented Open shape, rich items written
   * out as text lines) or `structured` (`type: "Structured"` with QuickReply/Card/Carousel content; UNCONFIRMED).
   */
  richContent?: 'text' | 'structured';
}

/** Options with every default filled in. */
export interface ResolvedEmulatorOptions {
  worldFile: WorldFile;
  worldPath: string | null;
  maxMessageLength: number;
  messageLengthUnit: MessageLengthUnit;
  maxCustomDataBytes: number;
  rateLimitPerMinute: number;
  sessionDurationSeconds: number;
  jwtValiditySeconds: number;
  botDelayMs: number;
  publicUrl: string | null;
  logger: boolean;
  openMessaging: OpenMessagingOptions;
  stateFile: string | null;
  authJwtLifetimeSeconds: number;
}

/** What every emulator plugin receives as `{ ctx }`. */
export interface EmulatorContext {
  world: World;
  faults: Faults;
  options: ResolvedEmulatorOptions;
  /** Base URL of the emulator (no trailing slash), e.g. `http://127.0.0.1:8787`. Valid once listening. */
  publicUrl(): string;
}

/**
 * Makes `create` run once per emulator: each surface keeps its own state beside the context (several emulators may
 * live in one process, as in the tests), created on first use.
 */
export function perEmulator<T>(create: (ctx: EmulatorContext) => T): (ctx: EmulatorContext) => T {
  const byContext = new WeakMap<EmulatorContext, T>();
  return (ctx) => {
    let value = byContext.get(ctx);
    if (value === undefined) {
      value = create(ctx);
      byContext.set(ctx, value);
    }
    return value;
  };
}
