/**
 * The conversation as plain text: for the transcript download, and for notification bodies. Markdown is read by the
 * same parser that renders it, so what a person reads is the words, not the asterisks; rich content becomes lines.
 */
import type { Translate } from '../i18n.js';
import { parseMarkdown, type InlineNode } from '../markdown.js';
import type { ChatMessage } from '../model.js';
import { asAttachment, asButtonResponse, asCard, asCarousel } from './content.js';
import { senderName } from './format.js';
import { systemText } from './bubble.js';
import type { UiContext } from './context.js';

function inlineText(nodes: InlineNode[]): string {
  return nodes.map((node) => {
    switch (node.type) {
      case 'text': return node.text;
      case 'code': return node.text;
      case 'br': return '\n';
      case 'link': {
        const label = inlineText(node.children);
        return label === node.href ? label : `${label} (${node.href})`;
      }
      default: return inlineText(node.children);
    }
  }).join('');
}

/** Markdown as the words a person reads: no emphasis marks, links as `label (url)`, list items on their own lines. */
export function markdownToPlain(source: string): string {
  return parseMarkdown(source).map((block) => (block.type === 'paragraph'
    ? inlineText(block.children)
    : block.items.map((item, index) => `${block.ordered ? `${index + 1}.` : '-'} ${inlineText(item)}`).join('\n')))
    .join('\n\n');
}

/** A message's words (Markdown read when the deployment renders it), then its rich content as lines. */
export function messagePlainText(message: ChatMessage, markdown: boolean, t: Translate): string {
  const lines: string[] = [];
  const remote = message.role !== 'guest';
  if (message.text) lines.push(remote && markdown ? markdownToPlain(message.text) : message.text);
  for (const item of message.content) {
    const response = asButtonResponse(item);
    if (response) {
      if (!message.text) lines.push(response.text);
      continue;
    }
    const attachment = asAttachment(item);
    if (attachment) {
      const name = attachment.filename || t('file');
      lines.push(`[${t('attachmentLabel', { name })}]${attachment.url ? ` ${attachment.url}` : ''}`);
      continue;
    }
    const card = asCard(item);
    for (const each of asCarousel(item) ?? (card ? [card] : [])) {
      lines.push(`[${[each.title, each.description].filter((part) => typeof part === 'string' && part).join(' – ')}]`);
      for (const action of each.actions ?? []) {
        if (typeof action?.text !== 'string') continue;
        lines.push(`  > ${action.text}${typeof action.url === 'string' ? ` (${action.url})` : ''}`);
      }
    }
    if (item.contentType === 'QuickReply' && 'quickReply' in item) {
      const reply = (item as { quickReply?: { text?: unknown } }).quickReply;
      if (typeof reply?.text === 'string') lines.push(`  > ${reply.text}`);
    }
  }
  return lines.join('\n');
}

/**
 * The whole transcript as text: a heading with the date, then one block per message, `[time] Name: text`. System
 * lines (joined, left) are included; pending and failed guest messages are marked.
 */
export function transcriptText(messages: readonly ChatMessage[], ctx: UiContext, now: Date = new Date()): string {
  const dateTime = (iso: string): string => {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    try {
      return new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'short', timeStyle: 'short' }).format(date);
    } catch {
      return date.toISOString();
    }
  };
  const heading = ctx.t('transcriptHeading', { date: dateTime(now.toISOString()) });
  const blocks = messages.map((message) => {
    const time = dateTime(message.time);
    if (message.role === 'system') return `[${time}] ${systemText(message, ctx)}`;
    const state = message.role === 'guest' && message.state === 'failed' ? ` (${ctx.t('notSent')})` : '';
    const text = messagePlainText(message, ctx.view.features.markdown, ctx.t);
    return `[${time}] ${senderName(message, ctx.t)}${state}: ${text.includes('\n') ? `\n${text}` : text}`;
  });
  return [`${ctx.t('title')} – ${heading}`, '', ...blocks, ''].join('\n');
}

/** `chat-transcript-2026-12-01.txt` (local date). */
export function transcriptFileName(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `chat-transcript-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.txt`;
}
