/**
 * The launcher: the floating button that opens and closes the panel. The page may put its own icon
 * (`slot="launcher-icon"`) and a visible label (`slot="launcher-label"`, which makes it a pill) in it; with a label
 * the button is named by that text (what sighted users see is what speech users say), else by "Open chat".
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { UiContext } from './context.js';
import { CHAT_ICON, CLOSE_ICON } from './icons.js';

export interface LauncherOptions {
  open: boolean;
  unread: number;
  /** The page put a label in `slot="launcher-label"`. */
  labelled: boolean;
  onToggle(): void;
  onKeyDown(event: KeyboardEvent): void;
  onSlotChange(): void;
}

export function renderLauncher(ctx: UiContext, options: LauncherOptions): TemplateResult {
  const { open, unread } = options;
  const label = open ? ctx.t('closeChat') : ctx.t('openChat');
  const unreadText = unread ? ctx.t('unreadCount', { count: unread }) : '';
  const named = options.labelled && !open; // the visible label names the button
  return html`<button type="button" part="launcher" class="launcher" aria-controls="panel" aria-expanded=${String(open)}
      aria-label=${named ? nothing : unread ? `${label} (${unreadText})` : label}
      @click=${options.onToggle} @keydown=${options.onKeyDown}>
    ${open ? CLOSE_ICON : html`<slot name="launcher-icon" @slotchange=${options.onSlotChange}>${CHAT_ICON}</slot>`}
    ${open ? nothing : html`<span part="launcher-label" class="launcher__label ${options.labelled ? 'launcher__label--filled' : ''}"><slot
      name="launcher-label" @slotchange=${options.onSlotChange}></slot></span>`}
    ${named && unread ? html`<span class="visually-hidden">(${unreadText})</span>` : nothing}
    ${unread ? html`<span part="badge" class="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
  </button>`;
}
