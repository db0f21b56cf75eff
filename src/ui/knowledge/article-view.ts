/**
 * A knowledge article's safe tree (src/knowledge/article.ts) as Lit templates: text goes through text bindings,
 * URLs were checked when the tree was built, so nothing remote is ever parsed as HTML. Links to other articles
 * open inside the panel; web links open in a new tab.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ArticleBlock, ArticleRun } from '../../knowledge/article.js';

function renderRun(run: ArticleRun, openArticle: (id: string) => void): TemplateResult {
  let content: TemplateResult = html`${run.text}`;
  if (run.bold) content = html`<strong>${content}</strong>`;
  if (run.italic) content = html`<em>${content}</em>`;
  if (run.underline) content = html`<u>${content}</u>`;
  if (run.strikethrough) content = html`<s>${content}</s>`;
  if (run.articleId) {
    const id = run.articleId;
    return html`<button type="button" class="link-button kb-article__link" @click=${() => openArticle(id)}>${content}</button>`;
  }
  if (run.href) return html`<a href=${run.href} target="_blank" rel="noopener noreferrer nofollow">${content}</a>`;
  return content;
}

export function renderBlocks(blocks: readonly ArticleBlock[], openArticle: (id: string) => void): TemplateResult[] {
  return blocks.map((block) => {
    switch (block.kind) {
      case 'paragraph':
        return html`<p dir="auto">${block.runs.map((run) => renderRun(run, openArticle))}</p>`;
      case 'list': {
        const items = block.items.map((item) => html`<li>${renderBlocks(item, openArticle)}</li>`);
        return block.ordered ? html`<ol>${items}</ol>` : html`<ul>${items}</ul>`;
      }
      case 'image': {
        const image = html`<img class="kb-article__image" src=${block.url} alt=${block.alt} loading="lazy" />`;
        return block.href ? html`<a href=${block.href} target="_blank" rel="noopener noreferrer nofollow">${image}</a>` : image;
      }
      case 'video':
        return html`<p><a href=${block.url} target="_blank" rel="noopener noreferrer nofollow">${block.url}</a></p>`;
      case 'table':
        return html`<div class="kb-article__table"><table><tbody>${block.rows.map((row) => html`<tr>${row.map((cell) =>
          html`<td>${renderBlocks(cell, openArticle)}</td>`)}</tr>`)}</tbody></table></div>`;
      default:
        return html`${nothing}`;
    }
  });
}
