/**
 * Knowledge-base self-service inside the panel (Messenger's `apps.knowledge`): a search box with suggestions while
 * the visitor types, results on Enter, an article opened in place (rendered from the safe tree), a thumbs up or down
 * for it, and every article read reported to the element (custom attributes for the agent). Loaded as a chunk of its
 * own (see types.ts). Keyboard: arrows move through the suggestions, Enter picks, Escape closes the list or the
 * article; focus goes to the article's heading on open and back to its result on close.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import {
  KnowledgeClient, type KnowledgeArticle, type KnowledgeSearchResult,
} from '../../knowledge/client.js';
import type { KnowledgeFeedbackRating, KnowledgeSearchQueryType } from '../../protocol/knowledge.js';
import type { UiContext } from '../context.js';
import type { MessengerStrings } from '../messenger-strings.js';
import { renderBlocks } from './article-view.js';
import type { KnowledgeModule, KnowledgePanelHost, KnowledgePanelOptions, KnowledgePanelView } from './types.js';

/** Wait after the last key press before asking for suggestions. */
const SUGGEST_DELAY_MS = 250;
const MIN_SUGGEST_LENGTH = 2;

class KnowledgePanel implements KnowledgePanelView {
  private readonly client: KnowledgeClient;
  private query = '';
  private suggestions: string[] = [];
  private active = -1;
  private suggestTimer: ReturnType<typeof setTimeout> | null = null;
  private suggestSeq = 0;
  private searchSeq = 0;
  private result: KnowledgeSearchResult | null = null;
  private searching = false;
  private failed = false;
  private article: KnowledgeArticle | null = null;
  private loadingArticle = false;
  private rated: KnowledgeFeedbackRating | null = null;
  /** The result the article was opened from (focus returns to it). */
  private openedFrom: string | null = null;

  constructor(private readonly host: KnowledgePanelHost, private readonly options: KnowledgePanelOptions) {
    this.client = new KnowledgeClient({
      apiBase: options.apiBase, deploymentId: options.deploymentId,
      ...(typeof location !== 'undefined' ? { pageUrl: location.href } : {}),
    });
  }

  get articleOpen(): boolean {
    return this.article !== null || this.loadingArticle;
  }

  focusSearch(): void {
    void this.focus('#kb-search');
  }

  private async focus(selector: string): Promise<void> {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private update(): void {
    this.host.requestUpdate();
  }

  // --- Search ---

  private readonly onInput = (event: Event): void => {
    this.query = (event.target as HTMLInputElement).value;
    if (this.suggestTimer) clearTimeout(this.suggestTimer);
    const typed = this.query.trim();
    if (typed.length < MIN_SUGGEST_LENGTH) {
      this.suggestions = [];
      this.active = -1;
      this.update();
      return;
    }
    this.suggestTimer = setTimeout(() => void this.suggest(typed), SUGGEST_DELAY_MS);
  };

  private async suggest(typed: string): Promise<void> {
    const seq = ++this.suggestSeq;
    try {
      const suggestions = await this.client.suggestions(typed);
      if (seq !== this.suggestSeq || typed !== this.query.trim()) return;
      this.suggestions = suggestions.filter((s) => s.trim()).slice(0, 5);
      this.active = -1;
      this.update();
    } catch {
      // suggestions are a help, not a must: the search itself reports trouble
    }
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const count = this.suggestions.length;
    if (event.key === 'ArrowDown' && count) {
      event.preventDefault();
      this.active = (this.active + 1) % count;
      this.update();
    } else if (event.key === 'ArrowUp' && count) {
      event.preventDefault();
      this.active = this.active <= 0 ? count - 1 : this.active - 1;
      this.update();
    } else if (event.key === 'Escape' && count) {
      event.preventDefault();
      event.stopPropagation();
      this.closeSuggestions();
    } else if (event.key === 'Enter' && this.active >= 0 && count) {
      event.preventDefault();
      this.pick(this.suggestions[this.active] ?? this.query);
    }
  };

  private closeSuggestions(): void {
    this.suggestSeq++;
    if (this.suggestTimer) clearTimeout(this.suggestTimer);
    this.suggestions = [];
    this.active = -1;
    this.update();
  }

  private pick(suggestion: string): void {
    this.query = suggestion;
    void this.search('Suggestion');
    this.focusSearch();
  }

  private readonly onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.search('ManualSearch');
  };

  private async search(queryType: KnowledgeSearchQueryType): Promise<void> {
    const query = this.query.trim();
    this.closeSuggestions();
    if (!query) return;
    const seq = ++this.searchSeq;
    this.searching = true;
    this.failed = false;
    this.article = null;
    this.update();
    try {
      const result = await this.client.search(query, { queryType, pageSize: 10, highlightTop: 3 });
      if (seq !== this.searchSeq) return;
      this.result = result;
      if (result.articles.length) {
        void this.client.recordPresentation(result.articles, { searchId: result.searchId, queryType }).catch(() => undefined);
      }
    } catch (error) {
      if (seq !== this.searchSeq) return;
      console.warn('[genesys-chat] knowledge search failed', error);
      this.failed = true;
      this.result = null;
    } finally {
      if (seq === this.searchSeq) {
        this.searching = false;
        this.update();
      }
    }
  }

  // --- Articles ---

  private async openArticle(id: string, from: string | null): Promise<void> {
    this.openedFrom = from;
    this.loadingArticle = true;
    this.failed = false;
    this.rated = null;
    this.update();
    try {
      const article = await this.client.article(id);
      this.article = article;
      this.options.onViewed({ id: article.id, title: article.title });
      const surfacing = this.result?.searchId ? { searchId: this.result.searchId, queryType: 'ManualSearch' as const } : { queryType: 'Article' as const };
      void this.client.recordView(article, surfacing).catch(() => undefined);
    } catch (error) {
      console.warn('[genesys-chat] knowledge article failed', error);
      this.failed = true;
      this.article = null;
    } finally {
      this.loadingArticle = false;
      this.update();
      void this.focus(this.article ? '#kb-article-title' : '#kb-search');
    }
  }

  private readonly closeArticle = (): void => {
    const from = this.openedFrom;
    this.article = null;
    this.rated = null;
    this.update();
    void this.focus(from ? `[data-article-id="${CSS.escape(from)}"]` : '#kb-search');
  };

  private readonly onArticleKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.closeArticle();
  };

  private rate(rating: KnowledgeFeedbackRating): void {
    const article = this.article;
    if (!article || this.rated) return;
    this.rated = rating;
    this.update();
    const searchId = this.result?.searchId;
    void this.client.sendFeedback(article, { rating, ...(searchId ? { searchId } : {}) }).catch((error: unknown) => {
      console.warn('[genesys-chat] knowledge feedback failed', error);
      if (this.article === article) this.rated = null; // let the visitor try again
      this.update();
    });
  }

  // --- View ---

  render(_ctx: UiContext, s: MessengerStrings): TemplateResult {
    return html`<div part="knowledge" class="kb">
      ${this.article || this.loadingArticle ? this.renderArticle(s) : html`${this.renderSearch(s)}${this.renderResults(s)}`}
    </div>`;
  }

  private renderSearch(s: MessengerStrings): TemplateResult {
    const open = this.suggestions.length > 0;
    const activeId = this.active >= 0 ? `kb-suggestion-${this.active}` : '';
    return html`<form part="knowledge-search" class="kb-search" role="search" @submit=${this.onSubmit}>
      <label class="visually-hidden" for="kb-search">${s.knowledgeSearchLabel}</label>
      <div class="kb-search__row">
        <input id="kb-search" part="knowledge-input" class="kb-search__input" type="search" autocomplete="off"
          role="combobox" aria-autocomplete="list" aria-expanded=${String(open)} aria-controls="kb-suggestions"
          aria-activedescendant=${activeId || nothing} placeholder=${s.knowledgeSearchPlaceholder} maxlength="200"
          .value=${this.query} @input=${this.onInput} @keydown=${this.onKeyDown} />
        <button type="submit" part="knowledge-search-button" class="primary-button kb-search__button">${s.knowledgeSearchButton}</button>
      </div>
      <ul id="kb-suggestions" part="knowledge-suggestions" class="kb-suggestions" role="listbox"
        aria-label=${s.knowledgeSuggestions} ?hidden=${!open}>
        ${this.suggestions.map((text, index) => html`<li id="kb-suggestion-${index}" role="option"
          class="kb-suggestion ${index === this.active ? 'kb-suggestion--active' : ''}" aria-selected=${String(index === this.active)}
          @mousedown=${(event: Event) => event.preventDefault()} @click=${() => this.pick(text)}>${text}</li>`)}
      </ul>
    </form>`;
  }

  private renderResults(s: MessengerStrings): TemplateResult | typeof nothing {
    if (this.searching) return html`<p class="kb-note" role="status">${s.knowledgeSearching}</p>`;
    if (this.failed) return html`<p class="kb-note kb-note--error" role="alert">${s.knowledgeError}</p>`;
    const result = this.result;
    if (!result) return nothing;
    const query = result.query;
    if (!result.articles.length) {
      return html`<p class="kb-note" role="status">${s.knowledgeNoResults.replace('{query}', () => query)}</p>`;
    }
    return html`<section class="kb-results" aria-labelledby="kb-results-title">
      <h3 id="kb-results-title" class="kb-results__title" dir="auto">${s.knowledgeResults.replace('{query}', () => query)}</h3>
      <p class="visually-hidden" role="status">${s.knowledgeResults.replace('{query}', () => query)}: ${result.articles.length}</p>
      <ul part="knowledge-results" class="kb-results__list">
        ${result.articles.map((article) => html`<li><button type="button" part="knowledge-result" class="kb-result"
          data-article-id=${article.id} @click=${() => void this.openArticle(article.id, article.id)}>
          <span class="kb-result__title" dir="auto">${article.title}</span>
          ${article.answer ? html`<span class="kb-result__answer" dir="auto">${article.answer}</span>` : nothing}
        </button></li>`)}
      </ul>
    </section>`;
  }

  private renderArticle(s: MessengerStrings): TemplateResult {
    const article = this.article;
    return html`<article part="knowledge-article" class="kb-article" aria-labelledby="kb-article-title" @keydown=${this.onArticleKeyDown}>
      <button type="button" part="knowledge-back" class="secondary-button kb-article__back" @click=${this.closeArticle}>${s.knowledgeBack}</button>
      ${article ? html`
        <h3 id="kb-article-title" class="kb-article__title" tabindex="-1" dir="auto">${article.title}</h3>
        <div class="kb-article__body">${renderBlocks(article.blocks, (id) => void this.openArticle(id, this.openedFrom))}</div>
        <div part="knowledge-feedback" class="kb-feedback" role="group" aria-labelledby="kb-feedback-question">
          <p id="kb-feedback-question" class="kb-feedback__question">${s.knowledgeHelpful}</p>
          ${this.rated ? html`<p class="kb-feedback__thanks" role="status">${s.knowledgeThanks}</p>` : html`
            <button type="button" part="knowledge-rate-yes" class="secondary-button" @click=${() => this.rate('Positive')}>${s.knowledgeYes}</button>
            <button type="button" part="knowledge-rate-no" class="secondary-button" @click=${() => this.rate('Negative')}>${s.knowledgeNo}</button>`}
        </div>`
        : html`<p class="kb-note" role="status">${s.knowledgeArticleLoading}</p>`}
    </article>`;
  }
}

const styles = css`
  .kb { display: flex; flex-direction: column; gap: 12px; min-width: 0; }
  .kb-search { position: relative; }
  .kb-search__row { display: flex; gap: 8px; }
  .kb-search__input {
    flex: 1; min-width: 0; min-height: 44px; font: inherit; font-size: max(16px, 1em); color: var(--_text);
    background: var(--_bg); border: 1px solid var(--_muted); border-radius: 8px; padding: 8px 10px;
  }
  .kb-search__button { min-height: 44px; }
  .kb-suggestions {
    list-style: none; margin: 4px 0 0; padding: 4px 0; position: absolute; left: 0; right: 0; z-index: 3;
    background: var(--_bg); color: var(--_text); border: 1px solid var(--_border); border-radius: 8px;
    box-shadow: 0 6px 18px rgb(0 0 0 / 0.18);
  }
  .kb-suggestions[hidden] { display: none; }
  .kb-suggestion { padding: 10px 12px; cursor: pointer; min-height: 24px; }
  .kb-suggestion:hover, .kb-suggestion--active { background: var(--_surface); outline: 2px solid var(--_focus); outline-offset: -2px; }
  .kb-note { margin: 0; color: var(--_muted); }
  .kb-note--error { color: var(--_error); }
  .kb-results__title { margin: 0 0 8px; font-size: 0.95em; }
  .kb-results__list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
  .kb-result {
    width: 100%; text-align: start; font: inherit; color: var(--_text); background: var(--_bg); cursor: pointer;
    border: 1px solid var(--_border); border-radius: 8px; padding: 10px 12px; display: flex; flex-direction: column; gap: 4px;
    min-height: 44px;
  }
  .kb-result:hover { border-color: var(--_accent); }
  .kb-result__title { font-weight: 600; }
  .kb-result__answer {
    color: var(--_muted); font-size: 0.9em; display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden;
  }
  .kb-article { display: flex; flex-direction: column; gap: 8px; min-width: 0; }
  .kb-article__back { align-self: flex-start; }
  .kb-article__title { margin: 4px 0 0; font-size: 1.1em; }
  .kb-article__title:focus { outline: none; }
  .kb-article__title:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
  .kb-article__body { overflow-wrap: anywhere; line-height: 1.5; }
  .kb-article__body a { color: var(--_accent); }
  .kb-article__body p { margin: 0 0 8px; }
  .kb-article__image { max-width: 100%; height: auto; }
  .kb-article__table { overflow-x: auto; }
  .kb-article__table td { border: 1px solid var(--_border); padding: 4px 6px; vertical-align: top; }
  .kb-feedback { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; border-top: 1px solid var(--_border); padding-top: 8px; }
  .kb-feedback__question, .kb-feedback__thanks { margin: 0; flex-basis: 100%; }
`;

export const knowledgeStyles: CSSStyleSheet | undefined = styles.styleSheet;

export function createKnowledgePanel(host: KnowledgePanelHost, options: KnowledgePanelOptions): KnowledgePanelView {
  return new KnowledgePanel(host, options);
}

export const knowledgeModule: KnowledgeModule = { createKnowledgePanel, knowledgeStyles };
