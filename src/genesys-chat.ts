/**
 * `<genesys-chat>`: the element. A thin view over the ChatController (which owns the connection, the transcript
 * and every piece of chat state): attributes become the controller's configuration, the controller's state is
 * rendered, and the launcher/panel and composer are handled here.
 */
import { adoptStyles, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ChatController, type ChatConnectionConfig } from './chat-controller.js';
import { canDefine } from './define.js';
import { whenIdle } from './idle.js';
import { isLocaleLoaded, loadLocale, pickLanguage, resolveStrings, translator, type GenesysChatStrings } from './i18n.js';
import type { ChatMessage, ChatStatus, CloseEventDetail, GenesysChatEventMap, OpenEventDetail } from './model.js';
import type { AuthCode, AuthState, ChatAuthProvider } from './model.js';
import { AuthFailure, validAuthCode } from './connection/auth-failure.js';
import type { QuickReply } from './protocol/web-messaging.js';
import { styles } from './styles.js';
import { Announcer } from './ui/announcer.js';
import type { ChatView } from './ui/chat-view.js';
import { ComposerController } from './ui/composer.js';
import type { UiContext } from './ui/context.js';
import { FirstRenderGate } from './ui/first-render-gate.js';
import { FullScreenPanel } from './ui/full-screen.js';
import { EndConfirm } from './ui/end-confirm.js';
import { renderHeader } from './ui/header.js';
import { renderLauncher } from './ui/launcher.js';
import { MessageList } from './ui/message-list.js';
import { RenderWindow } from './ui/render-window.js';
import { PanelMemory } from './ui/panel-memory.js';
import { ReadMarks } from './ui/read-marks.js';
import { PendingChunks } from './ui/chunks.js';
import { watchLazyRenderers } from './ui/lazy-render.js';
import { preloadMarkdown } from './markdown.js';
import { ScrollKeeper } from './ui/scroll-keeper.js';
import { rateLimitSeconds, renderAvailability, renderStatusBar } from './ui/status-bar.js';
import { ThemeController } from './ui/theme.js';
import { LazyAttention } from './connection/attention-loader.js';
import { FileDropController } from './ui/file-drop.js';
import type { PrechatField } from './ui/prechat.js';
import { LazyPrechat, prechatFieldsAttribute } from './ui/prechat-loader.js';
import { messagePlainText, transcriptFileName, transcriptText } from './ui/transcript-text.js';
import { prepareTimeFormat, senderName } from './ui/format.js';
import { MessengerParity } from './ui/parity.js';
import { loadMessengerStrings, messengerStringsLoaded } from './ui/messenger-strings.js';
import { messengerLanguage } from './connection/deployment-config.js';
import { openGuestSocket, type OpenedSocket } from './transports/web-messaging/early-socket.js';
import { hasStoredSession } from './connection/stored-session.js';

export type GenesysChatMode = 'launcher' | 'inline';
export type GenesysChatPosition = 'left' | 'right';

/** The longest a narrowed first paint of the transcript waits for an idle moment before the rest is rendered. */
const WIDEN_WAIT_MS = 200;
/** The longest the first render waits for the session (and a resumed one's history): slow networks see the shell soon. */
const FIRST_RENDER_WAIT_MS = 200;
/**
 * The longest a closed launcher with nothing to connect waits for the deployment's settings before its first render
 * (config.json comes from another host: DNS, TLS and a round trip; a launcher a moment late beats one that moves).
 */
const SETTINGS_WAIT_MS = 1000;
/** The longest the Markdown renderer waits for an idle moment after the first render (a greeting comes a round trip later). */
const MARKDOWN_WAIT_MS = 50;

const DOWNLOAD_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M11 3h2v9.2l3.3-3.3 1.4 1.4L12 16 6.3 10.3l1.4-1.4 3.3 3.3V3zM5 18h14v2H5z"/></svg>`;

/**
 * A chat with Genesys Cloud: direct Web Messaging (`region` + `deployment-id`) or through the gateway server
 * (`token-endpoint`). Shown as a launcher button that opens a panel, or inline in the page.
 *
 * @summary An embeddable chat for Genesys Cloud Web Messaging.
 *
 * @attr region - Genesys region domain (`usw2.pure.cloud`, `mypurecloud.ie`, …) or an origin URL such as
 *   `http://127.0.0.1:8787` (the emulator; plain http only for loopback hosts). Direct mode.
 * @attr deployment-id - The Messenger deployment ID (direct mode, required there).
 * @attr token-endpoint - URL of the gateway server's session endpoint; selects the gateway transport.
 * @attr skill - Routing skill, sent as the custom attribute `skill`.
 * @attr display-name - The guest's name, when the page knows it.
 * @attr lang - Language of the widget (`en`, `de`, `es`, `fr`, `it`, `ja`, `nl`, `pt-BR`; other tags fall back by
 *   primary subtag, then to English); defaults to the nearest `lang` in the page when the deployment lists it, else
 *   the deployment's default language, then English. Non-English strings load on first use (a chunk per language).
 * @attr mode - `launcher` (default: a floating button opening a panel) or `inline` (the panel in the page flow).
 * @attr open - Whether the launcher's panel is open (reflects; `open()` / `close()` change it). Kept across reloads
 *   in the same tab. A new visitor is connected only once the chat is opened (inline chats are always open).
 * @attr position - `right` (default) or `left`: the corner of the launcher and its panel.
 *
 * @slot title - Replaces the title text in the header (default: the `title` string).
 * @slot subtitle - A line under the title (e.g. "We reply in a few minutes").
 * @slot logo - A logo before the title (an `<img>`, up to 32 px high).
 * @slot avatars - Team pictures at the end of the header.
 * @slot launcher-icon - Replaces the launcher's chat icon (28 px).
 * @slot launcher-label - Visible text beside the launcher's icon (the launcher becomes a pill named by this text).
 *
 * @fires genesys-chat:status - `{ status, previous, error? }` when the connection state changes.
 * @fires genesys-chat:message - `{ message }` for each new message, and again when a guest message changes state.
 * @fires genesys-chat:typing - `{ typing, sender? }` when the agent starts or stops typing.
 * @fires genesys-chat:error - A `ChatError` (`{ code, message, fatal, retryAfterSeconds?, detail? }`).
 * @fires genesys-chat:open - `{ mode }` when the panel opens.
 * @fires genesys-chat:close - `{ mode }` when the panel closes.
 * @fires genesys-chat:auth - `{ state, error? }` when the customer's sign-in changes (authenticated messaging).
 *
 * @csspart launcher - The floating button that opens and closes the panel (launcher mode).
 * @csspart badge - The unread-message count on the launcher.
 * @csspart panel - The chat panel.
 * @csspart header - The panel's title bar.
 * @csspart title - The title in the header.
 * @csspart subtitle - The subtitle line (when the `subtitle` slot is filled).
 * @csspart avatars - The team avatars (when the `avatars` slot is filled).
 * @csspart launcher-label - The launcher's visible label (when the `launcher-label` slot is filled).
 * @csspart end-confirm - The "End this conversation?" confirmation under the header.
 * @csspart end-confirm-button - Confirms ending the conversation.
 * @csspart end-cancel-button - Keeps the conversation going.
 * @csspart close-button - The header button that closes the panel (launcher mode).
 * @csspart end-button - The header button that ends the conversation.
 * @csspart status - The connection status bar (`data-status` holds the state).
 * @csspart availability - The open/closed and wait-time line (when the server reports availability).
 * @csspart messages - The scrolling transcript.
 * @csspart message - One bubble or system line; carries `data-id`, `data-role` and `data-state`.
 * @csspart bubble - The text bubble of a message (also `bubble-guest`, `bubble-agent` or `bubble-bot`).
 * @csspart bubble-guest - The guest's own bubbles.
 * @csspart bubble-agent - An agent's bubbles.
 * @csspart bubble-bot - The bot's bubbles.
 * @csspart avatar - The picture or initials beside an agent's or bot's message (also `avatar-agent` / `avatar-bot`).
 * @csspart avatar-agent - An agent's avatar.
 * @csspart avatar-bot - The bot's avatar.
 * @csspart delivery - "Sending…", "Sent" (under the guest's last message only) or "Not sent" with a retry button.
 * @csspart system-line - A system line (someone joined or left; also has the `message` part).
 * @csspart day-separator - The date line between days.
 * @csspart typing - The "is typing" indicator.
 * @csspart show-earlier - The button above the transcript that renders older messages (long conversations).
 * @csspart new-messages - The button shown when new messages arrived while the reader was scrolled up.
 * @csspart retry-button - Resends a message that failed.
 * @csspart quick-replies - The group of suggested replies under a bot message.
 * @csspart quick-reply - One suggested reply.
 * @csspart card - A card (title, description, image, actions).
 * @csspart carousel - A horizontally scrolling row of cards.
 * @csspart attachment - An image preview or a file download link.
 * @csspart composer - The message form.
 * @csspart input - The message text field.
 * @csspart send-button - The send button.
 * @csspart attach-button - The attach-a-file button (when the deployment allows attachments).
 * @csspart char-count - The character count and limit.
 * @csspart composer-error - Why the message in the composer could not be sent.
 * @csspart new-conversation-button - Starts a new conversation once the current one is read-only.
 * @csspart download-button - The header button that saves the transcript as a text file.
 * @csspart drop-zone - The overlay shown while files are dragged over the panel.
 * @csspart prechat - The pre-chat form (when `prechat-fields` is set), shown until it is sent.
 * @csspart prechat-submit - The pre-chat form's submit button.
 * @csspart clear-button - The header button that clears the conversation (deployments with `conversationClear`).
 * @csspart clear-confirm - The "Clear this conversation?" confirmation under the header.
 * @csspart clear-confirm-button - Confirms clearing.
 * @csspart clear-cancel-button - Keeps the conversation.
 * @csspart clear-error - Says that clearing failed.
 * @csspart disconnected - "The conversation was closed. Write a message to start a new one." (`conversationDisconnect: Send`).
 * @csspart home - The home screen (deployments with `homeScreen`), before the conversation.
 * @csspart home-logo - The deployment's logo on the home screen.
 * @csspart home-title - The home screen's greeting.
 * @csspart home-subtitle - The line under the greeting.
 * @csspart home-start-button - Leaves the home screen (or the knowledge view) for the conversation.
 * @csspart knowledge-button - The header button that opens the knowledge search during a conversation.
 * @csspart knowledge-view - The knowledge search shown over the conversation.
 * @csspart knowledge-chat-button - Returns from the knowledge search to the conversation.
 * @csspart knowledge - The knowledge search, results and article (a chunk loaded only for knowledge deployments).
 * @csspart knowledge-search - The search form.
 * @csspart knowledge-input - The search field (a combobox with suggestions).
 * @csspart knowledge-search-button - The search button.
 * @csspart knowledge-suggestions - The list of suggestions while typing.
 * @csspart knowledge-results - The list of matching articles.
 * @csspart knowledge-result - One matching article (a button that opens it).
 * @csspart knowledge-article - An opened article.
 * @csspart knowledge-back - Returns from the article to the results.
 * @csspart knowledge-feedback - "Was this article helpful?" with its answers.
 * @csspart knowledge-rate-yes - Rates the article helpful.
 * @csspart knowledge-rate-no - Rates the article not helpful.
 *
 * @cssprop [--genesys-chat-primary-color=#1f5fbf] - Brand color: header, launcher, guest bubbles, buttons (default:
 *   the deployment's `messenger.styles.primaryColor`, else blue). Text on it, and the quick-reply and card-button
 *   color derived from it, are chosen to stay readable (WCAG AA), whatever the brand color.
 * @cssprop [--genesys-chat-primary-text-color=#ffffff] - Text on the brand color (kept when it reaches 4.5:1 there,
 *   else black or white).
 * @cssprop [--genesys-chat-background=#ffffff] - Panel background.
 * @cssprop [--genesys-chat-surface-color=#f3f4f6] - Secondary surfaces (availability line, upload chips).
 * @cssprop [--genesys-chat-text-color=#1c1d21] - Main text color.
 * @cssprop [--genesys-chat-muted-color=#5c6270] - Secondary text (times, status).
 * @cssprop [--genesys-chat-border-color=#d7dae0] - Borders and separators.
 * @cssprop [--genesys-chat-guest-bubble-background] - Guest bubbles (default: the primary color).
 * @cssprop [--genesys-chat-guest-bubble-color] - Text in guest bubbles (default: the primary text color).
 * @cssprop [--genesys-chat-agent-bubble-background=#eceef2] - Agent bubbles.
 * @cssprop [--genesys-chat-agent-bubble-color] - Text in agent bubbles.
 * @cssprop [--genesys-chat-bot-bubble-background=#e7f0fb] - Bot bubbles.
 * @cssprop [--genesys-chat-bot-bubble-color] - Text in bot bubbles.
 * @cssprop [--genesys-chat-agent-avatar-background=#5b3fa8] - An agent's initials avatar.
 * @cssprop [--genesys-chat-agent-avatar-color=#ffffff] - The initials on an agent's avatar.
 * @cssprop [--genesys-chat-bot-avatar-background] - The bot's avatar (default: the bot bubble background).
 * @cssprop [--genesys-chat-bot-avatar-color] - The bot's icon (default: the primary color).
 * @cssprop [--genesys-chat-error-color=#b3261e] - Errors and the unread badge.
 * @cssprop [--genesys-chat-success-color=#1e7d32] - The "connected" dot.
 * @cssprop [--genesys-chat-focus-ring-color] - Keyboard focus outline (default: the primary color).
 * @cssprop [--genesys-chat-radius=12px] - Corner radius of the panel, bubbles and cards.
 * @cssprop [--genesys-chat-font-family=system-ui] - Font.
 * @cssprop [--genesys-chat-font-size=15px] - Base font size.
 * @cssprop [--genesys-chat-z-index=2147483000] - Stacking order of the launcher and its panel.
 * @cssprop [--genesys-chat-launcher-size=56px] - Diameter of the launcher button.
 * @cssprop [--genesys-chat-offset=20px] - Distance of the launcher and panel from the viewport corner.
 * @cssprop [--genesys-chat-width=380px] - Panel width (launcher mode; capped by the viewport).
 * @cssprop [--genesys-chat-height=600px] - Panel height.
 */
export class GenesysChat extends LitElement {
  static override styles = styles;

  /** Genesys region domain or an origin URL (direct mode). */
  @property() region?: string;

  /** The Messenger deployment ID (direct mode). */
  @property({ attribute: 'deployment-id' }) deploymentId?: string;

  /** The gateway server's session endpoint; selects the gateway transport. */
  @property({ attribute: 'token-endpoint' }) tokenEndpoint?: string;

  /** Routing skill, sent as the custom attribute `skill`. */
  @property() skill?: string;

  /** The guest's display name. */
  @property({ attribute: 'display-name' }) displayName?: string;

  /** Language of the widget; empty means the document's language, then English. */
  @property() override lang = '';

  /** `launcher` (a floating button opening a panel) or `inline`. */
  @property({ reflect: true }) mode: GenesysChatMode = 'launcher';

  /** Whether the panel is open (attribute `open`). Use `open()` / `close()` or set this property. */
  @property({ type: Boolean, reflect: true, attribute: 'open' }) isOpen = false;

  /** The corner of the launcher and its panel: `right` (default) or `left`. */
  @property({ reflect: true }) position: GenesysChatPosition = 'right';

  /** More custom attributes for the conversation (Architect flows read them); `skill` is added from `skill`. */
  @property({ attribute: false }) customAttributes: Record<string, string> = {};

  /** Overrides for any user-visible string (keys of the built-in English table). */
  @property({ attribute: false }) strings: Partial<GenesysChatStrings> = {};

  /** The chat state and actions. */
  protected readonly controller: ChatView = this.createController();

  /** Features loading on first use; `updateComplete` waits for them. */
  private readonly chunks = new PendingChunks();

  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    // The first update only connected; the first render follows (language chunk, then `online` or a short wait).
    if (!this.hasUpdated && this.started) {
      await this.firstRenderGate.rendered;
      complete = await super.getUpdateComplete();
    }
    while (this.chunks.busy) {
      await this.chunks.settled();
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  private readonly composer = new ComposerController(this, () => this.uiContext());
  private readonly endConfirm = new EndConfirm(this, {
    view: () => this.controller, root: () => this.renderRoot, afterEnd: () => this.focusPanel(),
  });
  private readonly announcer = new Announcer(this, () => this.uiContext());
  private readonly scrollKeeper = new ScrollKeeper(
    this,
    () => this.renderRoot?.querySelector<HTMLElement>('[part~="messages"]') ?? null,
    () => this.renderRoot?.querySelector<HTMLElement>('.messages__content') ?? null,
    () => this.controller.messages,
  );
  private readonly fullScreen = new FullScreenPanel(
    this, () => this.isOpen && this.mode !== 'inline', () => this.renderRoot?.querySelector<HTMLElement>('#panel') ?? null);
  private readonly memory = new PanelMemory(() => this.deploymentId || this.tokenEndpoint || '');
  private readonly reads = new ReadMarks(() => this.controller.messages, this.memory);
  private readonly answered = new Set<string>();
  /** The visitor has opened the chat (or the page sent a message) in this page view: connect even when closed. */
  private engaged = false;
  /** The open state and read mark stored for this chat were applied. */
  private restored = false;
  private appliedConfigKey = '';
  private stringsVersion = 0;
  private cachedContext: { key: string; context: UiContext } | null = null;
  private tick: ReturnType<typeof setTimeout> | null = null;
  /** Which messages are rendered (a window that slides with the live edge), and the transcript that renders them. */
  private readonly renderWindow = new RenderWindow();
  private readonly messageList = new MessageList();

  // --- Readable colours: derived from the page's --genesys-chat-* colours and the deployment's brand colour ---
  private readonly theme = new ThemeController(this, () => this.brandColor, (loading) => this.chunks.track(loading));

  /**
   * Reads the page's `--genesys-chat-*` colours again and re-derives readable text colours. Call it after changing
   * those properties at runtime (the widget reads them on connect, on open and when the colour scheme changes).
   */
  refreshTheme(): void {
    this.theme.refresh();
  }

  private updateTheme(changed: PropertyValues<this>): void {
    // Not again in the update whose hostUpdate read the colours already (the first render, with config.json in).
    if (this.theme.brandChanged || (changed.has('isOpen') && this.isOpen)) this.theme.refresh();
  }

  // --- Languages: non-English strings are a chunk each; an update waits for its language, so no English flashes ---
  protected override async scheduleUpdate(): Promise<void> {
    // The first update starts the connection (see shouldUpdate): it must not wait for a language chunk.
    if (!this.started) {
      super.scheduleUpdate();
      return;
    }
    const lang = this.language;
    if (!isLocaleLoaded(lang)) {
      await loadLocale(lang);
      this.stringsVersion += 1; // the cached strings for this language were English until now
    }
    if (!messengerStringsLoaded(lang)) await loadMessengerStrings(lang); // the Messenger features' strings (parity.ts)
    super.scheduleUpdate();
  }

  // --- Attention while the page is hidden: unread count in the title; opt-in chime and system notifications ---
  /** Show `(n) Title` in the page title while the tab is hidden and messages arrive (attribute `title-count`). */
  @property({ attribute: 'title-count', converter: { fromAttribute: (value: string | null) => value !== 'off' && value !== 'false' } })
  titleCount = true;

  /** Play a short chime for each new message while the tab is hidden (off by default). */
  @property({ type: Boolean, attribute: 'notification-sound' }) notificationSound = false;

  /**
   * Show a system notification for each new message while the tab is hidden (off by default). Permission is asked
   * on the visitor's first click or key press in the chat.
   */
  @property({ type: Boolean, attribute: 'desktop-notifications' }) desktopNotifications = false;

  private readonly attention = new LazyAttention(this, {
    settings: () => ({ titleCount: this.titleCount, sound: this.notificationSound, notifications: this.desktopNotifications }),
    messages: () => this.controller.messages,
    texts: () => {
      const ctx = this.uiContext();
      return {
        title: (count, original) => ctx.t('pageTitleUnread', { count, title: original }),
        notificationTitle: (name) => ctx.t('notificationTitle', { name }),
        body: (message) => messagePlainText(message, this.controller.features.markdown, ctx.t),
        sender: (message) => senderName(message, ctx.t),
      };
    },
    onNotificationClick: () => this.open(),
    track: (loading) => this.chunks.track(loading),
  });

  /** Agent and bot messages that arrived while the page was hidden (what the title shows). */
  get hiddenUnreadCount(): number {
    return this.attention.hiddenUnread;
  }

  // --- Files dropped on the panel or pasted: the composer's upload path (direct mode; gateway has no uploads) ---
  private readonly fileDrop = new FileDropController(this, {
    enabled: () => this.controller.features.attachments && !this.controller.readOnly && !this.prechat.pending,
    onFiles: (files) => this.composer.addFiles(files),
  });

  // --- Messenger parity: the deployment's settings where the page sets none (src/ui/parity.ts) ---
  /** The page set the `position` attribute before start-up: the deployment's alignment yields. */
  private pagePosition = false;
  /** The position the default or the deployment set; a different one was set by the page, which then wins. */
  private alignedPosition: GenesysChatPosition = 'right';
  private readonly parity: MessengerParity = new MessengerParity(this, {
    source: () => ({ region: this.region, deploymentId: this.deploymentId, tokenEndpoint: this.tokenEndpoint }),
    applyAlignment: (side) => {
      if (this.pagePosition || this.position !== this.alignedPosition) return;
      this.position = this.alignedPosition = side;
    },
    pageStrings: () => this.strings as Record<string, unknown>,
    onStartChat: () => this.engage(),
  });

  private get brandColor(): string | undefined {
    return this.controller.features.primaryColor ?? this.parity.current?.primaryColor ?? undefined;
  }

  /**
   * Shows the launcher button when the deployment hides it until asked (`launcherButton.visibility: OnDemand`), or
   * after `hide()`. A deployment with the launcher `Off` keeps it off: the page opens the chat with `open()`.
   */
  show(): void {
    this.parity.settings.showLauncher();
  }

  /** Hides the launcher button (an open panel stays open until closed). */
  hide(): void {
    this.parity.settings.hideLauncher();
  }

  /** Reads the deployment's configuration again (after it was changed in Genesys Admin while the page is open). */
  reloadDeploymentSettings(): Promise<void> {
    return this.parity.settings.reload();
  }

  // --- Transcript download ---
  /** The conversation as plain text (what `downloadTranscript()` saves). */
  transcriptText(): string {
    return transcriptText(this.controller.messages, this.uiContext());
  }

  /** Saves the conversation as a `.txt` file (`chat-transcript-YYYY-MM-DD.txt`). */
  downloadTranscript(): void {
    const url = URL.createObjectURL(new Blob([this.transcriptText()], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = transcriptFileName();
    link.hidden = true;
    this.renderRoot.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private renderDownloadButton(ctx: UiContext): TemplateResult | typeof nothing {
    if (!this.controller.messages.length) return nothing;
    return html`<button type="button" part="download-button" class="icon-button" aria-label=${ctx.t('downloadTranscript')}
      title=${ctx.t('downloadTranscript')} @click=${() => this.downloadTranscript()}>${DOWNLOAD_ICON}</button>`;
  }

  // --- Pre-chat form ---
  /**
   * Fields of an optional pre-chat form shown before the first message (attribute `prechat-fields`: JSON). Each is
   * `{ name, label, type?, required?, options?, maxLength?, pattern?, placeholder?, autocomplete?, displayName? }`;
   * values are sent as custom attributes (and as the display name for the field marked `displayName`).
   */
  @property({ attribute: 'prechat-fields', converter: { fromAttribute: prechatFieldsAttribute } })
  prechatFields: PrechatField[] = [];

  private readonly prechat = new LazyPrechat(this, {
    fields: () => this.prechatFields,
    storageKey: () => `genesys-chat:prechat:${this.deploymentId ?? this.tokenEndpoint ?? ''}`,
    ctx: () => this.uiContext(),
    root: () => this.renderRoot,
    submitted: () => this.composer.focus(),
  }, (loading) => this.chunks.track(loading));

  /** Creates the controller; a test subclass may return a fake with the same shape. */
  protected createController(): ChatView {
    return new ChatController(this, () => this.connectionConfig(), {
      transportDeps: { takeEarlySocket: () => this.takeEarlySocket() },
      engaged: () => this.wantsChat,
      wakeOnAttach: () => this.started, // the first attach connects in the first update (shouldUpdate)
      onSignOut: () => this.auth?.onSignOut?.(),
    });
  }

  /** Whether the visitor wants the chat now: opened in this page view, or inline (always open). */
  private get wantsChat(): boolean {
    return this.engaged || this.isOpen || this.mode === 'inline';
  }

  /** The connection state (`idle`, `connecting`, `online`, `reconnecting`, `offline`, `ended`, `failed`). */
  get status(): ChatStatus {
    return this.controller.status;
  }

  /** Opens the panel (launcher mode) and moves focus into it. */
  open(): void {
    this.isOpen = true;
    this.parity.settings.showLauncher(); // Messenger: opening shows an on-demand launcher
  }

  /** Closes the panel (launcher mode) and returns focus to the launcher. */
  close(): void {
    this.isOpen = false;
  }

  /**
   * Sends a message as the guest. Returns the pending message (its `id` identifies it in later events).
   * Throws a `ChatError` with code `message-too-long` when over the limit (nothing is sent).
   */
  send(text: string): ChatMessage {
    this.engage();
    return this.controller.send(text);
  }

  /** Ends the conversation from the guest's side; the transcript becomes read-only. */
  endConversation(): Promise<void> {
    return this.controller.endConversation();
  }

  /** Leaves a read-only (ended) conversation and starts a fresh one. */
  startNewConversation(): Promise<void> {
    this.engaged = true;
    return this.controller.startNewConversation();
  }

  // --- Authenticated messaging (web-messaging.md §2.8; README "Authenticated messaging") ---
  /**
   * The page's sign-in: `getAuthCode()` resolves with what its OpenID Connect sign-in produced (code, redirect URI,
   * PKCE verifier, nonce); `onSignOut()` hears when the customer is signed out. Used by `signIn()` without arguments.
   */
  @property({ attribute: false }) auth: ChatAuthProvider | null = null;

  /** The customer's sign-in: `signed-out`, `signing-in`, `signed-in` or `failed`. */
  get authState(): AuthState {
    return this.controller.auth?.state ?? 'signed-out';
  }

  /**
   * Signs the customer in: redeems `code` (or the one `auth.getAuthCode()` gives) for Genesys' JWT and connects
   * authenticated; an anonymous conversation is upgraded when the deployment allows it. Rejects with an
   * `AuthFailure` (`authError: { code, message }`), also told by `genesys-chat:auth`.
   */
  async signIn(code?: AuthCode): Promise<void> {
    const signIn = this.controller.signIn?.bind(this.controller);
    if (!signIn) throw new AuthFailure({ code: 'unsupported', message: 'This chat has no sign-in.' });
    let given: unknown = code;
    if (given === undefined) {
      if (!this.auth) throw new AuthFailure({ code: 'no-provider', message: 'Pass the authorization code or set chat.auth.' });
      given = await this.auth.getAuthCode();
    }
    this.engaged = true;
    await this.untilStarted();
    await signIn(validAuthCode(given));
  }

  /** Signs the customer out: the sign-in is revoked and the stored session and transcript are gone. */
  async signOut(): Promise<void> {
    await this.untilStarted();
    await this.controller.signOut?.();
  }

  /**
   * Until the first update (a microtask after the attach) the page's properties may not all be in, nor the connection
   * started with them: a sign-in or sign-out waits for it, so it acts on that connection, not on one made without them.
   */
  private async untilStarted(): Promise<void> {
    if (!this.started && this.isConnected) await super.getUpdateComplete();
  }

  /** What the controller connects with; `null` until the page has configured a transport. */
  private connectionConfig(): ChatConnectionConfig | null {
    if (!this.region && !this.deploymentId && !this.tokenEndpoint) return null;
    if (this.prechat.pending) return null; // the conversation starts with the form's answers
    const config: ChatConnectionConfig = { lang: this.language };
    if (this.region) config.region = this.region;
    if (this.deploymentId) config.deploymentId = this.deploymentId;
    if (this.tokenEndpoint) config.tokenEndpoint = this.tokenEndpoint;
    if (this.skill) config.skill = this.skill;
    if (this.displayName) config.displayName = this.displayName;
    if (Object.keys(this.customAttributes ?? {}).length) config.customAttributes = { ...this.customAttributes };
    const read = this.parity.customAttributes();
    if (Object.keys(read).length) config.customAttributes = { ...read, ...config.customAttributes };
    const prechat = this.prechat.connection();
    if (prechat) {
      config.customAttributes = { ...config.customAttributes, ...prechat.customAttributes };
      if (prechat.displayName) config.displayName = prechat.displayName;
    }
    return config;
  }

  /** Changes to these reconnect; the language alone does not. */
  private configKey(): string {
    return JSON.stringify([this.region, this.deploymentId, this.tokenEndpoint, this.skill, this.displayName,
      this.customAttributes, this.prechat.pending, this.prechat.answers, this.parity.customAttributes()]);
  }

  private get language(): string {
    const inherited = this.parentElement?.closest('[lang]')?.getAttribute('lang');
    const page = inherited ?? document.documentElement.lang;
    const settings = this.parity.current;
    // The element's own `lang` wins; the page's language goes through the deployment's `languages` / `defaultLanguage`.
    if (!this.lang && settings?.languages.length) return messengerLanguage(settings, page);
    const { languages, defaultLanguage } = this.controller.features;
    return pickLanguage(this.lang, page, { languages, defaultLanguage });
  }

  private uiContext(): UiContext {
    const locale = this.language;
    const key = `${locale}|${this.stringsVersion}|${this.parity.version}`;
    if (this.cachedContext?.key !== key) {
      // The deployment's customI18nLabels under the page's own strings (the page wins).
      const strings = resolveStrings(locale, { ...this.parity.labels(locale), ...this.strings } as Partial<GenesysChatStrings>);
      this.cachedContext = { key, context: { view: this.controller, strings, t: translator(strings), locale, bot: this.parity.bot } };
    }
    return this.cachedContext.context;
  }

  /**
   * The shadow root without its styles: they are adopted just before the first render (willUpdate). Parsing them on
   * attach would sit in front of the socket, and the first render waits for `online` anyway.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    return this.shadowRoot ?? this.attachShadow(GenesysChat.shadowRootOptions);
  }

  override connectedCallback(): void {
    if (!this.started) this.earlySocket ??= this.openEarlySocket();
    if (!this.hasUpdated && this.hasAttribute('position')) this.pagePosition = true;
    // Re-attached: the conversation resumes at once. The first attach connects in the first update (shouldUpdate),
    // a microtask from now, once the page's properties are all in place.
    if (this.started) this.startConnection();
    super.connectedCallback(); // re-attached: the controller's hostConnected (a quiet resume, or nothing when connecting)
    // Rich content and Markdown load on first use: wait for them in updateComplete, render again when they came.
    this.unwatchRenderers = watchLazyRenderers({
      loading: (chunk) => this.chunks.track(chunk),
      loaded: () => this.requestUpdate(),
    });
  }

  private unwatchRenderers: (() => void) | null = null;

  /** The guest socket the first attach opened (openEarlySocket), until the first update's transport takes it. */
  private earlySocket: OpenedSocket | null = null;

  /**
   * A direct chat that connects in its first update (inline or open, nothing to ask first; or a closed launcher whose
   * visitor holds a session, resumed quietly) opens its socket now, a microtask and the element's start before that
   * update: the handshake overlaps them (docs/bench.md, twelfth pass). What the page set before the element was
   * defined is put back in that update; a socket for another URL is then closed unused.
   */
  private openEarlySocket(): OpenedSocket | null {
    const { region, deploymentId } = this;
    if (!region || !deploymentId || this.tokenEndpoint || this.prechatFields.length > 0) return null;
    if (!this.wantsChat && !hasStoredSession({ region, deploymentId })) return null;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return null;
    return openGuestSocket(region, deploymentId);
  }

  private takeEarlySocket(): OpenedSocket | null {
    const early = this.earlySocket;
    this.earlySocket = null;
    return early;
  }

  /** From now on the chat connects (for a new visitor, this starts the conversation and the bot's greeting). */
  private engage(): void {
    if (this.engaged) return;
    this.engaged = true;
    if (this.controller.status === 'idle') this.controller.connect(); // a quiet resume already connecting goes on
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.takeEarlySocket()?.socket.close(); // left before its first update
    this.unwatchRenderers?.();
    this.unwatchRenderers = null;
    if (this.tick) clearTimeout(this.tick);
    this.tick = null;
  }

  /** When this update began: focus was in the open panel; the home screen or knowledge view was shown (see updated). */
  private focusWasInside = false;
  private homeWasShown = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.focusWasInside = this.isOpen && Boolean(this.shadowRoot?.activeElement);
    this.homeWasShown = this.focusWasInside && this.parity.focusTarget() !== null;
    // The element's styles (createRenderRoot left them out). This sets the root's sheets: the theme's own sheet is
    // added after it, by the theme controller's hostUpdate of this same update.
    if (!this.hasUpdated) adoptStyles(this.renderRoot as ShadowRoot, (this.constructor as typeof GenesysChat).elementStyles);
    if (changed.has('strings')) this.stringsVersion += 1;
    this.restore();
    // Opening or closing reads what is there; the first render of a closed panel does not (unread stays unread).
    if (changed.has('isOpen') && (this.isOpen || changed.get('isOpen') === true)) this.reads.markRead(this.restored);
    // Before rendering, so the controller's state change lands in this same update.
    this.applyConfig();
    this.endConfirm.settle();
    // Before the first message needs it; the first render leaves it to an idle moment (firstUpdated).
    if (this.hasUpdated && this.controller.features.markdown) void preloadMarkdown();
  }

  private applyConfig(): void {
    const key = this.configKey();
    if (key !== this.appliedConfigKey) {
      this.appliedConfigKey = key;
      this.controller.reconfigure(); // connects (or resumes quietly) when idle, reconnects with the new config otherwise
    }
    if (this.wantsChat && this.isConnected) this.engage(); // a detached element (an update may still run) waits for its attach
  }

  /** The first update ran (and started the connection). */
  private started = false;
  /** The first render waits for `online` (firstRenderMayStart), at most FIRST_RENDER_WAIT_MS. */
  private readonly firstRenderGate = new FirstRenderGate(() => this.firstRenderMayStart());

  /** Connects when the chat is wanted (a launcher that was open before the reload too). */
  private startConnection(): void {
    this.appliedConfigKey = this.configKey();
    if (!this.isConnected) return; // removed before its first update: attaching it again starts it
    if (this.mode !== 'inline') this.restore();
    if (this.controller.status !== 'idle') {
      this.controller.reconfigure(); // started before this update (send()): now with every property the page set
    } else if (this.wantsChat) {
      this.engaged = true;
      this.controller.connect(); // also when re-attached: the conversation resumes
    } else {
      this.controller.wake(); // a session this browser holds resumes quietly
    }
  }

  /**
   * The first update connects: Lit has put back every property the page set, even before the element was defined
   * (a one-script page, a framework), so the session starts with them and is not reconnected a moment later. The
   * socket is opened before the first render, which waits for `online` (see firstRenderMayStart).
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    const changes = changed as Map<PropertyKey, unknown>;
    if (!this.started) {
      this.started = true;
      this.startConnection();
      this.takeEarlySocket()?.socket.close(); // the first update did not connect after all (a property said otherwise)
      this.firstRenderGate.start(() => this.requestUpdate(), this.waitsForSettingsOnly() ? SETTINGS_WAIT_MS : FIRST_RENDER_WAIT_MS);
      const lang = this.language;
      if (!isLocaleLoaded(lang) || !messengerStringsLoaded(lang)) {
        // The language chunks load before the first render (scheduleUpdate), never before the socket.
        void Promise.resolve().then(() => this.requestUpdate());
        return this.firstRenderGate.hold(changes);
      }
    }
    if (!this.hasUpdated && !this.firstRenderGate.admit(changes)) return false;
    return super.shouldUpdate(changed);
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    this.firstRenderGate.done();
    // Loaded while the page is idle, waiting for the greeting or the history, not in their render nor in this one: a
    // message's time in a locale format.ts does not write out needs ICU's date data, and Markdown its renderer.
    whenIdle(() => prepareTimeFormat(this.language), 1000);
    whenIdle(() => {
      if (this.controller.features.markdown) void preloadMarkdown();
    }, MARKDOWN_WAIT_MS);
  }

  /**
   * The first render waits until the session is online (or the connection failed), at most FIRST_RENDER_WAIT_MS:
   * the shell's render, styles and layout would otherwise sit in the task queue in front of the socket's `open` and
   * the SessionResponse (measured, docs/bench.md: rendering once the socket opened made `online` 11 ms slower and the
   * first render no sooner; rendering at once, slower still). A resumed session's open panel also waits for its
   * newest messages (the history's newest page, usually in before `online`: the older pages were asked for by then):
   * no empty transcript first, whose render held up the history's pages (reload with 1,000 in history, interleaved:
   * online -> all 241 -> 186 ms), and no wait for the whole history either (the conversation showed 254 -> 102 ms
   * after attach; all of it was in the transcript 6-11 ms later than with one paint, within this machine's swings).
   * The deployment's Messenger settings come first too: the copy the last page view kept (read at once), or, for a
   * closed launcher, config.json's answer (at most SETTINGS_WAIT_MS: the visitor would otherwise see a default
   * launcher move, recolour or go).
   */
  private firstRenderMayStart(): boolean {
    const { status } = this.controller;
    if (status === 'connecting' || status === 'reconnecting') return false;
    const panelShown = this.mode === 'inline' || this.isOpen; // a closed launcher shows no transcript: no need to wait
    if (this.parity.settings.settling(!panelShown)) return false;
    return !(panelShown && this.controller.historyLoading && this.controller.messages.length === 0);
  }

  /** A closed launcher that does not connect, whose first render waits only for the deployment's settings. */
  private waitsForSettingsOnly(): boolean {
    return this.mode !== 'inline' && !this.isOpen && this.controller.status === 'idle' && this.parity.settings.settling(true);
  }

  /** Once the chat is configured: reopen the panel if it was open before the reload, and take the stored read mark. */
  private restore(): void {
    if (this.restored || !(this.deploymentId || this.tokenEndpoint)) return;
    this.restored = true;
    this.reads.restore();
    if (this.mode !== 'inline' && !this.isOpen && this.memory.wasOpen()) this.isOpen = true;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('isOpen') && typeof changed.get('isOpen') === 'boolean') this.afterToggle();
    // The view changed under the focus: focus goes where opening the panel puts it, not back to the page.
    else if (this.focusWasInside && this.isOpen && this.focusLostByUpdate()) this.focusPanel();
    if (changed.has('isOpen') && this.mode !== 'inline' && this.restored) this.memory.rememberOpen(this.isOpen);
    this.updateTheme(changed);
    this.scheduleTick();
    if (this.renderWindow.widening) this.widenWhenIdle();
  }

  /**
   * The transcript's first paint showed only its newest messages (RenderWindow): the rest of the window is rendered
   * once the page is idle. `updateComplete` waits for it.
   */
  private widenWhenIdle(): void {
    this.chunks.track(new Promise<void>((resolve) => whenIdle(() => {
      if (this.renderWindow.widening) {
        this.scrollKeeper.holdBottomNextUpdate();
        this.requestUpdate();
      }
      resolve();
    }, WIDEN_WAIT_MS)));
  }

  /**
   * The focused element went in this update, or the home screen came in front of the focused composer (the
   * deployment's settings arrived after the panel opened). Until the next frame a removed or hidden element may
   * still be the active one.
   */
  private focusLostByUpdate(): boolean {
    const active = this.shadowRoot?.activeElement;
    if (!active?.isConnected) return true;
    return !this.homeWasShown && active === this.composer.input && this.parity.focusTarget() !== null;
  }

  private afterToggle(): void {
    const detail: OpenEventDetail | CloseEventDetail = { mode: this.mode };
    if (this.isOpen) {
      this.scrollKeeper.jumpNow();
      if (this.mode !== 'inline') this.focusPanel();
      this.dispatchEvent(new CustomEvent('genesys-chat:open', { detail, bubbles: true, composed: true }));
    } else {
      this.endConfirm.showing = false;
      if (this.mode !== 'inline' && this.shadowRoot?.activeElement) this.launcher?.focus();
      this.dispatchEvent(new CustomEvent('genesys-chat:close', { detail, bubbles: true, composed: true }));
    }
  }

  private focusPanel(): void {
    const home = this.parity.focusTarget(); // the home screen or knowledge view stands where the composer was
    if (home) {
      home.focus();
      return;
    }
    const input = this.composer.input;
    if (input && !input.disabled) input.focus();
    else this.renderRoot.querySelector<HTMLElement>('[part~="new-conversation-button"], [part~="close-button"]')?.focus();
  }

  private get launcher(): HTMLButtonElement | null {
    return this.renderRoot.querySelector('[part~="launcher"]');
  }

  /** Re-renders once a second while a countdown (rate limit) is shown. */
  private scheduleTick(): void {
    if (this.tick || !rateLimitSeconds(this.controller.rateLimitedUntil)) return;
    this.tick = setTimeout(() => {
      this.tick = null;
      this.requestUpdate();
    }, 1000);
  }

  private readonly showEarlier = (): void => {
    this.renderWindow.showEarlier(this.controller.messages, this.scrollKeeper.isPinned);
    this.requestUpdate();
  };

  /** Agent and bot messages that arrived while the launcher's panel was closed. */
  get unreadCount(): number {
    return this.mode === 'inline' || this.isOpen ? 0 : this.reads.unread();
  }

  private readonly toggle = (): void => {
    this.isOpen = !this.isOpen;
  };

  private readonly onPanelKeyDown = (event: KeyboardEvent): void => {
    this.fullScreen.onKeyDown(event);
    if (event.key !== 'Escape') return;
    if (this.endConfirm.showing) {
      event.stopPropagation();
      this.endConfirm.cancel();
    } else if (this.mode !== 'inline' && this.isOpen) {
      event.stopPropagation();
      this.close();
    }
  };

  private readonly onLauncherKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.isOpen) {
      event.stopPropagation();
      this.close();
    }
  };

  private readonly onAnswer = (message: ChatMessage, reply: QuickReply): void => {
    this.answered.add(message.id);
    this.controller.answerQuickReply(message, { type: 'QuickReply', text: reply.text, payload: reply.payload });
    this.requestUpdate();
    this.composer.focus();
  };

  private readonly onRetry = (id: string): void => {
    this.controller.retry(id);
  };

  private readonly onSlotChange = (): void => {
    this.requestUpdate();
  };

  /** Whether the page put content in the named slot. */
  private readonly slotFilled = (name: string): boolean =>
    Array.from(this.children).some((child) => child.getAttribute('slot') === name);

  protected override render(): TemplateResult {
    const ctx = this.uiContext();
    const launcherMode = this.mode !== 'inline';
    const { features, readOnly } = this.controller;
    const panel = html`<section part="panel" id="panel" class="panel panel--${launcherMode ? 'launcher' : 'inline'} ${launcherMode && !this.parity.settings.launcherVisible ? 'panel--no-launcher' : ''}"
        role=${launcherMode ? 'dialog' : 'region'} aria-labelledby="title" ?hidden=${launcherMode && !this.isOpen}
        aria-modal=${this.fullScreen.active ? 'true' : nothing}
        @keydown=${this.onPanelKeyDown}>
      ${renderHeader(ctx, {
        launcher: launcherMode,
        filled: this.slotFilled,
        onSlotChange: this.onSlotChange,
        canEnd: this.endConfirm.possible,
        confirmingEnd: this.endConfirm.showing,
        onAskEnd: this.endConfirm.ask,
        onClose: () => this.close(),
        actions: html`${this.parity.renderHeaderActions(ctx, this.stringsVersion)}${this.renderDownloadButton(ctx)}`,
      })}
      ${this.endConfirm.render(ctx)}
      ${this.parity.renderBelowHeader(ctx, this.stringsVersion)}
      ${renderStatusBar(ctx)}
      ${renderAvailability(this.controller.availability, ctx)}
      ${this.messageList.render(ctx, {
        answered: this.answered,
        start: this.renderWindow.start(this.controller.messages, this.scrollKeeper.isPinned),
        onShowEarlier: this.showEarlier,
        unseen: this.scrollKeeper.unseen,
        renderKey: `${ctx.locale}|${this.stringsVersion}|${features.markdown}|${readOnly}`,
        onAnswer: this.onAnswer,
        onRetry: this.onRetry,
        onJumpToLatest: this.scrollKeeper.pinToBottom,
        onScroll: this.scrollKeeper.onScroll,
        onReadUp: this.scrollKeeper.readUpListener,
      })}
      ${this.parity.renderAfterList(ctx, this.stringsVersion)}
      ${this.composer.render()}
      ${this.prechat.render(ctx)}
      ${this.prechat.pending ? nothing : this.parity.renderView(ctx, this.stringsVersion)}
      ${this.fileDrop.render(ctx)}
    </section>`;
    const launcher = launcherMode && this.parity.settings.launcherVisible ? renderLauncher(ctx, {
      open: this.isOpen,
      unread: this.unreadCount,
      labelled: this.slotFilled('launcher-label'),
      onToggle: this.toggle,
      onKeyDown: this.onLauncherKeyDown,
      onSlotChange: this.onSlotChange,
    }) : nothing;
    return html`${launcher}${panel}${this.announcer.render()}`;
  }
}

// Not the @customElement decorator: that throws where `customElements` is missing (server-side import) and when
// another copy of the widget has defined the tag already. Written out so custom-elements.json sees the definition.
if (canDefine('genesys-chat')) customElements.define('genesys-chat', GenesysChat);

declare global {
  interface HTMLElementTagNameMap {
    'genesys-chat': GenesysChat;
  }
  // Typed addEventListener for every genesys-chat:* event (one list: GenesysChatEventMap in model.ts). On every
  // element, the document and the window: the events bubble and are composed, so a listener anywhere up gets them.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends GenesysChatEventMap {}
}
