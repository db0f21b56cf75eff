/**
 * The scrolling transcript: day separators, bubbles, quick replies under the latest unanswered bot message, the
 * typing indicator, and a "new messages" button while the reader is scrolled up.
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage } from '../model.js';
import type { QuickReply } from '../protocol/web-messaging.js';
import type { UiContext } from './context.js';
import { renderBubble, type BubbleOptions } from './bubble.js';
import { dayKey, formatDay } from './format.js';
import { isAnswered, quickRepliesOf, renderQuickReplies } from './quick-replies.js';
import { BLOCK, indexNow, type MessageAt } from './render-window.js';
import { elementList } from './element-list.js';
import { fallbacksShown, lazyRenderGeneration } from './lazy-render.js';

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
  | { kind: 'message'; key: string; message: ChatMessage; continued: boolean };

/**
 * A run of up to BLOCK consecutive messages, rendered as one unit in its own element: an append re-renders the last
 * block only, and the window slides by dropping a whole block from the head. Blocks are keyed by their first
 * message, and their boundaries keep their place when messages are inserted above them (history), so a merge adds
 * blocks instead of re-rendering the ones on screen. A block is rebuilt only when something its rows depend on
 * changed; otherwise the same object comes back and its element is left alone.
 */
interface Block {
  /** The id of its first message: the key of its element. */
  key: string;
  /** The messages it rendered, compared by identity. */
  messages: ChatMessage[];
  /** The message before it (grouping and day separators look at it); undefined for the window's first block. */
  before: ChatMessage | undefined;
  /** The guest's newest message and the message showing quick replies, when in this block. */
  latestGuest: ChatMessage | undefined;
  replies: ChatMessage | undefined;
  renderKey: unknown;
  today: string;
  rows: Row[];
  /** A bubble in it showed a fallback (Markdown or rich content still loading) when it was last filled. */
  fallback: boolean;
}

/** Whether `block` still renders messages [from, to) with everything else as it was. */
function unchanged(block: Block, messages: readonly ChatMessage[], from: number, to: number, before: ChatMessage | undefined,
  latestGuest: ChatMessage | undefined, replies: ChatMessage | undefined, renderKey: unknown, today: string): boolean {
  if (block.messages.length !== to - from || block.before !== before || block.latestGuest !== latestGuest
    || block.replies !== replies || block.renderKey !== renderKey || block.today !== today) {
    return false;
  }
  for (let i = from; i < to; i += 1) if (block.messages[i - from] !== messages[i]) return false;
  return true;
}

/** `n` modulo `m`, never negative. */
const mod = (n: number, m: number): number => ((n % m) + m) % m;

function renderTyping(ctx: UiContext): TemplateResult | typeof nothing {
  const typing = ctx.view.typing;
  if (!typing || !ctx.view.features.agentTyping) return nothing;
  const name = typing.name?.trim();
  return html`<div part="typing" class="typing">
    <span class="typing__dots" aria-hidden="true"><span></span><span></span><span></span></span>
    <span>${name ? ctx.t('typing', { name }) : ctx.t('someoneTyping')}</span>
  </div>`;
}

/**
 * Renders the transcript. Holds the rendered blocks between renders, so one instance belongs to one element. The
 * work of an update is one identity check per rendered message and the rows of the blocks that changed (usually the
 * last one), never a re-render of the whole window.
 */
export class MessageList {
  private blocks = new Map<string, Block>();
  /**
   * Bubbles rendered with a fallback while a renderer loaded, and a token per message that changes when such a
   * renderer arrives: only those bubbles render again then (and only their blocks are filled again), not the window.
   */
  private readonly withFallback = new Set<ChatMessage>();
  private readonly renderTokens = new WeakMap<ChatMessage, object>();
  private generation = lazyRenderGeneration();
  /** A renderer arrived since the last render: blocks that showed a fallback are filled again. */
  private rendererArrived = false;
  /**
   * The first message of the last block rendered and its index: where block boundaries fall (index ≡ anchor index
   * modulo BLOCK), found again after messages were inserted above it.
   */
  private anchor: MessageAt | null = null;
  /** Day separator labels ("Today", "Monday, 3 March 2025") by day key, for one locale, strings and date. */
  private labels = new Map<string, string>();
  private labelsFor: { locale: string; renderKey: unknown; today: string } | null = null;

  render(ctx: UiContext, options: MessageListOptions, now: Date = new Date()): TemplateResult {
    const messages = ctx.view.messages;
    this.noteArrivedRenderers();
    const phase = this.phase(messages);
    const asked = Math.min(Math.max(0, options.start), messages.length);
    // From the block boundary at or before the first message asked for.
    const start = Math.max(0, asked - mod(asked - phase, BLOCK));
    const today = dayKey(now.toISOString());
    const blocks = this.window(ctx, options, messages, start, phase, today, now);
    // role="log" gives the transcript its meaning; it is not live itself: the announcer reads new messages once, in
    // plain words (a live log would also read re-rendered bubbles, times and delivery states).
    return html`<div class="messages-wrap">
    <div part="messages" class="messages" role="log" aria-live="off" tabindex="0" aria-label=${ctx.t('messagesLabel')}
      @scroll=${options.onScroll} @wheel=${options.onReadUp} @keydown=${options.onReadUp}><div class="messages__content">
      ${start > 0 ? html`<button type="button" part="show-earlier" class="show-earlier"
        @click=${options.onShowEarlier}>${ctx.t('showEarlier', { count: start })}</button>` : nothing}
      ${elementList({
        items: blocks, key: (block) => block.key, tag: 'div', className: 'messages__block',
        fill: (block, element) => {
          render(this.renderRows(block, ctx, options), element);
          block.fallback = block.messages.some((message) => this.withFallback.has(message));
        },
      })}
      ${renderTyping(ctx)}
    </div></div>
    ${options.unseen > 0 ? html`<button type="button" part="new-messages" class="new-messages"
        @click=${options.onJumpToLatest}>${options.unseen === 1
          ? ctx.t('newMessagesOne') : ctx.t('newMessagesOther', { count: options.unseen })} ↓</button>` : nothing}
  </div>`;
  }

  /** A renderer arrived: each bubble that showed a fallback gets a new token (its guard lets it render again). */
  private noteArrivedRenderers(): void {
    const generation = lazyRenderGeneration();
    this.rendererArrived = generation !== this.generation;
    if (!this.rendererArrived) return;
    this.generation = generation;
    for (const message of this.withFallback) this.renderTokens.set(message, {});
    this.withFallback.clear(); // the bubbles rendered again are counted again; those gone from the window render anew
  }

  /** Where block boundaries fall: the anchor's index modulo BLOCK (searched for only when it moved). */
  private phase(messages: readonly ChatMessage[]): number {
    const index = this.anchor ? indexNow(messages, this.anchor) : -1;
    return index < 0 ? 0 : index % BLOCK;
  }

  /** The blocks of messages [start, end): the ones that did not change are the same objects as last time. */
  private window(ctx: UiContext, options: MessageListOptions, messages: readonly ChatMessage[], start: number,
    phase: number, today: string, now: Date): Block[] {
    const latestGuest = messages[lastGuestIndex(messages, start)];
    const repliesAt = lastIndexWithReplies(messages, start);
    const replies = repliesAt >= 0 && !isAnswered(messages, repliesAt, options.answered) ? messages[repliesAt] : undefined;
    const blocks: Block[] = [];
    const kept = new Map<string, Block>();
    let from = start;
    while (from < messages.length) {
      const to = Math.min(messages.length, from + BLOCK - mod(from - phase, BLOCK));
      const first = messages[from] as ChatMessage;
      const before = from === start ? undefined : messages[from - 1];
      let guest: ChatMessage | undefined;
      let reply: ChatMessage | undefined;
      for (let i = from; i < to; i += 1) {
        if (messages[i] === latestGuest) guest = latestGuest;
        if (messages[i] === replies) reply = replies;
      }
      let block = this.blocks.get(first.id);
      if (!block || (block.fallback && this.rendererArrived)
        || !unchanged(block, messages, from, to, before, guest, reply, options.renderKey, today)) {
        block = {
          key: first.id, messages: messages.slice(from, to), before, latestGuest: guest, replies: reply,
          renderKey: options.renderKey, today, rows: this.rows(ctx, messages, from, to, before, options.renderKey, today, now),
          fallback: false,
        };
      }
      kept.set(block.key, block);
      blocks.push(block);
      this.anchor = { id: first.id, index: from };
      from = to;
    }
    // Blocks that left the window forget which of their bubbles showed a fallback (one shown again renders anew).
    for (const [key, old] of this.blocks) {
      if (!kept.has(key)) for (const message of old.messages) this.withFallback.delete(message);
    }
    this.blocks = kept;
    return blocks;
  }

  private rows(ctx: UiContext, messages: readonly ChatMessage[], from: number, to: number, before: ChatMessage | undefined,
    renderKey: unknown, today: string, now: Date): Row[] {
    const rows: Row[] = [];
    let lastDay = before ? timeOf(before).day : '';
    let previous = before;
    for (let index = from; index < to; index += 1) {
      const message = messages[index];
      if (!message) continue;
      const day = timeOf(message).day;
      const newDay = day !== '' && day !== lastDay;
      if (newDay) {
        rows.push({ kind: 'day', key: `day:${day}`, label: this.dayLabel(ctx, message.time, day, renderKey, today, now) });
        lastDay = day;
      }
      rows.push({ kind: 'message', key: message.id, message, continued: !newDay && continues(previous, message) });
      previous = message;
    }
    return rows;
  }

  private dayLabel(ctx: UiContext, time: string, day: string, renderKey: unknown, today: string, now: Date): string {
    const current = this.labelsFor;
    if (!current || current.locale !== ctx.locale || current.renderKey !== renderKey || current.today !== today) {
      this.labels.clear();
      this.labelsFor = { locale: ctx.locale, renderKey, today };
    }
    let label = this.labels.get(day);
    if (label === undefined) {
      label = formatDay(time, ctx.locale, ctx.t, now);
      this.labels.set(day, label);
    }
    return label;
  }

  /**
   * A block's rows, rendered into its own box: off screen the box is skipped whole (content-visibility), so laying out
   * an append walks the blocks and the last block's rows, not every rendered row.
   */
  private renderRows(block: Block, ctx: UiContext, options: MessageListOptions): unknown {
    return repeat(block.rows, (row) => row.key, (row) => {
      if (row.kind === 'day') {
        return html`<div part="day-separator" class="day-separator" role="separator"><span>${row.label}</span></div>`;
      }
      const { message, continued } = row;
      const latestGuest = message === block.latestGuest;
      const bubble = guard(
        [message, message.state, message.failure, message.text, message.content, continued, latestGuest, options.renderKey,
          this.renderTokens.get(message)],
        () => this.renderBubble(message, ctx, { continued, latestGuest, onRetry: options.onRetry }),
      );
      // Most rows are the bubble alone: no wrapper template (two fewer DOM markers per message).
      return message === block.replies
        ? html`${bubble}${renderQuickReplies(message, quickRepliesOf(message), ctx, options.onAnswer)}` : bubble;
    });
  }

  /** A bubble, remembering whether it showed a fallback (see withFallback). */
  private renderBubble(message: ChatMessage, ctx: UiContext, options: BubbleOptions): TemplateResult {
    const before = fallbacksShown();
    const bubble = renderBubble(message, ctx, options);
    if (fallbacksShown() !== before) this.withFallback.add(message);
    else this.withFallback.delete(message);
    return bubble;
  }
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
    if (message && message.role !== 'guest' && message.content.length && quickRepliesOf(message).length) return i;
  }
  return -1;
}
