/**
 * A safe Markdown subset for agent and bot text: **bold**, *italic* / _italic_, `code`, [links](https://…), bare
 * http(s) links, line breaks, and bullet / numbered lists. The parser builds a small tree and renders it with Lit
 * templates, so every piece of remote text lands in the DOM as a text node: no HTML parsing, no innerHTML, nothing a
 * strict Content-Security-Policy would block. Link targets must be absolute http, https or mailto URLs; any other
 * link (javascript:, data:, relative) is shown as its plain label.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { LINK_PROTOCOLS, safeUrl } from './ui/safe-url.js';

export type InlineNode =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: InlineNode[] }
  | { type: 'em'; children: InlineNode[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: InlineNode[] }
  | { type: 'br' };

export type BlockNode =
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'list'; ordered: boolean; items: InlineNode[][] };

/** Nesting deeper than this is left as text (bounds the work done on hostile input). */
const MAX_DEPTH = 4;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const BARE_URL = /^https?:\/\/[^\s<>"]+/i;

/** Parses text into blocks: paragraphs (lines joined by line breaks) and lists; blank lines separate paragraphs. */
export function parseMarkdown(source: string): BlockNode[] {
  const blocks: BlockNode[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;

  const flushParagraph = (): void => {
    if (paragraph.length) blocks.push({ type: 'paragraph', children: parseLines(paragraph) });
    paragraph = [];
  };
  const flushList = (): void => {
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map((item) => parseInline(item)) });
    list = null;
  };

  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      flushParagraph();
      const ordered = Boolean(numbered);
      if (list && list.ordered !== ordered) flushList();
      list ??= { ordered, items: [] };
      list.items.push(item[1] ?? '');
    } else if (line.trim() === '') {
      flushParagraph();
      flushList();
    } else {
      flushList();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushList();
  return blocks;
}

function parseLines(lines: string[]): InlineNode[] {
  const nodes: InlineNode[] = [];
  lines.forEach((line, index) => {
    if (index > 0) nodes.push({ type: 'br' });
    nodes.push(...parseInline(line));
  });
  return nodes;
}

/** Parses one line of inline Markdown. Unmatched markers stay as literal text. */
export function parseInline(source: string, depth = 0): InlineNode[] {
  const nodes: InlineNode[] = [];
  let text = '';
  const pushText = (): void => {
    if (text) nodes.push({ type: 'text', text });
    text = '';
  };

  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? '';
    const rest = source.slice(i);

    if (ch === '\\' && i + 1 < source.length && /[\\`*_[\]()#+\-.!]/.test(source[i + 1] ?? '')) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const end = source.indexOf('`', i + 1);
      if (end > i + 1) {
        pushText();
        nodes.push({ type: 'code', text: source.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (depth < MAX_DEPTH && (rest.startsWith('**') || rest.startsWith('__'))) {
      const end = findCloser(source, i + 2, ch, 2);
      if (end > i + 2) {
        pushText();
        nodes.push({ type: 'strong', children: parseInline(source.slice(i + 2, end), depth + 1) });
        i = end + 2;
        continue;
      }
    }
    if (depth < MAX_DEPTH && (ch === '*' || ch === '_') && opensEmphasis(source, i)) {
      const end = findCloser(source, i + 1, ch, 1);
      if (end > i + 1) {
        pushText();
        nodes.push({ type: 'em', children: parseInline(source.slice(i + 1, end), depth + 1) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '[') {
      const link = matchLink(source, i);
      if (link) {
        pushText();
        const label = depth < MAX_DEPTH ? parseInline(link.label, depth + 1) : [{ type: 'text' as const, text: link.label }];
        const href = safeUrl(link.url, LINK_PROTOCOLS);
        if (href) nodes.push({ type: 'link', href, children: label });
        else nodes.push(...label); // refused scheme: keep the words, drop the link
        i = link.end;
        continue;
      }
    }
    if ((ch === 'h' || ch === 'H') && (i === 0 || /[\s(]/.test(source[i - 1] ?? ''))) {
      const match = BARE_URL.exec(rest);
      if (match) {
        const raw = match[0].replace(/[.,;:!?)\]]+$/, '');
        const href = safeUrl(raw, LINK_PROTOCOLS);
        if (href) {
          pushText();
          nodes.push({ type: 'link', href, children: [{ type: 'text', text: raw }] });
          i += raw.length;
          continue;
        }
      }
    }
    text += ch;
    i += 1;
  }
  pushText();
  return nodes;
}

/** `_` only opens emphasis at a word start, so snake_case_names stay as they are. */
function opensEmphasis(source: string, index: number): boolean {
  const next = source[index + 1] ?? '';
  if (next === '' || /\s/.test(next)) return false;
  if (source[index] === '_') return index === 0 || !/\w/.test(source[index - 1] ?? '');
  return true;
}

/**
 * Where the `width`-marker run that closes an opener ending at `from` starts, or -1. Code spans and escapes are
 * skipped (`**a `x**` b**` stays one strong), a closer must follow a non-space, and a run of the other width is
 * nested emphasis to step over (`*a **b** c*`). A run of three closes both: `***x***`, `*a **b***`.
 */
function findCloser(source: string, from: number, marker: string, width: 1 | 2): number {
  let j = from;
  while (j < source.length) {
    const c = source[j];
    if (c === '\\') { j += 2; continue; }
    if (c === '`') {
      const close = source.indexOf('`', j + 1);
      if (close > j + 1) { j = close + 1; continue; }
    }
    if (c !== marker) { j += 1; continue; }
    let run = 1;
    while (source[j + run] === marker) run += 1;
    const closes = j > from && !/\s/.test(source[j - 1] ?? ' ')
      && (marker !== '_' || !/\w/.test(source[j + run] ?? ''));
    if (closes && width === 1 && run !== 2) return j + run - 1;
    if (closes && width === 2 && run >= 2) return j + run - 2;
    j += run;
  }
  return -1;
}

function matchLink(source: string, start: number): { label: string; url: string; end: number } | null {
  const close = source.indexOf('](', start + 1);
  if (close < 0) return null;
  // The URL ends at the parenthesis that balances the opening one: `(https://x/a_(b))` keeps `(b)`.
  let end = -1;
  for (let j = close + 2, depth = 1; j < source.length; j += 1) {
    const c = source[j];
    if (c === '(') depth += 1;
    else if (c === ')' && --depth === 0) { end = j; break; }
  }
  if (end < 0) return null;
  const label = source.slice(start + 1, close);
  const url = source.slice(close + 2, end).trim();
  if (!label || !url || /\s/.test(url)) return null;
  return { label, url, end: end + 1 };
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering: Lit templates only (text bindings are always text nodes).
// ---------------------------------------------------------------------------------------------------------------

function renderInline(nodes: InlineNode[]): unknown[] {
  return nodes.map((node) => {
    switch (node.type) {
      case 'text': return node.text;
      case 'br': return html`<br />`;
      case 'code': return html`<code>${node.text}</code>`;
      case 'strong': return html`<strong>${renderInline(node.children)}</strong>`;
      case 'em': return html`<em>${renderInline(node.children)}</em>`;
      case 'link':
        return html`<a href=${node.href} target="_blank" rel="noopener noreferrer">${renderInline(node.children)}</a>`;
      default: return nothing;
    }
  });
}

/** Renders Markdown source as Lit templates. */
export function renderMarkdown(source: string): TemplateResult {
  const blocks = parseMarkdown(source);
  return html`${blocks.map((block) => block.type === 'paragraph'
    ? html`<p class="md-p">${renderInline(block.children)}</p>`
    : block.ordered
      ? html`<ol class="md-list">${block.items.map((item) => html`<li>${renderInline(item)}</li>`)}</ol>`
      : html`<ul class="md-list">${block.items.map((item) => html`<li>${renderInline(item)}</li>`)}</ul>`)}`;
}
