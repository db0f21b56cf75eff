import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { WEB_MESSAGING_PATH } from '@genesys-chat/protocol/web-messaging.js';
import { platformError } from '../http-errors.js';
import { GuestSocket } from './guest-socket.js';
import { originAllowed } from './origin.js';
import type { WebMessagingService } from './service.js';
import { dispatchFrame } from './dispatch.js';

/** Largest frame accepted; larger ones close the socket with 1009 (the emulator lives on). */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** Answers a refused upgrade with an HTTP status and a Platform-shaped JSON body, then closes the stream. */
function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify(platformError(status, code, message));
  const reason = status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
    + `Connection: close\r\n\r\n${body}`,
  );
}

/**
 * The guest socket `/v1?deploymentId=…`: checks the deployment and the Origin on the HTTP upgrade (403 as Genesys
 * does), then hands each text frame to the dispatcher. Returns the 'upgrade' listener to attach to the server.
 */
export function guestUpgradeHandler(service: WebMessagingService): {
  onUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
  close: () => void;
} {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://emulator.invalid');
    if (url.pathname !== WEB_MESSAGING_PATH) return; // another surface's socket (e.g. the desk) handles it
    const deploymentId = url.searchParams.get('deploymentId');
    if (!deploymentId) return refuse(socket, 400, 'bad.request', 'deploymentId query parameter is required');
    const deployment = service.deployment(deploymentId);
    // Genesys refuses unknown and inactive deployments on the upgrade; the transport maps 403 to error 1002.
    if (!deployment) return refuse(socket, 403, 'deployment.not.found', `Deployment ${deploymentId} not found`);
    if (deployment.status !== 'Active') return refuse(socket, 403, 'deployment.inactive', `Deployment ${deploymentId} is not active`);
    if (!originAllowed(deployment, request.headers.origin)) {
      return refuse(socket, 403, 'origin.not.allowed', 'Origin is not an allowed domain of this deployment');
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const guest = new GuestSocket(ws, deploymentId, randomUUID(), service.ctx.faults);
      service.sockets.add(guest);
      ws.on('message', (data, isBinary) => {
        dispatchFrame(service, guest, data, isBinary).catch((error: unknown) => service.logError('frame failed', error));
      });
      ws.on('error', () => ws.terminate());
      ws.on('close', () => {
        service.detach(guest);
        service.sockets.delete(guest);
      });
    });
  };

  return {
    onUpgrade,
    close: () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
