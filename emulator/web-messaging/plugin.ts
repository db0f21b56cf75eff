import type { FastifyPluginAsync } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EmulatorContext } from '../context.js';
import { platformError } from '../http-errors.js';
import { webMessagingService } from './service.js';
import { guestUpgradeHandler } from './socket.js';
import { registerConfigJson } from './config-json.js';
import { registerHistory } from './history.js';
import { registerUploads } from './uploads.js';

/** Web Messaging guest surface: the socket `/v1`, presigned uploads, config.json and history. */
export const webMessagingPlugin: FastifyPluginAsync<{ ctx: EmulatorContext }> = async (app, { ctx }) => {
  const service = webMessagingService(ctx);
  service.logError = (message, error) => app.log.error({ err: error }, message);
  const { onUpgrade, close } = guestUpgradeHandler(service);
  const server = app.server;
  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/v1' && server.listenerCount('upgrade') <= 1) {
      const body = JSON.stringify(platformError(404, 'not.found', `no socket at ${path}`));
      socket.end(`HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    onUpgrade(request, socket, head);
  };
  server.on('upgrade', upgrade);
  app.addHook('preClose', async () => {
    server.off('upgrade', upgrade);
    close();
    service.dispose();
  });
  registerConfigJson(app, service);
  registerHistory(app, service);
  await app.register(async (scope) => registerUploads(scope, service));
};
