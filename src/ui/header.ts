/**
 * The panel's top: a title bar (optional logo, title, subtitle and team avatars from slots; "End conversation";
 * the close button in launcher mode); the confirmation asked before the conversation is ended is end-confirm.ts. The
 * bar is a plain `div`, not `<header>`: inside the page it must not add a second banner landmark.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { UiContext } from './context.js';
import { CLOSE_ICON, END_ICON } from './icons.js';

export interface HeaderOptions {
  launcher: boolean;
  /** Slot names the page has filled (`logo`, `subtitle`, `avatars`). */
  filled: (slot: string) => boolean;
  onSlotChange(): void;
  /** Shows "End conversation" (a conversation is there to end). */
  canEnd: boolean;
  /** The confirmation is showing. */
  confirmingEnd: boolean;
  onAskEnd(): void;
  onClose(): void;
  /** Extra header buttons (e.g. transcript download), before "End conversation". */
  actions?: TemplateResult | typeof nothing;
}

export function renderHeader(ctx: UiContext, options: HeaderOptions): TemplateResult {
  const slotClass = (slot: string, base: string): string => `${base} ${options.filled(slot) ? `${base}--filled` : ''}`;
  return html`<div part="header" class="header">
    <span class=${slotClass('logo', 'header__logo')}><slot name="logo" @slotchange=${options.onSlotChange}></slot></span>
    <div class="header__text">
      <h2 part="title" class="header__title" id="title"><slot name="title" @slotchange=${options.onSlotChange}>${ctx.t('title')}</slot></h2>
      <span part="subtitle" class=${slotClass('subtitle', 'header__subtitle')}><slot name="subtitle"
        @slotchange=${options.onSlotChange}></slot></span>
    </div>
    <span part="avatars" class=${slotClass('avatars', 'header__avatars')}><slot name="avatars"
      @slotchange=${options.onSlotChange}></slot></span>
    ${options.actions ?? nothing}
    ${options.canEnd ? html`<button type="button" part="end-button" class="icon-button"
      aria-label=${ctx.t('endConversation')} title=${ctx.t('endConversation')}
      aria-expanded=${String(options.confirmingEnd)} aria-controls="end-confirm"
      @click=${options.onAskEnd}>${END_ICON}</button>` : nothing}
    ${options.launcher ? html`<button type="button" part="close-button" class="icon-button"
      aria-label=${ctx.t('closeChat')} title=${ctx.t('closeChat')} @click=${options.onClose}>${CLOSE_ICON}</button>` : nothing}
  </div>`;
}
