/**
 * Start-up checks of the server's configuration (server/config.ts): secrets, origins, the Genesys target and the
 * numbers. A bad configuration stops the server with every problem listed; secrets never come from flags.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, EMULATOR_DEFAULTS, loadConfig, MIN_SESSION_SECRET_LENGTH } from '../../server/config.js';

const SECRET = 's'.repeat(MIN_SESSION_SECRET_LENGTH);
const PRODUCTION = {
  GENESYS_REGION: 'usw2.pure.cloud', GENESYS_CLIENT_ID: 'cid', GENESYS_CLIENT_SECRET: 'csecret',
  GENESYS_INTEGRATION_ID: 'iid', GENESYS_WEBHOOK_SECRET: 'w'.repeat(16), GENESYS_QUEUE_ID: 'q', GENESYS_SCHEDULE_GROUP_ID: 'sg',
  SESSION_SECRET: SECRET, ALLOWED_ORIGINS: 'https://www.example.com',
};

function problemsOf(env: Record<string, string | undefined>, argv: string[] = []): string[] {
  try {
    loadConfig(env, argv);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('server config: the Genesys target', () => {
  it('the emulator alone: every Genesys value defaults to its default world, loopback origins allowed, webhook registered', () => {
    const config = loadConfig({ GENESYS_EMULATOR_URL: 'http://127.0.0.1:8787' }, []);
    expect(config.emulator).toBe(true);
    expect(config.registerWebhook).toBe(true);
    expect(config.options.genesys).toEqual({
      apiBase: 'http://127.0.0.1:8787', loginBase: 'http://127.0.0.1:8787', clientId: EMULATOR_DEFAULTS.clientId,
      clientSecret: EMULATOR_DEFAULTS.clientSecret, integrationId: EMULATOR_DEFAULTS.integrationId,
      webhookSecret: EMULATOR_DEFAULTS.webhookSecret, queueId: EMULATOR_DEFAULTS.queueId, scheduleGroupId: EMULATOR_DEFAULTS.scheduleGroupId,
    });
    expect(config.options.origins).toEqual({ origins: [], allowLoopback: true });
    // A random session secret, with a warning that sessions will not survive a restart.
    expect(config.options.sessionSecret.length).toBeGreaterThanOrEqual(MIN_SESSION_SECRET_LENGTH);
    expect(loadConfig({ GENESYS_EMULATOR_URL: 'http://127.0.0.1:8787' }, []).options.sessionSecret).not.toBe(config.options.sessionSecret);
    expect(config.warnings.join('\n')).toContain('SESSION_SECRET is not set');
    expect(config.warnings.join('\n')).not.toContain('ALLOWED_ORIGINS');
  });

  it('a region: Genesys endpoints of that region, nothing defaulted, no loopback origins', () => {
    const config = loadConfig(PRODUCTION, []);
    expect(config.emulator).toBe(false);
    expect(config.registerWebhook).toBe(false);
    expect(config.options.genesys).toMatchObject({ apiBase: 'https://api.usw2.pure.cloud', loginBase: 'https://login.usw2.pure.cloud', clientId: 'cid', queueId: 'q' });
    expect(config.options.origins).toEqual({ origins: ['https://www.example.com'], allowLoopback: false });
    expect(config.options.sessionSecret).toBe(SECRET);
    // The one warning left: a single instance keeps gateway state in memory.
    expect(config.warnings).toEqual([expect.stringContaining('REDIS_URL is not set')]);
  });

  it('needs exactly one of region and emulator URL, and a usable one', () => {
    expect(problemsOf({ ...PRODUCTION, GENESYS_REGION: undefined }).join('\n')).toMatch(/GENESYS_REGION .* or GENESYS_EMULATOR_URL .* is required/);
    expect(problemsOf({ ...PRODUCTION, GENESYS_EMULATOR_URL: 'http://127.0.0.1:1' })).toContain('Set GENESYS_REGION or GENESYS_EMULATOR_URL, not both.');
    expect(problemsOf({ ...PRODUCTION, GENESYS_REGION: 'moon.pure.cloud' }).join('\n')).toContain('Unknown Genesys region');
    expect(problemsOf({ GENESYS_EMULATOR_URL: '127.0.0.1:8787' }).join('\n')).toMatch(/must be an http\(s\) URL|region/i);
    expect(problemsOf({ GENESYS_EMULATOR_URL: 'ftp://127.0.0.1' }).length).toBeGreaterThan(0);
    expect(problemsOf({ GENESYS_EMULATOR_URL: 'http://genesys.example.com' }).join('\n')).toContain('loopback');
  });
});

describe('server config: secrets', () => {
  it('a real Genesys needs the client id and secret, the integration and the webhook secret: one problem each', () => {
    const problems = problemsOf({ GENESYS_REGION: 'usw2.pure.cloud', SESSION_SECRET: SECRET });
    expect(problems).toEqual(expect.arrayContaining([
      'GENESYS_CLIENT_ID is required.', 'GENESYS_CLIENT_SECRET is required.', 'GENESYS_INTEGRATION_ID is required.', 'GENESYS_WEBHOOK_SECRET is required.',
    ]));
    expect(problems).toHaveLength(4);
    expect(problemsOf({ ...PRODUCTION, GENESYS_CLIENT_SECRET: '   ' })).toEqual(['GENESYS_CLIENT_SECRET is required.']);
  });

  it('the webhook secret must be longer than 15 characters (Genesys)', () => {
    expect(problemsOf({ ...PRODUCTION, GENESYS_WEBHOOK_SECRET: 'w'.repeat(15) })).toEqual([
      "GENESYS_WEBHOOK_SECRET must be longer than 15 characters (Genesys' rule); it has 15.",
    ]);
    expect(problemsOf({ ...PRODUCTION, GENESYS_WEBHOOK_SECRET: 'w'.repeat(16) })).toEqual([]);
    expect(problemsOf({ GENESYS_EMULATOR_URL: 'http://127.0.0.1:1', GENESYS_WEBHOOK_SECRET: 'short' })).toHaveLength(1);
  });

  it('the session secret: required against a real Genesys, at least 32 characters whenever given', () => {
    expect(problemsOf({ ...PRODUCTION, SESSION_SECRET: undefined })).toEqual([
      'SESSION_SECRET is required (at least 32 random characters; e.g. `openssl rand -base64 48`).',
    ]);
    expect(problemsOf({ ...PRODUCTION, SESSION_SECRET: 's'.repeat(31) })).toEqual(['SESSION_SECRET must be at least 32 characters; it has 31.']);
    expect(problemsOf({ GENESYS_EMULATOR_URL: 'http://127.0.0.1:1', SESSION_SECRET: 'short' })).toEqual(['SESSION_SECRET must be at least 32 characters; it has 5.']);
    const given = loadConfig({ GENESYS_EMULATOR_URL: 'http://127.0.0.1:1', SESSION_SECRET: SECRET }, []);
    expect(given.options.sessionSecret).toBe(SECRET);
    expect(given.warnings).toEqual([]);
  });

  it('secrets cannot be given as flags', () => {
    const spaced = problemsOf(PRODUCTION, ['--session-secret', SECRET]);
    expect(spaced).toEqual([expect.stringContaining('Unknown option "--session-secret"')]);
    const inline = problemsOf(PRODUCTION, ['--client-secret=hunter2-client-secret']);
    expect(inline).toEqual([expect.stringContaining('Unknown option "--client-secret"')]);
    // The value is never repeated back (it would land in a terminal's or a process manager's log).
    expect([...spaced, ...inline].join('\n')).not.toMatch(new RegExp(`${SECRET}|hunter2`));
    expect(problemsOf(PRODUCTION, ['stray-value'])).toEqual(['Unexpected argument (its value is not shown).']);
  });

  it('the error message lists every problem and names no secret value', () => {
    try {
      loadConfig({ ...PRODUCTION, GENESYS_WEBHOOK_SECRET: 'tiny-secret', SESSION_SECRET: 'short-session-secret' }, []);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message.split('\n')).toHaveLength(3);
      expect(message).not.toContain('tiny-secret');
      expect(message).not.toContain('short-session-secret');
    }
  });
});

describe('server config: origins and URLs', () => {
  it('ALLOWED_ORIGINS takes exact origins (comma separated, trailing slash tolerated) and refuses anything else', () => {
    const config = loadConfig({ ...PRODUCTION, ALLOWED_ORIGINS: ' https://a.example.com, http://b.example.com:8080/ ,,' }, []);
    expect(config.options.origins?.origins).toEqual(['https://a.example.com', 'http://b.example.com:8080']);
    for (const bad of ['https://a.example.com/path', 'a.example.com', 'ftp://a.example.com', 'https://a.example.com?x=1', '*', 'javascript:alert(1)']) {
      expect(problemsOf({ ...PRODUCTION, ALLOWED_ORIGINS: bad }), bad).toEqual([
        `ALLOWED_ORIGINS entry "${bad}" is not an origin like https://www.example.com (scheme, host, optional port; no path).`,
      ]);
    }
  });

  it('ATTACHMENT_ORIGINS: none by default; exact https origins against a real Genesys (http only with the emulator)', () => {
    expect(loadConfig(PRODUCTION, []).options).not.toHaveProperty('attachmentOrigins');
    const config = loadConfig({ ...PRODUCTION, ATTACHMENT_ORIGINS: 'https://files.example.com, https://cdn.example.com:8443/' }, []);
    expect(config.options.attachmentOrigins).toEqual(['https://files.example.com', 'https://cdn.example.com:8443']);
    expect(problemsOf({ ...PRODUCTION, ATTACHMENT_ORIGINS: 'https://files.example.com/uploads' })).toEqual([
      'ATTACHMENT_ORIGINS entry "https://files.example.com/uploads" is not an origin like https://www.example.com (scheme, host, optional port; no path).',
    ]);
    expect(problemsOf({ ...PRODUCTION, ATTACHMENT_ORIGINS: 'http://files.example.com' })).toEqual([
      'ATTACHMENT_ORIGINS entry "http://files.example.com" must be https: Genesys fetches attachment URLs itself.',
    ]);
    const local = loadConfig({ GENESYS_EMULATOR_URL: 'http://127.0.0.1:8787', ATTACHMENT_ORIGINS: 'http://127.0.0.1:9000' },
      ['--attachment-origins', 'http://127.0.0.1:9001']);
    expect(local.emulator).toBe(true);
    expect(local.options.attachmentOrigins).toEqual(['http://127.0.0.1:9001']);
  });

  it('warns when no origin is allowed against a real Genesys, and about missing queue and schedule', () => {
    const config = loadConfig({ ...PRODUCTION, ALLOWED_ORIGINS: undefined, GENESYS_QUEUE_ID: undefined, GENESYS_SCHEDULE_GROUP_ID: undefined }, []);
    expect(config.warnings).toHaveLength(4); // and REDIS_URL
    expect(config.warnings.join('\n')).toContain('ALLOWED_ORIGINS is empty');
    expect(config.warnings.join('\n')).toContain('GENESYS_QUEUE_ID is not set');
    expect(config.warnings.join('\n')).toContain('GENESYS_SCHEDULE_GROUP_ID is not set');
    expect(config.options.genesys).not.toHaveProperty('queueId');
    expect(config.options.genesys).not.toHaveProperty('scheduleGroupId');
  });

  it('PUBLIC_URL must be http(s)', () => {
    expect(loadConfig({ ...PRODUCTION, PUBLIC_URL: 'https://chat.example.com' }, []).options.publicUrl).toBe('https://chat.example.com');
    expect(problemsOf({ ...PRODUCTION, PUBLIC_URL: 'chat.example.com' })).toEqual(['PUBLIC_URL "chat.example.com" is not an http(s) URL.']);
    expect(problemsOf({ ...PRODUCTION, PUBLIC_URL: 'file:///etc' })).toEqual(['PUBLIC_URL "file:///etc" is not an http(s) URL.']);
    expect(loadConfig(PRODUCTION, []).options).not.toHaveProperty('publicUrl');
  });
});

describe('server config: flags, numbers and switches', () => {
  it('flags override the environment, as --flag value or --flag=value', () => {
    const config = loadConfig({ ...PRODUCTION, PORT: '1000' }, ['--port', '2000', '--host=0.0.0.0', '--log-level', 'debug', '--register-webhook']);
    expect(config.port).toBe(2000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.options.logger).toMatchObject({ level: 'debug' });
    expect(config.registerWebhook).toBe(true);
    expect(problemsOf(PRODUCTION, ['--port'])).toEqual(['Option --port needs a value.']);
  });

  it('defaults', () => {
    const config = loadConfig(PRODUCTION, []);
    expect(config.port).toBe(8788);
    expect(config.host).toBe('127.0.0.1');
    expect(config.help).toBe(false);
    expect(config.options).toMatchObject({
      sessionTtlSeconds: 900, resumeWindowSeconds: 86_400, sessionRateLimitPerMinute: 30, outboundRatePerSecond: 4,
      availabilityCacheMs: 30_000, transcriptLimit: 200, maxMessageLength: 4000, trustProxy: false,
    });
    expect(config.options.logger).toMatchObject({ level: 'info' });
  });

  it('numbers must be whole and in range; each bad one is named', () => {
    const config = loadConfig({ ...PRODUCTION, PORT: '0', SESSION_TTL_SECONDS: '30', AVAILABILITY_CACHE_SECONDS: '5', MAX_MESSAGE_LENGTH: '100000' }, []);
    expect(config.port).toBe(0);
    expect(config.options.sessionTtlSeconds).toBe(30);
    expect(config.options.availabilityCacheMs).toBe(5000);
    expect(config.options.maxMessageLength).toBe(100_000);
    expect(problemsOf({ ...PRODUCTION, PORT: '65536' })).toEqual(['PORT must be a whole number from 0 to 65535 (got "65536").']);
    expect(problemsOf({ ...PRODUCTION, PORT: '-1' })).toHaveLength(1);
    expect(problemsOf({ ...PRODUCTION, PORT: '80.5' })).toHaveLength(1);
    expect(problemsOf({ ...PRODUCTION, PORT: 'eighty' })).toHaveLength(1);
    expect(problemsOf({ ...PRODUCTION, SESSION_TTL_SECONDS: '29', OUTBOUND_RATE_PER_SECOND: '0', TRANSCRIPT_LIMIT: '10001' })).toHaveLength(3);
  });

  it('switches take true/false words; anything else is a problem', () => {
    for (const yes of ['1', 'true', 'YES', 'on']) expect(loadConfig({ ...PRODUCTION, TRUST_PROXY: yes }, []).options.trustProxy, yes).toBe(true);
    for (const no of ['0', 'false', 'No', 'off']) expect(loadConfig({ ...PRODUCTION, TRUST_PROXY: no }, []).options.trustProxy, no).toBe(false);
    expect(problemsOf({ ...PRODUCTION, TRUST_PROXY: 'maybe' })).toEqual(['TRUST_PROXY must be true or false (got "maybe").']);
    expect(loadConfig({ ...PRODUCTION, REGISTER_WEBHOOK: 'true' }, []).registerWebhook).toBe(true);
    expect(loadConfig({ GENESYS_EMULATOR_URL: 'http://127.0.0.1:1', REGISTER_WEBHOOK: 'false' }, []).registerWebhook).toBe(false);
  });

  it('LOG_LEVEL must be a pino level', () => {
    expect(problemsOf({ ...PRODUCTION, LOG_LEVEL: 'loud' })).toEqual(['LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud").']);
  });

  it('--help returns the config without throwing, even with problems', () => {
    const config = loadConfig({}, ['--help']);
    expect(config.help).toBe(true);
    expect(loadConfig({}, ['-h']).help).toBe(true);
  });
});

describe('server config: uploads', () => {
  const HTTPS = { ...PRODUCTION, PUBLIC_URL: 'https://chat.example.com' };

  it('on by default against the emulator (default types, 10240 KB, a day), off against a real Genesys', () => {
    expect(loadConfig({ GENESYS_EMULATOR_URL: 'http://127.0.0.1:8787' }, []).options.uploads).toEqual({
      types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'], maxKB: 10_240, ttlSeconds: 86_400,
    });
    expect(loadConfig(PRODUCTION, []).options).not.toHaveProperty('uploads');
    expect(loadConfig(HTTPS, []).options).not.toHaveProperty('uploads');
    expect(loadConfig({ GENESYS_EMULATOR_URL: 'http://127.0.0.1:8787', UPLOADS: 'off' }, []).options).not.toHaveProperty('uploads');
    expect(loadConfig({ GENESYS_EMULATOR_URL: 'http://127.0.0.1:8787' }, ['--uploads', 'off']).options).not.toHaveProperty('uploads');
  });

  it('against a real Genesys they need an https PUBLIC_URL: Genesys fetches the files from there', () => {
    expect(problemsOf({ ...PRODUCTION, UPLOADS: 'on' })).toEqual([
      'UPLOADS needs an https PUBLIC_URL (none is set): Genesys fetches uploaded files from there.',
    ]);
    expect(problemsOf({ ...PRODUCTION, PUBLIC_URL: 'http://chat.example.com' }, ['--uploads=on'])).toEqual([
      'UPLOADS needs an https PUBLIC_URL (got "http://chat.example.com"): Genesys fetches uploaded files from there.',
    ]);
    expect(loadConfig({ ...HTTPS, UPLOADS: 'true' }, []).options.uploads).toMatchObject({ maxKB: 10_240 });
    // The emulator takes plain http (loopback).
    expect(problemsOf({ GENESYS_EMULATOR_URL: 'http://127.0.0.1:8787', PUBLIC_URL: 'http://127.0.0.1:8788' })).toEqual([]);
    expect(problemsOf({ ...PRODUCTION, UPLOADS: 'sometimes' })).toEqual(['UPLOADS must be true or false (got "sometimes").']);
  });

  it('UPLOAD_TYPES: exact MIME types, lowercased and de-duplicated; wildcards and scriptable types are refused', () => {
    const config = loadConfig({ ...HTTPS, UPLOADS: 'on', UPLOAD_TYPES: ' Image/PNG, application/pdf ,image/png,' }, []);
    expect(config.options.uploads).toMatchObject({ types: ['image/png', 'application/pdf'] });
    expect(loadConfig({ ...HTTPS, UPLOADS: 'on' }, ['--upload-types', 'text/csv']).options.uploads).toMatchObject({ types: ['text/csv'] });
    expect(problemsOf({ ...HTTPS, UPLOADS: 'on', UPLOAD_TYPES: 'image/*,image/svg+xml,text/html,png' })).toEqual([
      'UPLOAD_TYPES entry "image/*" is a wildcard; list each MIME type.',
      'UPLOAD_TYPES entry "image/svg+xml" can carry script; it is never served to browsers.',
      'UPLOAD_TYPES entry "text/html" can carry script; it is never served to browsers.',
      'UPLOAD_TYPES entry "png" is not a MIME type like image/png.',
    ]);
    expect(problemsOf({ ...HTTPS, UPLOADS: 'on', UPLOAD_TYPES: ',' })).toEqual(['UPLOAD_TYPES lists no type; turn UPLOADS off instead.']);
  });

  it('UPLOAD_MAX_KB from 1 to 20480, UPLOAD_TTL_SECONDS at least an hour; flags too', () => {
    const config = loadConfig({ ...HTTPS, UPLOADS: 'on', UPLOAD_MAX_KB: '20480', UPLOAD_TTL_SECONDS: '3600' }, []);
    expect(config.options.uploads).toMatchObject({ maxKB: 20_480, ttlSeconds: 3600 });
    expect(loadConfig({ ...HTTPS, UPLOADS: 'on' }, ['--upload-max-kb', '512', '--upload-ttl-seconds=7200']).options.uploads)
      .toMatchObject({ maxKB: 512, ttlSeconds: 7200 });
    expect(problemsOf({ ...HTTPS, UPLOADS: 'on', UPLOAD_MAX_KB: '20481', UPLOAD_TTL_SECONDS: '3599' })).toEqual([
      'UPLOAD_MAX_KB must be a whole number from 1 to 20480 (got "20481").',
      'UPLOAD_TTL_SECONDS must be a whole number from 3600 to 2592000 (got "3599").',
    ]);
    expect(problemsOf({ ...HTTPS, UPLOAD_MAX_KB: '0' })).toHaveLength(1);
  });
});
