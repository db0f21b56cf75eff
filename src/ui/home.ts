/**
 * The home screen (Messenger's `homeScreen`): the deployment's logo, a greeting, the knowledge search when the
 * deployment has one, and the way into the conversation. Shown when the panel opens before a conversation exists.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { MessengerStrings } from './messenger-strings.js';
import { MEDIA_PROTOCOLS, safeUrl } from './safe-url.js';

export interface HomeOptions {
  logoUrl: string | null;
  /** The knowledge search (null: the deployment has none, or its chunk is still loading). */
  knowledge: TemplateResult | null;
  /** A conversation is already going (the button continues it). */
  hasConversation: boolean;
  onStartChat(): void;
}

export function renderHome(s: MessengerStrings, options: HomeOptions): TemplateResult {
  const logo = safeUrl(options.logoUrl, MEDIA_PROTOCOLS);
  return html`<div part="home" class="parity-view home">
    <div class="home__intro">
      ${logo ? html`<img part="home-logo" class="home__logo" src=${logo} alt="" />` : nothing}
      <h3 part="home-title" class="home__title" dir="auto">${s.homeTitle}</h3>
      <p part="home-subtitle" class="home__subtitle" dir="auto">${s.homeSubtitle}</p>
    </div>
    ${options.knowledge ?? nothing}
    <div class="home__chat">
      ${options.knowledge ? html`<p class="home__more">${s.knowledgeStillNeedHelp}</p>` : nothing}
      <button type="button" part="home-start-button" class="primary-button home__start" @click=${options.onStartChat}>
        ${options.hasConversation ? s.homeContinueChat : s.homeStartChat}</button>
    </div>
  </div>`;
}
