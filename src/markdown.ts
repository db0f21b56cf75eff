/**
 * Markdown for agent and bot text, loaded on first use (the parser and renderer are markdown-core.ts, a chunk): the
 * element preloads it as soon as the deployment turns Markdown on, so it is there before the first message. Until it
 * is, text shows as it came (plain, never as HTML) and renders again once it arrived (lazy-render.ts).
 */
import type { TemplateResult } from 'lit';
import type { BlockNode } from './markdown-core.js';
import { lazyRenderer } from './ui/lazy-render.js';

export type { BlockNode, InlineNode } from './markdown-core.js';

const core = lazyRenderer('Markdown', () => import('./markdown-core.js'));

/** Starts loading the Markdown chunk (the deployment turned Markdown on); resolves once it settled. */
export function preloadMarkdown(): Promise<void> {
  return core.preload();
}

/** Until the chunk is there: the text without emphasis marks, a link as its label (close to what it renders as). */
function roughlyPlain(source: string): string {
  return source.replace(/\[([^\]\n]*)\]\([^)\s]*\)/g, '$1').replace(/(\*\*|__|`)(.+?)\1/g, '$2').replace(/(^|\s)[*_]([^*_\s][^*_]*?)[*_](?=\s|$|[.,;:!?])/g, '$1$2');
}

/** The Markdown tree of `source`; one paragraph of roughly plain text until the chunk is loaded. */
export function parseMarkdown(source: string): BlockNode[] {
  return core.get()?.parseMarkdown(source) ?? [{ type: 'paragraph', children: [{ type: 'text', text: roughlyPlain(source) }] }];
}

/** Markdown source as Lit templates; roughly plain text (no marks shown) until the chunk is loaded. */
export function renderMarkdown(source: string): TemplateResult | string {
  return core.get()?.renderMarkdown(source) ?? roughlyPlain(source);
}
