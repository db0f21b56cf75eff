/**
 * The status bar (connection state in words, plus an error a person can act on) and the availability line
 * (open or closed, expected wait) shown when the gateway server reports it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ChatAvailability, ChatErrorCode, ChatStatus } from '../model.js';
import type { GenesysChatStrings } from '../i18n.js';
import type { UiContext } from './context.js';

export type ErrorKey = Extract<keyof GenesysChatStrings, `error.${string}`>;

const STATUS_KEYS: Record<ChatStatus, keyof GenesysChatStrings> = {
  idle: 'statusIdle',
  connecting: 'statusConnecting',
  online: 'statusOnline',
  reconnecting: 'statusReconnecting',
  offline: 'statusOffline',
  ended: 'statusEnded',
  failed: 'statusFailed',
};

/** The sentence for an error code (any code the UI does not know reads as the generic one). */
export function errorText(code: ChatErrorCode | string, ctx: UiContext): string {
  const key = `error.${code}`;
  return ctx.t(Object.prototype.hasOwnProperty.call(ctx.strings, key) ? (key as ErrorKey) : 'error.unknown');
}

export function statusText(status: ChatStatus, ctx: UiContext): string {
  return ctx.t(STATUS_KEYS[status]);
}

/** Seconds left of a rate limit, or 0. */
export function rateLimitSeconds(until: number | null, now: number = Date.now()): number {
  return until && until > now ? Math.ceil((until - now) / 1000) : 0;
}

/** Error codes that only repeat what the status already says (offline twice is once too many). */
const SAID_BY_STATUS: Partial<Record<ChatStatus, readonly string[]>> = {
  offline: ['offline', 'network'],
  reconnecting: ['network'],
};

/**
 * The status line: shown only when something is not right (connecting, reconnecting, offline, failed, a send
 * pause). Online, and once the conversation has ended (the composer says so, once), it is an empty live region
 * without height, so the next change is still read out.
 */
export function renderStatusBar(ctx: UiContext, now: number = Date.now()): TemplateResult {
  const { status, lastError, rateLimitedUntil } = ctx.view;
  const waitSeconds = rateLimitSeconds(rateLimitedUntil, now);
  // An error is worth showing while it explains why the chat is not working right now.
  const troubled = status === 'failed' || status === 'reconnecting' || status === 'offline' || status === 'connecting';
  const repeats = lastError ? (SAID_BY_STATUS[status] ?? []).includes(lastError.code) : false;
  const error = lastError && troubled && !repeats ? errorText(lastError.code, ctx) : '';
  const quiet = (status === 'online' || status === 'ended') && !waitSeconds;
  return html`<div part="status" class="status status--${status} ${quiet ? 'status--quiet' : ''}" data-status=${status}
      role="status">${quiet ? nothing : html`
    <span class="status__dot" aria-hidden="true"></span>
    <span class="status__text">${statusText(status, ctx)}</span>
    ${error && error !== statusText(status, ctx) ? html`<span class="status__error">${error}</span>` : nothing}
    ${waitSeconds ? html`<span class="status__error">${ctx.t('rateLimited', { seconds: waitSeconds })}</span>` : nothing}`}
  </div>`;
}

export function renderAvailability(availability: ChatAvailability | null, ctx: UiContext): TemplateResult | typeof nothing {
  if (!availability) return nothing;
  // Once an agent has answered, "we are online" and a wait estimate are stale news: the guest is being helped.
  if (availability.open && ctx.view.messages.some((message) => message.role === 'agent')) return nothing;
  const wait = availability.estimatedWaitSeconds;
  let waitText = '';
  if (availability.open && typeof wait === 'number' && Number.isFinite(wait) && wait >= 0) {
    waitText = wait < 60 ? ctx.t('waitTimeUnderMinute') : ctx.t('waitTimeMinutes', { minutes: Math.round(wait / 60) });
  }
  return html`<div part="availability" class="availability availability--${availability.open ? 'open' : 'closed'}"
      data-open=${String(availability.open)}>
    <span>${availability.open ? ctx.t('availabilityOpen') : ctx.t('availabilityClosed')}</span>
    ${waitText ? html`<span class="availability__wait">${waitText}</span>` : nothing}
  </div>`;
}
