/**
 * The scrolling transcript: day separators, bubbles, quick replies under the latest unanswered bot message, the
 * typing indicator, and a "new messages" button while the reader is scrolled up.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage } from '../model.js';
import type { QuickReply } from '../protocol/web-messaging.js';
import type { UiContext } from './context.js';
import { renderBubble } from './bubble.js';
import { dayKey, formatDay } from './format.js';
import { isAnswered, quickRepliesOf, renderQuickReplies } from './quick-replies.js';

/** Bubbles from the same sender within this many ms are grouped under one name and avatar. */
const GROUP_WINDOW_MS = 5 * 60_000;

export interface MessageListOptions {
  /** Messages whose quick replies the guest already answered in this page. */
  answered: ReadonlySet<string>;
  /**
   * Changes whenever something every bubble depends on changes (language, strings, features, read-only): bubbles
   * are only re-rendered when their message or this key changes, which keeps long transcripts cheap to update.
   */
  renderKey: unknown;
  /** Index of the first message rendered; older ones wait behind the "show earlier messages" button. */
  start: number;
  onShowEarlier(): void;
  /** New messages that arrived while the reader was scrolled up. */
  unseen: number;
  onAnswer(message: ChatMessage, reply: QuickReply): void;
  onRetry(id: string): void;
  onJumpToLatest(): void;
  onScroll(event: Event): void;
  /** Wheel and keys that move the reader up (the scroll keeper stops following before the scroll lands). */
  onReadUp: EventListenerObject & { passive: true };
}

/** Day key and epoch ms of a message's time, parsed once per message object (every render walks the window). */
const timeCache = new WeakMap<ChatMessage, { time: string; day: string; ms: number }>();
function timeOf(message: ChatMessage): { day: string; ms: number } {
  let cached = timeCache.get(message);
  if (!cached || cached.time !== message.time) {
    cached = { time: message.time, day: dayKey(message.time), ms: Date.parse(message.time) };
    timeCache.set(message, cached);
  }
  return cached;
}

function continues(previous: ChatMessage | undefined, message: ChatMessage): boolean {
  if (!previous || previous.role !== message.role || message.role === 'system') return false;
  if ((previous.sender?.name ?? '') !== (message.sender?.name ?? '')) return false;
  const a = timeOf(previous);
  const b = timeOf(message);
  if (a.day !== b.day) return false;
  return Math.abs(b.ms - a.ms) < GROUP_WINDOW_MS;
}

type Row =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'message'; key: string; message: ChatMessage; index: number; continued: boolean };

function buildRows(messages: readonly ChatMessage[], start: number, ctx: UiContext, now: Date): Row[] {
  const rows: Row[] = [];
  let lastDay = '';
  for (let index = start; index < messages.length; index += 1) {
    const message = messages[index];
    if (!message) continue;
    const day = timeOf(message).day;
    const newDay = day !== '' && day !== lastDay;
    if (newDay) {
      rows.push({ kind: 'day', key: `day:${day}`, label: formatDay(message.time, ctx.locale, ctx.t, now) });
      lastDay = day;
    }
    rows.push({ kind: 'message', key: message.id, message, index, continued: !newDay && continues(messages[index - 1], message) });
  }
  return rows;
}

function renderTyping(ctx: UiContext): TemplateResult | typeof nothing {
  const typing = ctx.view.typing;
  if (!typing || !ctx.view.features.agentTyping) return nothing;
  const name = typing.name?.trim();
  return html`<div part="typing" class="typing">
    <span class="typing__dots" aria-hidden="true"><span></span><span></span><span></span></span>
    <span>${name ? ctx.t('typing', { name }) : ctx.t('someoneTyping')}</span>
  </div>`;
}

export function renderMessageList(ctx: UiContext, options: MessageListOptions, now: Date = new Date()): TemplateResult {
  const messages = ctx.view.messages;
  const start = Math.min(Math.max(0, options.start), messages.length);
  const rows = buildRows(messages, start, ctx, now);
  const repliesAt = lastIndexWithReplies(messages, start);
  const lastGuest = lastGuestIndex(messages, start);
  // role="log" gives the transcript its meaning; it is not live itself: the announcer reads new messages once, in
  // plain words (a live log would also read re-rendered bubbles, times and delivery states).
  return html`<div class="messages-wrap">
    <div part="messages" class="messages" role="log" aria-live="off" tabindex="0" aria-label=${ctx.t('messagesLabel')}
      @scroll=${options.onScroll} @wheel=${options.onReadUp} @keydown=${options.onReadUp}><div class="messages__content">
      ${start > 0 ? html`<button type="button" part="show-earlier" class="show-earlier"
        @click=${options.onShowEarlier}>${ctx.t('showEarlier', { count: start })}</button>` : nothing}
      ${keyed(start, repeat(rows, (row) => row.key, (row) => {
        if (row.kind === 'day') {
          return html`<div part="day-separator" class="day-separator" role="separator"><span>${row.label}</span></div>`;
        }
        const { message, continued, index } = row;
        const latestGuest = index === lastGuest;
        const bubble = guard(
          [message, message.state, message.failure, message.text, message.content, continued, latestGuest, options.renderKey],
          () => renderBubble(message, ctx, { continued, latestGuest, onRetry: options.onRetry }),
        );
        const showReplies = index === repliesAt && !isAnswered(messages, index, options.answered);
        // Most rows are the bubble alone: no wrapper template (two fewer DOM markers per message).
        return showReplies
          ? html`${bubble}${renderQuickReplies(message, quickRepliesOf(message), ctx, options.onAnswer)}` : bubble;
      }))}
      ${renderTyping(ctx)}
    </div></div>
    ${options.unseen > 0 ? html`<button type="button" part="new-messages" class="new-messages"
        @click=${options.onJumpToLatest}>${options.unseen === 1
          ? ctx.t('newMessagesOne') : ctx.t('newMessagesOther', { count: options.unseen })} ↓</button>` : nothing}
  </div>`;
}

/** The guest's newest message: the only one that says "Sent" (O(messages since), walking back from the end). */
function lastGuestIndex(messages: readonly ChatMessage[], start: number): number {
  for (let i = messages.length - 1; i >= start; i -= 1) {
    if (messages[i]?.role === 'guest') return i;
  }
  return -1;
}

/** Only the newest message that offers quick replies shows them; older offers are stale. */
function lastIndexWithReplies(messages: readonly ChatMessage[], start: number): number {
  for (let i = messages.length - 1; i >= start; i -= 1) {
    const message = messages[i];
    if (message && message.role !== 'guest' && quickRepliesOf(message).length) return i;
  }
  return -1;
}
