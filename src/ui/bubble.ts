/**
 * One message: a guest, agent or bot bubble (name, avatar, time, text, rich content, delivery state and a retry
 * button when it failed), or a system line. The `message` part carries `data-id`, `data-role` and `data-state`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage } from '../model.js';
import { renderMarkdown } from '../markdown.js';
import { errorText } from './status-bar.js';
import type { UiContext } from './context.js';
import { asButtonResponse, renderContent } from './content.js';
import { formatTime, initials, senderName } from './format.js';
import { MEDIA_PROTOCOLS, safeUrl } from './safe-url.js';
import { BOT_ICON } from './icons.js';

/** Presence changes as sentences; other system lines keep their own text. */
export function systemText(message: ChatMessage, ctx: UiContext): string {
  const name = message.sender?.name?.trim() || ctx.t('agent');
  switch (message.presence) {
    case 'join': return ctx.t('presenceJoin', { name });
    case 'disconnect': return ctx.t('presenceDisconnect', { name });
    case 'clear': return ctx.t('presenceClear');
    case 'session-expired': return ctx.t('presenceSessionExpired');
    default: return message.text;
  }
}

/** The words of a bubble: its text, or the label of the button the guest picked. */
export function messageText(message: ChatMessage): string {
  if (message.text) return message.text;
  for (const item of message.content) {
    const response = asButtonResponse(item);
    if (response) return response.text;
  }
  return '';
}

/** A picture when the sender has one; else initials for an agent and a robot for the bot (told apart at a glance). */
function renderAvatar(message: ChatMessage, name: string, ctx: UiContext): TemplateResult {
  const botAvatar = message.role === 'bot' ? ctx.bot?.avatarUrl : undefined;
  const url = safeUrl(botAvatar ?? message.sender?.avatarUrl, MEDIA_PROTOCOLS);
  const role = message.role === 'bot' ? 'bot' : 'agent';
  let face: TemplateResult;
  if (url) face = html`<img src=${url} alt="" />`;
  else if (role === 'bot') face = BOT_ICON;
  else face = html`<span class="avatar__initials">${initials(name)}</span>`;
  return html`<div part="avatar avatar-${role}" class="avatar avatar--${role}" aria-hidden="true">${face}</div>`;
}

function renderDelivery(message: ChatMessage, ctx: UiContext, latest: boolean, onRetry: (id: string) => void): TemplateResult | typeof nothing {
  if (message.role !== 'guest') return nothing;
  if (message.state === 'pending') return html`<span part="delivery" class="delivery delivery--pending">${ctx.t('sending')}</span>`;
  // "Sent" under every bubble is noise: only the newest says it (earlier ones were sent before it).
  if (message.state === 'sent') return latest ? html`<span part="delivery" class="delivery delivery--sent">${ctx.t('sent')}</span>` : nothing;
  const failure = message.failure;
  const reason = failure ? errorText(failure.code, ctx) : '';
  const wait = failure?.retryAfterSeconds ? ctx.t('retryAfter', { seconds: Math.ceil(failure.retryAfterSeconds) }) : '';
  return html`<span part="delivery" class="delivery delivery--failed" role="alert">
    <span>${ctx.t('notSent')}${reason ? html`: ${reason}` : nothing} ${wait}</span>
    <button type="button" part="retry-button" class="link-button" ?disabled=${ctx.view.readOnly}
      @click=${() => onRetry(message.id)}>${ctx.t('retry')}</button>
  </span>`;
}

export interface BubbleOptions {
  /** Same sender as the previous bubble, close in time: name and avatar are not repeated. */
  continued: boolean;
  /** The guest's newest message (the only one that says "Sent"). */
  latestGuest?: boolean;
  onRetry(id: string): void;
}

/** Text with nothing Markdown would change: rendered as one text node, not a parsed tree of paragraphs. */
const MARKDOWN_SIGNS = /[*_`[\]\\~#>|<\n]|\s\s|^\s*(?:[-+]|\d+[.)])\s|:\/\//;

// Templates below are written without whitespace between tags: each blank would be one more DOM text node per
// message (a long transcript holds hundreds of rows).
export function renderBubble(message: ChatMessage, ctx: UiContext, options: BubbleOptions): TemplateResult {
  if (message.role === 'system') {
    return html`<div part="message system-line" class="system-line" data-id=${message.id} data-role="system"
      data-state=${message.state} dir="auto">${systemText(message, ctx)}</div>`;
  }
  // The deployment's humanized bot name wins over the flow's nickname (what the admin chose to show).
  const name = (message.role === 'bot' ? ctx.bot?.name : null) ?? senderName(message, ctx.t);
  const text = messageText(message);
  const remote = message.role !== 'guest';
  const markdown = remote && ctx.view.features.markdown && MARKDOWN_SIGNS.test(text);
  const body = markdown ? renderMarkdown(text) : text;
  const time = formatTime(message.time, ctx.locale);
  // A continued row has no avatar: `.row--continued` indents it by the avatar's width (no spacer element).
  const avatar = remote && !options.continued ? renderAvatar(message, name, ctx) : nothing;
  const wide = message.content.some((item) => item.contentType === 'Carousel');
  const bubble = text ? html`<div part="bubble bubble-${message.role}" dir="auto" class="bubble ${markdown ? 'bubble--markdown' : ''}">${body}</div>` : nothing;
  const rowClass = `row row--${message.role} ${options.continued ? 'row--continued' : ''}`;
  const metaClass = `meta ${options.continued ? 'visually-hidden' : ''}`;
  if (avatar === nothing && !message.content.length && message.role !== 'guest') {
    // The common case of a long transcript (a continued agent or bot text): no avatar, content or delivery parts.
    return html`<div part="message" class=${rowClass} data-id=${message.id} data-role=${message.role} data-state=${message.state}><div class="stack"><div class=${metaClass}><span class="meta__name" dir="auto">${name}</span><time class="meta__time" datetime=${message.time}>${time}</time></div>${bubble}</div></div>`;
  }
  const extra = html`${renderContent(message, ctx)}${renderDelivery(message, ctx, options.latestGuest ?? true, options.onRetry)}`;
  return html`<div part="message" class=${rowClass} data-id=${message.id} data-role=${message.role} data-state=${message.state}>${avatar}<div class="stack ${wide ? 'stack--wide' : ''}"><div class=${metaClass}><span class="meta__name" dir="auto">${name}</span><time class="meta__time" datetime=${message.time}>${time}</time></div>${bubble}${extra}</div></div>`;
}
