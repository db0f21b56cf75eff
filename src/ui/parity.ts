/**
 * Messenger parity in one place, so the element only wires it in: the deployment's settings (messenger-settings.ts),
 * the strings of these features with the deployment's labels, the home screen, the knowledge search (a lazily loaded
 * chunk), "Clear conversation" and the `Send` disconnect line, the humanized bot, and the articles read as custom
 * attributes of the conversation.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ReactiveControllerHost } from 'lit';
import { knowledgeAttributes, type ViewedArticle } from '../knowledge/attributes.js';
import type { MessengerSettings } from '../connection/deployment-config.js';
import { ClearAction, renderDisconnectedLine } from './clear.js';
import type { UiContext } from './context.js';
import { renderHome } from './home.js';
import type { KnowledgeModule, KnowledgePanelView } from './knowledge/types.js';
import { MessengerSettingsController, type MessengerSettingsSource } from './messenger-settings.js';
import {
  loadMessengerStrings, messengerStrings, messengerStringsLoaded, type MessengerStrings,
} from './messenger-strings.js';

const SEARCH_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z"/></svg>`;

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment; shadowRoot: ShadowRoot | null };

export interface ParityOptions {
  source(): MessengerSettingsSource;
  /** The deployment asks for a corner; the element applies it unless the page chose one. */
  applyAlignment(side: 'left' | 'right'): void;
  /** Overrides from the page's `strings` property (they win over the deployment's labels). */
  pageStrings(): Record<string, unknown>;
  /** The visitor chose to chat from the home screen or the knowledge view. */
  onStartChat(): void;
}

export class MessengerParity {
  readonly settings: MessengerSettingsController;
  readonly clear: ClearAction;
  private knowledge: KnowledgePanelView | null = null;
  private knowledgeLoading: Promise<void> | null = null;
  private knowledgeFor = '';
  /** The visitor left the home screen for the conversation (in this page view). */
  private homeLeft = false;
  /** The knowledge view is open over the conversation (from the header's search button). */
  private searching = false;
  private viewed: ViewedArticle[] = [];
  /** The articles read that the conversation carries (updated when the visitor goes to the conversation). */
  private appliedViewed: ViewedArticle[] = [];
  private cachedStrings: { key: string; strings: MessengerStrings } | null = null;

  constructor(private readonly host: Host, private readonly options: ParityOptions) {
    this.settings = new MessengerSettingsController(host, options.source, options.applyAlignment);
    this.clear = new ClearAction(host);
  }

  get current(): MessengerSettings | null {
    return this.settings.settings;
  }

  /** Bumps when anything that changes the strings changes. */
  get version(): number {
    return this.settings.version;
  }

  /** The deployment's wording (Messenger keys mapped to ours), for the main string table. */
  labels(language: string): Record<string, string> {
    return this.settings.labels(language);
  }

  strings(ctx: UiContext, pageVersion: number): MessengerStrings {
    const loaded = messengerStringsLoaded(ctx.locale);
    if (!loaded) void loadMessengerStrings(ctx.locale).then((changed) => changed && this.host.requestUpdate());
    const key = `${ctx.locale}|${this.version}|${pageVersion}|${loaded}`;
    if (this.cachedStrings?.key !== key) {
      const strings = messengerStrings(ctx.locale, { ...this.labels(ctx.locale), ...this.options.pageStrings() });
      this.cachedStrings = { key, strings };
    }
    return this.cachedStrings.strings;
  }

  /** The bot's name and picture from `humanize` (URL checked again where it is rendered). */
  get bot(): { name: string | null; avatarUrl: string | null } | null {
    return this.current?.bot ?? null;
  }

  // --- Custom attributes: the articles read ---

  /** `knowledgeArticlesViewed` / `knowledgeArticleIds` for the conversation (empty until an article was read). */
  customAttributes(): Record<string, string> {
    return this.appliedViewed.length ? knowledgeAttributes(this.appliedViewed) : {};
  }

  private applyViewed(): void {
    if (this.viewed.length !== this.appliedViewed.length) this.appliedViewed = [...this.viewed];
  }

  // --- Knowledge chunk ---

  private get knowledgeEnabled(): boolean {
    const settings = this.current;
    return Boolean(settings?.knowledge.enabled && settings.apiEndpoint);
  }

  /** Loads the knowledge chunk once the deployment turns knowledge on (nothing is downloaded otherwise). */
  private ensureKnowledge(): KnowledgePanelView | null {
    const settings = this.current;
    const deploymentId = this.options.source().deploymentId;
    if (!this.knowledgeEnabled || !settings?.apiEndpoint || !deploymentId) return null;
    const key = `${settings.apiEndpoint}|${deploymentId}`;
    if (this.knowledgeFor !== key) {
      this.knowledgeFor = key;
      this.knowledge = null;
      const apiBase = settings.apiEndpoint;
      this.knowledgeLoading = import('./knowledge/panel.js').then((module: { knowledgeModule: KnowledgeModule }) => {
        if (this.knowledgeFor !== key) return;
        this.adoptStyles(module.knowledgeModule.knowledgeStyles);
        this.knowledge = module.knowledgeModule.createKnowledgePanel(this.host, {
          apiBase, deploymentId,
          onViewed: (article) => {
            this.viewed = [...this.viewed, article];
          },
        });
        this.host.requestUpdate();
        // The panel may have opened before the chunk came: focus went to the home screen's button; the search is the
        // first thing now, so it takes focus (only from that button: never from wherever the visitor went since).
        void this.host.updateComplete.then(() => {
          const active = this.host.shadowRoot?.activeElement;
          if (active?.matches('[part~="home-start-button"]')) this.focusTarget()?.focus();
        });
      }).catch((error: unknown) => {
        console.warn('[genesys-chat] the knowledge search could not be loaded', error);
      });
    }
    return this.knowledge;
  }

  private adoptStyles(sheet: CSSStyleSheet | undefined): void {
    const root = this.host.shadowRoot;
    if (!sheet || !root || root.adoptedStyleSheets.includes(sheet)) return;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /** Resolves once the knowledge chunk has loaded (tests, screenshots). */
  get knowledgeReady(): Promise<void> {
    return this.knowledgeLoading ?? Promise.resolve();
  }

  // --- Views ---

  private showsHome(ctx: UiContext): boolean {
    const settings = this.current;
    if (!settings?.homeScreen.enabled || this.homeLeft || ctx.view.readOnly) return false;
    // A bot's greeting does not end the home screen; the guest's own first message (also one sent by the page) does.
    return !ctx.view.messages.some((message) => message.role === 'guest');
  }

  /** What takes the place of the transcript and composer (home screen or knowledge search), or nothing. */
  renderView(ctx: UiContext, pageVersion: number): TemplateResult | typeof nothing {
    const s = this.strings(ctx, pageVersion);
    const knowledge = this.ensureKnowledge();
    if (this.showsHome(ctx)) {
      return renderHome(s, {
        logoUrl: this.current?.homeScreen.logoUrl ?? null,
        knowledge: knowledge ? knowledge.render(ctx, s) : null,
        hasConversation: ctx.view.messages.length > 0,
        onStartChat: this.startChat,
      });
    }
    if (this.searching && knowledge) {
      return html`<div part="knowledge-view" class="parity-view">
        ${knowledge.render(ctx, s)}
        <div class="home__chat">
          <button type="button" part="knowledge-chat-button" class="primary-button home__start" @click=${this.startChat}>
            ${ctx.view.messages.length ? s.knowledgeBackToChat : s.homeStartChat}</button>
        </div>
      </div>`;
    }
    return nothing;
  }

  /** Header buttons: knowledge search (when on and not on the home screen) and "Clear conversation". */
  renderHeaderActions(ctx: UiContext, pageVersion: number): TemplateResult {
    const s = this.strings(ctx, pageVersion);
    const search = this.knowledgeEnabled && !this.showsHome(ctx)
      ? html`<button type="button" part="knowledge-button" class="icon-button" aria-label=${s.knowledgeOpen} title=${s.knowledgeOpen}
          aria-pressed=${String(this.searching)} @click=${this.toggleSearch}>${SEARCH_ICON}</button>`
      : nothing;
    return html`${search}${this.clear.renderButton(ctx, s)}`;
  }

  renderBelowHeader(ctx: UiContext, pageVersion: number): TemplateResult | typeof nothing {
    return this.clear.renderConfirm(ctx, this.strings(ctx, pageVersion));
  }

  renderAfterList(ctx: UiContext, pageVersion: number): TemplateResult | typeof nothing {
    return renderDisconnectedLine(ctx, this.strings(ctx, pageVersion));
  }

  /** Where focus goes when the panel opens on the home screen or the knowledge view (null: the composer). */
  focusTarget(): HTMLElement | null {
    const view = this.host.renderRoot.querySelector<HTMLElement>('.parity-view');
    return view?.querySelector<HTMLElement>('#kb-search, [part~="home-start-button"]') ?? null;
  }

  private readonly toggleSearch = (): void => {
    this.searching = !this.searching;
    if (!this.searching) this.applyViewed();
    this.host.requestUpdate();
    if (this.searching) this.knowledge?.focusSearch();
    else void this.focusComposer();
  };

  private readonly startChat = (): void => {
    this.homeLeft = true;
    this.searching = false;
    this.applyViewed();
    this.host.requestUpdate();
    this.options.onStartChat();
    void this.focusComposer();
  };

  private async focusComposer(): Promise<void> {
    await (this.host as unknown as { updateComplete: Promise<boolean> }).updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('[part~="input"]')?.focus();
  }
}
