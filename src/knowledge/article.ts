/**
 * A knowledge article body (the SDK's `DocumentBody`), turned into a small safe tree the widget can render with
 * plain DOM construction: runs of text with marks, links that passed a scheme check, lists, images, tables.
 * Every remote value is hostile: wrong types are dropped (a number where text belongs becomes its digits), URLs
 * with other schemes become plain text, nesting and sizes are capped. Nothing here ever throws on bad input.
 */
import { isRecord } from '../protocol/web-messaging.js';

/** A piece of text with its marks; `href` only when it passed the link check, `articleId` for a link to an article. */
export interface ArticleRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  href?: string;
  articleId?: string;
}

export type ArticleBlock =
  | { kind: 'paragraph'; runs: ArticleRun[] }
  | { kind: 'list'; ordered: boolean; items: ArticleBlock[][] }
  | { kind: 'image'; url: string; alt: string; href?: string }
  | { kind: 'video'; url: string }
  | { kind: 'table'; rows: ArticleBlock[][][] };

/** Limits that keep a hostile body from costing the page: depth of nesting, blocks in total, text per run. */
export const ARTICLE_LIMITS = { maxDepth: 6, maxBlocks: 2000, maxRunLength: 20_000 } as const;

const LINK_SCHEMES = ['http:', 'https:', 'mailto:'];
const MEDIA_SCHEMES = ['http:', 'https:'];

/** The URL when it is absolute with an allowed scheme; else null. */
export function checkedUrl(raw: unknown, schemes: readonly string[] = LINK_SCHEMES): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  try {
    const url = new URL(raw.trim());
    return schemes.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** The document id of a `grn:knowledge:::document/<kb>/<doc>` or `...:::documentVariation/<kb>/<doc>/<variation>` link. */
export function articleIdOfLink(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const match = /^grn:knowledge:::(?:document|documentVariation)\/[^/]+\/([^/]+)/.exec(raw.trim());
  return match?.[1] ?? null;
}

/** Text of a remote field: strings as they are, finite numbers as digits, anything else nothing. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

class Budget {
  blocks = 0;
  take(): boolean {
    this.blocks += 1;
    return this.blocks <= ARTICLE_LIMITS.maxBlocks;
  }
}

function run(value: unknown): ArticleRun | null {
  if (!isRecord(value)) return null;
  const text = textOf(value.text);
  if (text === null || text === '') return null;
  const result: ArticleRun = { text: text.slice(0, ARTICLE_LIMITS.maxRunLength) };
  const marks = Array.isArray(value.marks) ? value.marks : [];
  if (marks.includes('Bold')) result.bold = true;
  if (marks.includes('Italic')) result.italic = true;
  if (marks.includes('Underline')) result.underline = true;
  if (marks.includes('Strikethrough')) result.strikethrough = true;
  const articleId = articleIdOfLink(value.hyperlink);
  if (articleId) result.articleId = articleId;
  else {
    const href = checkedUrl(value.hyperlink);
    if (href) result.href = href;
  }
  return result;
}

function image(value: unknown): ArticleBlock | null {
  if (!isRecord(value)) return null;
  const url = checkedUrl(value.url, MEDIA_SCHEMES);
  if (!url) return null;
  const properties = isRecord(value.properties) ? value.properties : {};
  const block: ArticleBlock = { kind: 'image', url, alt: textOf(properties.altText) ?? '' };
  const href = checkedUrl(value.hyperlink);
  if (href) block.href = href;
  return block;
}

function video(value: unknown): ArticleBlock | null {
  const url = isRecord(value) ? checkedUrl(value.url, MEDIA_SCHEMES) : null;
  return url ? { kind: 'video', url } : null;
}

/** Inline content blocks (paragraph, list item or cell content) into blocks: runs gather into paragraphs. */
function inline(blocks: unknown, depth: number, budget: Budget): ArticleBlock[] {
  const out: ArticleBlock[] = [];
  let runs: ArticleRun[] = [];
  const flush = (): void => {
    if (runs.length > 0) out.push({ kind: 'paragraph', runs });
    runs = [];
  };
  for (const item of Array.isArray(blocks) ? blocks : []) {
    if (!isRecord(item) || !budget.take()) continue;
    switch (item.type) {
      case 'Text': {
        const r = run(item.text);
        if (r) runs.push(r);
        break;
      }
      case 'Image': {
        flush();
        const b = image(item.image);
        if (b) out.push(b);
        break;
      }
      case 'Video': {
        flush();
        const b = video(item.video);
        if (b) out.push(b);
        break;
      }
      case 'OrderedList':
      case 'UnorderedList': {
        flush();
        const b = list(item.list, item.type === 'OrderedList', depth + 1, budget);
        if (b) out.push(b);
        break;
      }
      case 'Paragraph': {
        flush();
        out.push(...paragraph(item.paragraph, depth + 1, budget));
        break;
      }
      case 'Table': {
        flush();
        const b = table(item.table, depth + 1, budget);
        if (b) out.push(b);
        break;
      }
      default:
        break;
    }
  }
  flush();
  return out;
}

function paragraph(value: unknown, depth: number, budget: Budget): ArticleBlock[] {
  if (!isRecord(value) || depth > ARTICLE_LIMITS.maxDepth) return [];
  return inline(value.blocks, depth, budget);
}

function list(value: unknown, ordered: boolean, depth: number, budget: Budget): ArticleBlock | null {
  if (!isRecord(value) || depth > ARTICLE_LIMITS.maxDepth || !Array.isArray(value.blocks)) return null;
  const items = value.blocks
    .filter((item): item is Record<string, unknown> => isRecord(item) && budget.take())
    .map((item) => inline(item.blocks, depth, budget))
    .filter((item) => item.length > 0);
  return items.length > 0 ? { kind: 'list', ordered, items } : null;
}

function table(value: unknown, depth: number, budget: Budget): ArticleBlock | null {
  if (!isRecord(value) || depth > ARTICLE_LIMITS.maxDepth || !Array.isArray(value.rows)) return null;
  const rows = value.rows
    .filter((row): row is Record<string, unknown> => isRecord(row) && Array.isArray(row.cells) && budget.take())
    .map((row) => (row.cells as unknown[]).map((cell) => (isRecord(cell) ? inline(cell.blocks, depth, budget) : [])));
  return rows.length > 0 ? { kind: 'table', rows } : null;
}

/** A `DocumentBody` (any value) as safe blocks; an unusable body gives an empty list. */
export function articleBlocks(body: unknown): ArticleBlock[] {
  if (!isRecord(body) || !Array.isArray(body.blocks)) return [];
  const budget = new Budget();
  const out: ArticleBlock[] = [];
  for (const block of body.blocks) {
    if (!isRecord(block) || !budget.take()) continue;
    switch (block.type) {
      case 'Paragraph':
        out.push(...paragraph(block.paragraph, 1, budget));
        break;
      case 'OrderedList':
      case 'UnorderedList': {
        const b = list(block.list, block.type === 'OrderedList', 1, budget);
        if (b) out.push(b);
        break;
      }
      case 'Image': {
        const b = image(block.image);
        if (b) out.push(b);
        break;
      }
      case 'Video': {
        const b = video(block.video);
        if (b) out.push(b);
        break;
      }
      case 'Table': {
        const b = table(block.table, 1, budget);
        if (b) out.push(b);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** Plain text of safe blocks (for previews, search snippets and accessible names). */
export function articlePlainText(blocks: readonly ArticleBlock[]): string {
  const lines: string[] = [];
  const walk = (list: readonly ArticleBlock[]): void => {
    for (const block of list) {
      if (block.kind === 'paragraph') lines.push(block.runs.map((r) => r.text).join(''));
      else if (block.kind === 'list') for (const item of block.items) walk(item);
      else if (block.kind === 'table') for (const row of block.rows) for (const cell of row) walk(cell);
    }
  };
  walk(blocks);
  return lines.filter((l) => l.trim().length > 0).join('\n');
}
