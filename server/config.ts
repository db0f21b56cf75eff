/**
 * Server configuration from environment variables and CLI flags (flags win), validated with one clear message per
 * problem. With only GENESYS_EMULATOR_URL set, everything defaults to the emulator's default world.
 */
import { randomBytes } from 'node:crypto';
import { MIN_WEBHOOK_SECRET_LENGTH } from '@genesys-chat/protocol/open-messaging.js';
import { RegionError, resolveRegion } from '@genesys-chat/protocol/regions.js';
import type { ServerOptions } from './index.js';
import {
  DEFAULT_UPLOAD_MAX_KB, DEFAULT_UPLOAD_TTL_SECONDS, DEFAULT_UPLOAD_TYPES, MAX_UPLOAD_MAX_KB, MIN_UPLOAD_TTL_SECONDS,
  uploadTypeProblem,
} from './upload-files.js';

/** The emulator's default world (emulator/worlds/default.json). */
export const EMULATOR_DEFAULTS = {
  clientId: 'demo-client',
  clientSecret: 'demo-client-secret',
  integrationId: 'demo-integration',
  webhookSecret: 'demo-webhook-secret-0123456789',
  queueId: 'queue-general',
  scheduleGroupId: 'demo-hours',
} as const;

export const MIN_SESSION_SECRET_LENGTH = 32;

export interface LoadedConfig {
  options: ServerOptions;
  port: number;
  host: string;
  /** PATCH the integration's webhook URL to this server once listening. */
  registerWebhook: boolean;
  /** true when pointed at the local emulator. */
  emulator: boolean;
  /** Non-fatal remarks (printed to stderr). */
  warnings: string[];
  help: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Flag name -> env var it overrides. */
const FLAGS: Record<string, string> = {
  '--port': 'PORT',
  '--host': 'HOST',
  '--emulator-url': 'GENESYS_EMULATOR_URL',
  '--region': 'GENESYS_REGION',
  '--public-url': 'PUBLIC_URL',
  '--allowed-origins': 'ALLOWED_ORIGINS',
  '--attachment-origins': 'ATTACHMENT_ORIGINS',
  '--uploads': 'UPLOADS',
  '--upload-types': 'UPLOAD_TYPES',
  '--upload-max-kb': 'UPLOAD_MAX_KB',
  '--upload-ttl-seconds': 'UPLOAD_TTL_SECONDS',
  '--integration-id': 'GENESYS_INTEGRATION_ID',
  '--queue-id': 'GENESYS_QUEUE_ID',
  '--schedule-group-id': 'GENESYS_SCHEDULE_GROUP_ID',
  '--log-level': 'LOG_LEVEL',
};

export const USAGE = `Usage: npm run server -- [--port N] [--host H] [--emulator-url URL | --region DOMAIN]
       [--public-url URL] [--allowed-origins A,B] [--attachment-origins A,B] [--register-webhook] [--log-level L]
       [--uploads on|off] [--upload-types T,U] [--upload-max-kb N] [--upload-ttl-seconds N]
Environment variables: see docs/server.md (GENESYS_EMULATOR_URL or GENESYS_REGION, GENESYS_CLIENT_ID,
GENESYS_CLIENT_SECRET, GENESYS_INTEGRATION_ID, GENESYS_WEBHOOK_SECRET, GENESYS_QUEUE_ID, GENESYS_SCHEDULE_GROUP_ID,
ALLOWED_ORIGINS, ATTACHMENT_ORIGINS, UPLOADS, UPLOAD_TYPES, UPLOAD_MAX_KB, UPLOAD_TTL_SECONDS, SESSION_SECRET, PORT,
REDIS_URL, ...). Secrets only through the environment, never flags.`;

/** A comma-separated list of origins (scheme, host, optional port; no path); each bad entry adds a problem. */
function originList(name: string, value: string | undefined, problems: string[]): string[] {
  const origins: string[] = [];
  for (const entry of (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    try {
      const url = new URL(entry);
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== entry.replace(/\/+$/, '')) throw new Error();
      origins.push(url.origin);
    } catch {
      problems.push(`${name} entry "${entry}" is not an origin like https://www.example.com (scheme, host, optional port; no path).`);
    }
  }
  return origins;
}

/** A comma-separated list of MIME types a guest may upload; wildcards and scriptable types are problems. */
function uploadTypeList(name: string, value: string | undefined, problems: string[]): string[] {
  if (value === undefined) return [...DEFAULT_UPLOAD_TYPES];
  const types: string[] = [];
  for (const entry of value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const problem = uploadTypeProblem(entry);
    if (problem) problems.push(`${name} entry ${problem}.`);
    else if (!types.includes(entry)) types.push(entry);
  }
  return types;
}

/** Reads env + argv into server options; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined>, argv: string[]): LoadedConfig {
  const problems: string[] = [];
  const warnings: string[] = [];
  const values: Record<string, string | undefined> = { ...env };
  let registerFlag = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (arg === '--register-webhook') {
      registerFlag = true;
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const envName = FLAGS[name!];
    if (!envName) {
      // Never echo what follows an unknown option: it may be a secret given as a flag (`--session-secret X`).
      if (!name!.startsWith('-')) problems.push('Unexpected argument (its value is not shown).');
      else {
        problems.push(`Unknown option "${name}" (its value is not shown; secrets go in the environment, never in flags).`);
        if (inline === undefined && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('-')) i++;
      }
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) problems.push(`Option ${name} needs a value.`);
    else values[envName] = value;
  }
  const str = (name: string) => {
    const v = values[name]?.trim();
    return v ? v : undefined;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string): boolean | undefined => {
    const raw = str(name)?.toLowerCase();
    if (raw === undefined) return undefined;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}").`);
    return undefined;
  };

  const emulatorUrl = str('GENESYS_EMULATOR_URL');
  const region = str('GENESYS_REGION');
  const emulator = Boolean(emulatorUrl);
  let apiBase = '';
  let loginBase = '';
  if (emulatorUrl && region) problems.push('Set GENESYS_REGION or GENESYS_EMULATOR_URL, not both.');
  if (!emulatorUrl && !region) problems.push('GENESYS_REGION (e.g. usw2.pure.cloud) or GENESYS_EMULATOR_URL (e.g. http://127.0.0.1:8787) is required.');
  const where = emulatorUrl ?? region;
  if (where) {
    try {
      const endpoints = resolveRegion(where);
      if (emulatorUrl && !/^https?:\/\//i.test(emulatorUrl)) throw new RegionError(`GENESYS_EMULATOR_URL must be an http(s) URL (got "${emulatorUrl}").`);
      apiBase = endpoints.apiBase;
      loginBase = endpoints.loginBase;
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }

  const required = (name: string, emulatorDefault: string | undefined) => {
    const v = str(name) ?? (emulator ? emulatorDefault : undefined);
    if (!v) problems.push(`${name} is required.`);
    return v ?? '';
  };
  const clientId = required('GENESYS_CLIENT_ID', EMULATOR_DEFAULTS.clientId);
  const clientSecret = required('GENESYS_CLIENT_SECRET', EMULATOR_DEFAULTS.clientSecret);
  const integrationId = required('GENESYS_INTEGRATION_ID', EMULATOR_DEFAULTS.integrationId);
  const webhookSecret = required('GENESYS_WEBHOOK_SECRET', EMULATOR_DEFAULTS.webhookSecret);
  if (webhookSecret && webhookSecret.length < MIN_WEBHOOK_SECRET_LENGTH) {
    problems.push(`GENESYS_WEBHOOK_SECRET must be longer than 15 characters (Genesys' rule); it has ${webhookSecret.length}.`);
  }
  const queueId = str('GENESYS_QUEUE_ID') ?? (emulator ? EMULATOR_DEFAULTS.queueId : undefined);
  const scheduleGroupId = str('GENESYS_SCHEDULE_GROUP_ID') ?? (emulator ? EMULATOR_DEFAULTS.scheduleGroupId : undefined);
  if (!emulator && !queueId) warnings.push('GENESYS_QUEUE_ID is not set: availability has no wait time or agent count.');
  if (!emulator && !scheduleGroupId) warnings.push('GENESYS_SCHEDULE_GROUP_ID is not set: availability always says open.');

  let sessionSecret = str('SESSION_SECRET');
  if (sessionSecret && sessionSecret.length < MIN_SESSION_SECRET_LENGTH) {
    problems.push(`SESSION_SECRET must be at least ${MIN_SESSION_SECRET_LENGTH} characters; it has ${sessionSecret.length}.`);
  }
  if (!sessionSecret) {
    if (emulator) {
      sessionSecret = randomBytes(32).toString('base64url');
      warnings.push('SESSION_SECRET is not set: using a random one, so sessions do not survive a restart.');
    } else {
      problems.push(`SESSION_SECRET is required (at least ${MIN_SESSION_SECRET_LENGTH} random characters; e.g. \`openssl rand -base64 48\`).`);
    }
  }

  const origins = originList('ALLOWED_ORIGINS', str('ALLOWED_ORIGINS'), problems);
  const attachmentOrigins = originList('ATTACHMENT_ORIGINS', str('ATTACHMENT_ORIGINS'), problems);
  // Genesys fetches each attachment URL itself (spec §4.4: HTTPS URLs); plain http only against the emulator.
  for (const origin of attachmentOrigins) {
    if (!emulator && origin.startsWith('http:')) problems.push(`ATTACHMENT_ORIGINS entry "${origin}" must be https: Genesys fetches attachment URLs itself.`);
  }
  if (!emulator && origins.length === 0) warnings.push('ALLOWED_ORIGINS is empty: only pages served from this server\'s own origin can chat.');

  const publicUrl = str('PUBLIC_URL');
  if (publicUrl) {
    try {
      const url = new URL(publicUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    } catch {
      problems.push(`PUBLIC_URL "${publicUrl}" is not an http(s) URL.`);
    }
  }

  // Genesys fetches an uploaded file from this server (spec §4.4: HTTPS URLs): a real org needs a public https URL.
  const uploads = bool('UPLOADS') ?? emulator;
  const typeProblems = problems.length;
  const uploadTypes = uploadTypeList('UPLOAD_TYPES', str('UPLOAD_TYPES'), problems);
  const uploadMaxKB = int('UPLOAD_MAX_KB', DEFAULT_UPLOAD_MAX_KB, 1, MAX_UPLOAD_MAX_KB);
  const uploadTtlSeconds = int('UPLOAD_TTL_SECONDS', DEFAULT_UPLOAD_TTL_SECONDS, MIN_UPLOAD_TTL_SECONDS, 30 * 86_400);
  if (uploads && !emulator && !publicUrl?.toLowerCase().startsWith('https://')) {
    problems.push(`UPLOADS needs an https PUBLIC_URL (${publicUrl ? `got "${publicUrl}"` : 'none is set'}): Genesys fetches uploaded files from there.`);
  }
  if (uploads && uploadTypes.length === 0 && problems.length === typeProblems) problems.push('UPLOAD_TYPES lists no type; turn UPLOADS off instead.');

  const welcomeMessage = str('WELCOME_MESSAGE');
  if (welcomeMessage && welcomeMessage.length > 2000) problems.push(`WELCOME_MESSAGE has ${welcomeMessage.length} characters; at most 2000.`);
  const port = int('PORT', 8788, 0, 65535);
  const host = str('HOST') ?? '127.0.0.1';
  const registerEnv = bool('REGISTER_WEBHOOK');
  const trustProxy = bool('TRUST_PROXY') ?? false;
  const logLevel = str('LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}").`);
  }
  const redisUrl = str('REDIS_URL');
  if (redisUrl && !/^rediss?:\/\//i.test(redisUrl)) problems.push(`REDIS_URL must be a redis:// or rediss:// URL (got "${redisUrl.replace(/\/\/[^@]*@/, '//***@')}").`);
  const redisPrefix = str('REDIS_PREFIX');
  const options: ServerOptions = {
    genesys: {
      apiBase, loginBase, clientId, clientSecret, integrationId, webhookSecret,
      ...(queueId ? { queueId } : {}),
      ...(scheduleGroupId ? { scheduleGroupId } : {}),
    },
    sessionSecret: sessionSecret ?? '',
    origins: { origins, allowLoopback: emulator },
    ...(publicUrl ? { publicUrl } : {}),
    sessionTtlSeconds: int('SESSION_TTL_SECONDS', 900, 30, 86_400),
    resumeWindowSeconds: int('SESSION_RESUME_SECONDS', 86_400, 0, 30 * 86_400),
    sessionRateLimitPerMinute: int('SESSION_RATE_LIMIT', 30, 0, 100_000),
    outboundRatePerSecond: int('OUTBOUND_RATE_PER_SECOND', 4, 1, 1000),
    availabilityCacheMs: int('AVAILABILITY_CACHE_SECONDS', 30, 1, 3600) * 1000,
    transcriptLimit: int('TRANSCRIPT_LIMIT', 200, 1, 10_000),
    maxMessageLength: int('MAX_MESSAGE_LENGTH', 4000, 1, 100_000),
    ...(attachmentOrigins.length ? { attachmentOrigins } : {}),
    ...(uploads ? { uploads: { types: uploadTypes, maxKB: uploadMaxKB, ttlSeconds: uploadTtlSeconds } } : {}),
    ...(welcomeMessage ? { welcomeMessage } : {}),
    trustProxy,
    maxUnauthenticatedSocketsPerAddress: int('MAX_UNAUTHENTICATED_SOCKETS_PER_ADDRESS', 20, 1, 100_000),
    ...(redisUrl ? { redisUrl } : {}),
    ...(redisPrefix ? { redisPrefix } : {}),
    logger: { level: logLevel, stream: process.stderr },
  };
  if (!redisUrl && !emulator) warnings.push('REDIS_URL is not set: one instance, in memory (see "Running a cluster" in README.md).');
  if (problems.length && !help) throw new ConfigError(problems);
  return { options, port, host, registerWebhook: registerFlag || (registerEnv ?? emulator), emulator, warnings, help };
}
