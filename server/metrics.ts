/**
 * `GET /metrics` in Prometheus text format (prom-client), one registry per server app (several apps in one
 * process, as in tests, do not collide). Gauges are read when scraped; counters are bumped where things happen.
 */
import { Counter, Gauge, Registry } from 'prom-client';
import { OUTBOUND_PRIORITIES, type RateQueue } from './rate-queue.js';

export interface GatewayMetrics {
  readonly registry: Registry;
  /** Guest messages and answers accepted by Genesys. */
  readonly messagesIn: Counter;
  /** Transcript entries written to guest sockets. */
  readonly messagesOut: Counter;
  /** Platform API answers by HTTP status (0: network failure or timeout). */
  readonly genesysCalls: Counter<'status'>;
  /** Webhook calls refused for a missing or wrong signature. */
  readonly webhookRefused: Counter;
}

export function createMetrics(sources: { sockets: () => number; guests: () => number; queue: () => RateQueue | undefined }): GatewayMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ app: 'genesys-chat-server' });
  new Gauge({ name: 'genesys_chat_sockets', help: 'Open gateway sockets on this instance.', registers: [registry], collect() { this.set(sources.sockets()); } });
  new Gauge({ name: 'genesys_chat_guests', help: 'Guests with a socket on this instance.', registers: [registry], collect() { this.set(sources.guests()); } });
  new Gauge({
    name: 'genesys_chat_outbound_queue_depth', help: 'Genesys calls waiting, per lane.', labelNames: ['lane'], registers: [registry],
    collect() {
      const queue = sources.queue();
      for (const lane of OUTBOUND_PRIORITIES) this.set({ lane }, queue?.waiting(lane) ?? 0);
    },
  });
  return {
    registry,
    messagesIn: new Counter({ name: 'genesys_chat_messages_in_total', help: 'Guest messages accepted by Genesys.', registers: [registry] }),
    messagesOut: new Counter({ name: 'genesys_chat_messages_out_total', help: 'Transcript entries sent to guest sockets.', registers: [registry] }),
    genesysCalls: new Counter({ name: 'genesys_chat_genesys_calls_total', help: 'Platform API calls by HTTP status (0 = no answer).', labelNames: ['status'], registers: [registry] }),
    webhookRefused: new Counter({ name: 'genesys_chat_webhook_refused_total', help: 'Webhook calls refused for a missing or bad signature.', registers: [registry] }),
  };
}
