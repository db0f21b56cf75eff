/**
 * `npm run server -- --port N`: reads the configuration (env + flags), starts the server and prints
 * `http://127.0.0.1:<port>` on stdout once ready (logs go to stderr).
 */
import { ConfigError, loadConfig, USAGE } from './config.js';
import { startServer } from './index.js';
import { registerWebhook } from './register-webhook.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (config.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  for (const warning of config.warnings) process.stderr.write(`warning: ${warning}\n`);
  const server = await startServer({ ...config.options, port: config.port, host: config.host });
  if (config.registerWebhook) {
    const base = config.options.publicUrl ?? server.url;
    try {
      const url = await registerWebhook(server.runtime.platform, config.options.genesys.integrationId, base);
      process.stderr.write(`Webhook of integration ${config.options.genesys.integrationId} now points at ${url}\n`);
    } catch (error) {
      const message = `Could not register the webhook: ${error instanceof Error ? error.message : String(error)}`;
      if (!config.emulator) {
        process.stderr.write(`${message}\n`);
        await server.close();
        process.exit(1);
      }
      process.stderr.write(`warning: ${message}\n`);
    }
  }
  process.stdout.write(`${server.url}\n`);
  // SIGTERM (a rolling restart): drain. Guests are told to reconnect (1001), in-flight Genesys calls finish.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.runtime.drain(Number(process.env.DRAIN_TIMEOUT_MS) || 10_000).then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Server failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
