import type { FastifyInstance } from 'fastify';
import { Ajv } from 'ajv';
import { isRecord, type DeploymentConfig } from '@genesys-chat/protocol/web-messaging.js';
import type { EmulatorContext } from '../context.js';
import type { WorldDeployment } from '../world-file.js';
import { customI18nLabelsSchema, messengerSchema, positionSchema } from '../world-schema.js';
import { WorldError } from '../world.js';

/**
 * Deployment settings at run time: the control API changes a deployment's Messenger configuration as an admin
 * would publish a new configuration version, so tests switch variations without restarting the emulator.
 */

/** Top-level fields of a deployment that the control API may change (ids, domains and routing stay as loaded). */
const PATCHABLE = ['name', 'status', 'languages', 'defaultLanguage', 'customI18nLabels', 'position', 'messenger'] as const;

const settingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    status: { enum: ['Active', 'Inactive'] },
    languages: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    defaultLanguage: { type: 'string', minLength: 1 },
    customI18nLabels: customI18nLabelsSchema,
    position: positionSchema,
    messenger: messengerSchema,
  },
} as const;

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
const validateSettings = ajv.compile(settingsSchema);

/**
 * RFC 7396 JSON merge patch: objects merge key by key, `null` deletes, anything else (arrays too) replaces.
 * Keys that could reach Object.prototype are refused.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new WorldError(`"${key}" is not a setting`);
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** The settings part of a deployment, as the control API shows and patches it. */
export function deploymentSettings(deployment: WorldDeployment): Record<string, unknown> {
  const view: Record<string, unknown> = { id: deployment.id };
  for (const key of PATCHABLE) if (deployment[key] !== undefined) view[key] = structuredClone(deployment[key]);
  return view;
}

/**
 * Applies a merge patch to a deployment's settings. The result is validated as a whole before anything changes,
 * so a bad patch leaves the deployment as it was (400 with every problem listed).
 */
export function patchDeploymentSettings(ctx: EmulatorContext, deploymentId: string, patch: unknown): WorldDeployment {
  const deployment = ctx.world.deployments.get(deploymentId);
  if (!deployment) throw new WorldError(`deployment ${deploymentId} not found`, 404);
  if (!isRecord(patch)) throw new WorldError('body must be a JSON object (a merge patch of the deployment settings)');
  const unknown = Object.keys(patch).filter((key) => !(PATCHABLE as readonly string[]).includes(key));
  if (unknown.length > 0) throw new WorldError(`not settable: ${unknown.join(', ')} (settable: ${PATCHABLE.join(', ')})`);
  const current: Record<string, unknown> = {};
  for (const key of PATCHABLE) if (deployment[key] !== undefined) current[key] = deployment[key];
  const next = mergePatch(current, patch);
  if (!validateSettings(next)) {
    const problems = (validateSettings.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    throw new WorldError(`invalid settings: ${problems.join('; ')}`);
  }
  const settings = next as Partial<WorldDeployment>;
  if (settings.status === undefined) throw new WorldError('status cannot be removed');
  const languages = settings.languages ?? ['en-us'];
  if (settings.defaultLanguage !== undefined && !languages.includes(settings.defaultLanguage)) {
    throw new WorldError(`defaultLanguage "${settings.defaultLanguage}" is not one of languages (${languages.join(', ')})`);
  }
  const kbId = settings.messenger?.apps?.knowledge?.knowledgeBase?.id;
  if (kbId !== undefined && !(ctx.world.file.knowledgeBases ?? []).some((kb) => kb.id === kbId)) {
    throw new WorldError(`knowledge base "${kbId}" does not exist`);
  }
  for (const key of PATCHABLE) {
    if (Object.hasOwn(settings, key)) (deployment as unknown as Record<string, unknown>)[key] = (settings as Record<string, unknown>)[key];
    else delete (deployment as unknown as Record<string, unknown>)[key];
  }
  return deployment;
}

/** Turns a site-relative asset path of the world (`/emulator/assets/...`) into an absolute URL of this emulator. */
export function absoluteAssetUrl(value: string | undefined, baseUrl: string): string | undefined {
  if (value === undefined) return undefined;
  return value.startsWith('/') && !value.startsWith('//') ? baseUrl + value : value;
}

/** The parts of config.json this module owns: position, custom labels, and asset URLs made absolute. */
export function decoratePublicConfig(config: DeploymentConfig, deployment: WorldDeployment, baseUrl: string): DeploymentConfig {
  if (deployment.position) config.position = structuredClone(deployment.position);
  if (deployment.customI18nLabels) config.customI18nLabels = structuredClone(deployment.customI18nLabels);
  const messenger = config.messenger;
  if (messenger?.homeScreen?.logoUrl !== undefined) messenger.homeScreen.logoUrl = absoluteAssetUrl(messenger.homeScreen.logoUrl, baseUrl);
  const bot = messenger?.apps?.conversations?.humanize?.bot;
  if (bot?.avatarUrl !== undefined) bot.avatarUrl = absoluteAssetUrl(bot.avatarUrl, baseUrl);
  return config;
}

/** Small images the default world points at (home-screen logo, bot avatar), so pages need no outside network. */
const ASSETS: Record<string, string> = {
  'logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 32" width="120" height="32"><rect width="32" height="32" rx="8" fill="#1f5fbf"/><path d="M9 16h14M16 9v14" stroke="#fff" stroke-width="4" stroke-linecap="round"/><text x="40" y="22" font-family="sans-serif" font-size="16" fill="#1f2937">Example</text></svg>',
  'bot-avatar.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32"><circle cx="16" cy="16" r="16" fill="#0b6e4f"/><rect x="8" y="10" width="16" height="13" rx="4" fill="#fff"/><circle cx="13" cy="16" r="2" fill="#0b6e4f"/><circle cx="19" cy="16" r="2" fill="#0b6e4f"/></svg>',
};

/** `GET /emulator/assets/:name`: the images above, cacheable, readable cross-origin. */
export function registerAssets(app: FastifyInstance): void {
  app.get<{ Params: { name: string } }>('/emulator/assets/:name', async (request, reply) => {
    const svg = Object.hasOwn(ASSETS, request.params.name) ? ASSETS[request.params.name] : undefined;
    if (!svg) throw new WorldError(`no asset ${request.params.name}`, 404);
    return reply
      .header('Access-Control-Allow-Origin', '*')
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .header('Cache-Control', 'public, max-age=3600')
      .type('image/svg+xml')
      .send(svg);
  });
}
