import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { World } from './world.js';
import { Faults } from './faults.js';
import { DEFAULT_WORLD_PATH, loadWorldFile, validateWorld } from './world-load.js';
import type { EmulatorContext, EmulatorOptions, ResolvedEmulatorOptions } from './context.js';
import { deskPlugin } from './desk/plugin.js';
import { oauthRoutes } from './oauth/routes.js';
import { openMessagingRoutes } from './open-messaging/routes.js';
import { platformRoutes } from './platform/routes.js';
import { webMessagingPlugin } from './web-messaging/plugin.js';
import { controlRoutes } from './control/routes.js';
import { knowledgeRoutes } from './knowledge/routes.js';
import { authPlugin } from './auth/plugin.js';
import { startBots } from './bots/runner.js';
import { installErrorHandling } from './http-errors.js';
import { acceptEmptyJsonBodies } from './json-body.js';

export type { EmulatorContext, EmulatorOptions, ResolvedEmulatorOptions } from './context.js';

/** Fills in the defaults and loads the world file (throws WorldFileError with every problem listed). */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  const worldPath = typeof options.world === 'string' ? options.world : options.world ? null : DEFAULT_WORLD_PATH;
  const worldFile = typeof options.world === 'object' ? validateWorld(options.world, 'world option') : loadWorldFile(worldPath ?? DEFAULT_WORLD_PATH);
  return {
    worldFile,
    worldPath,
    maxMessageLength: options.maxMessageLength ?? 4000,
    messageLengthUnit: options.messageLengthUnit ?? 'code-points',
    maxCustomDataBytes: options.maxCustomDataBytes ?? 2048,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 60,
    sessionDurationSeconds: options.sessionDurationSeconds ?? 259_200,
    jwtValiditySeconds: options.jwtValiditySeconds ?? 3600,
    botDelayMs: options.botDelayMs ?? 0,
    publicUrl: options.publicUrl?.replace(/\/+$/, '') ?? null,
    logger: options.logger ?? false,
    openMessaging: options.openMessaging ?? {},
    stateFile: options.stateFile ?? (process.env.EMULATOR_STATE_FILE || null),
    authJwtLifetimeSeconds: options.authJwtLifetimeSeconds ?? 900,
  };
}

/** The emulator's context as built by {@link buildEmulator} (attached to the app for startEmulator). */
const contexts = new WeakMap<FastifyInstance, EmulatorContext>();

/** Builds the emulator app (not listening). Every Genesys surface plus the control API and desk. */
export async function buildEmulator(options: EmulatorOptions = {}): Promise<FastifyInstance> {
  const resolved = resolveOptions(options);
  const app = Fastify({
    logger: resolved.logger ? { level: 'info', stream: process.stderr } : false,
    bodyLimit: 20 * 1024 * 1024,
    // Closing drops every connection, as a Genesys that went away would. The default ('idle') leaves a connection
    // that has not sent its request yet (a browser's preconnect) open until Node's 60 s header timeout: close hung.
    forceCloseConnections: true,
  });
  const world = new World(resolved.worldFile);
  const faults = new Faults();
  const ctx: EmulatorContext = {
    world,
    faults,
    options: resolved,
    publicUrl() {
      if (resolved.publicUrl) return resolved.publicUrl;
      const address = app.server.address() as AddressInfo | string | null;
      if (address && typeof address === 'object') {
        const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
      }
      return 'http://127.0.0.1:8787';
    },
  };
  contexts.set(app, ctx);
  installErrorHandling(app);
  acceptEmptyJsonBodies(app);
  const stopBots = startBots(ctx);
  app.addHook('onClose', async () => stopBots());
  await app.register(webMessagingPlugin, { ctx });
  await app.register(controlRoutes, { ctx });
  await app.register(deskPlugin, { ctx });
  await app.register(oauthRoutes, { ctx });
  await app.register(openMessagingRoutes, { ctx });
  await app.register(platformRoutes, { ctx });
  await app.register(knowledgeRoutes, { ctx });
  await app.register(authPlugin, { ctx });
  return app;
}

/** The context of an app built by {@link buildEmulator}. */
export function emulatorContext(app: FastifyInstance): EmulatorContext {
  const ctx = contexts.get(app);
  if (!ctx) throw new Error('not an emulator app');
  return ctx;
}

/** Builds and starts the emulator. Defaults: 127.0.0.1, port 8787 (0 = any free port). */
export async function startEmulator(options: EmulatorOptions & { port?: number; host?: string } = {}): Promise<{
  url: string;
  app: FastifyInstance;
  ctx: EmulatorContext;
  close(): Promise<void>;
}> {
  const { port = 8787, host = '127.0.0.1', ...rest } = options;
  const app = await buildEmulator(rest);
  await app.listen({ port, host });
  const ctx = emulatorContext(app);
  return { url: ctx.publicUrl(), app, ctx, close: () => app.close() };
}
