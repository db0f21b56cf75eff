/**
 * What the element knows of the knowledge UI without loading it: the panel (src/ui/knowledge/panel.ts) is a chunk
 * of its own, imported only when the deployment enables `apps.knowledge`, so other pages never download it.
 */
import type { TemplateResult } from 'lit';
import type { ViewedArticle } from '../../knowledge/attributes.js';
import type { UiContext } from '../context.js';
import type { MessengerStrings } from '../messenger-strings.js';

export interface KnowledgePanelHost {
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface KnowledgePanelOptions {
  /** Platform API base (config.json `apiEndpoint`). */
  apiBase: string;
  deploymentId: string;
  /** An article was opened: it goes to the conversation's custom attributes. */
  onViewed(article: ViewedArticle): void;
}

export interface KnowledgePanelView {
  /** The search box, and below it suggestions, results or the open article. */
  render(ctx: UiContext, s: MessengerStrings): TemplateResult;
  /** An article is open (the view shows it instead of the results). */
  readonly articleOpen: boolean;
  /** Moves focus to the search box. */
  focusSearch(): void;
}

export interface KnowledgeModule {
  createKnowledgePanel(host: KnowledgePanelHost, options: KnowledgePanelOptions): KnowledgePanelView;
  /** The panel's own styles, adopted into the element's shadow root when the chunk loads. */
  knowledgeStyles: CSSStyleSheet | undefined;
}
