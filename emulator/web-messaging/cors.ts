import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WorldDeployment } from '../world-file.js';
import { originAllowed } from './origin.js';

/** Sets CORS headers that let `origin` read the response. */
export function allowOrigin(reply: FastifyReply, origin: string, methods = 'GET, OPTIONS', headers = 'Authorization, Content-Type'): void {
  reply.header('Access-Control-Allow-Origin', origin);
  reply.header('Vary', 'Origin');
  reply.header('Access-Control-Allow-Methods', methods);
  reply.header('Access-Control-Allow-Headers', headers);
  reply.header('Access-Control-Max-Age', '600');
}

/** Whether any active deployment lists this Origin (for preflights, which carry no credentials to say which). */
export function anyDeploymentAllows(deployments: Iterable<WorldDeployment>, origin: string | undefined): boolean {
  for (const d of deployments) if (d.status === 'Active' && originAllowed(d, origin)) return true;
  return false;
}

/** The request's Origin header (first value). */
export function requestOrigin(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  return Array.isArray(origin) ? origin[0] : origin;
}
