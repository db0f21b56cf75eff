import { parseArgs } from 'node:util';
import { startEmulator } from './index.js';

/** `npm run emulator -- --port N [--host H] [--world FILE] [--log]`: prints the URL on stdout once ready. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      world: { type: 'string' },
      'public-url': { type: 'string' },
      'max-message-length': { type: 'string' },
      'rate-limit': { type: 'string' },
      'bot-delay': { type: 'string' },
      'state-file': { type: 'string' },
      log: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stderr.write('usage: emulator [--port 8787] [--host 127.0.0.1] [--world FILE] [--public-url URL]\n'
      + '                [--max-message-length 4000] [--rate-limit 60] [--bot-delay 600] [--state-file FILE] [--log]\n');
    return;
  }
  const port = intFlag('port', values.port);
  const running = await startEmulator({
    port: port ?? 8787,
    host: values.host ?? '127.0.0.1',
    ...(values.world ? { world: values.world } : {}),
    ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
    ...(values['state-file'] ? { stateFile: values['state-file'] } : {}),
    ...optionalInt('maxMessageLength', 'max-message-length', values['max-message-length']),
    ...optionalInt('rateLimitPerMinute', 'rate-limit', values['rate-limit']),
    botDelayMs: intFlag('bot-delay', values['bot-delay']) ?? 600,
    logger: values.log ?? false,
  });
  process.stdout.write(`${running.url}\n`);
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function intFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function optionalInt<K extends string>(key: K, flag: string, value: string | undefined): Partial<Record<K, number>> {
  const n = intFlag(flag, value);
  return n === undefined ? {} : ({ [key]: n } as Partial<Record<K, number>>);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
