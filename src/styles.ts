/**
 * The widget's styles: one constructable stylesheet (Lit `static styles`, adopted by the shadow root), so nothing
 * needs `style-src 'unsafe-inline'`. Theme through `--genesys-chat-*` custom properties (documented on the element)
 * and `::part()`. Internal `--_*` variables resolve each theme property to a light or dark default.
 */
import { css, unsafeCSS } from 'lit';
import { DARK, LIGHT } from './ui/theme-defaults.js';

// Colour fallbacks from the one table of defaults (constants, never page input). ThemeController (ui/theme.ts)
// adopts a second sheet that overrides the colour variables with readable ones derived from what the page set.
const value = unsafeCSS;

export const styles = css`
  :host {
    all: initial;
    display: block;
    box-sizing: border-box;
    --_primary: var(--genesys-chat-primary-color, ${value(LIGHT.primary)});
    --_on-primary: var(--genesys-chat-primary-text-color, ${value(LIGHT.onPrimary)});
    --_bg: var(--genesys-chat-background, ${value(LIGHT.background)});
    --_surface: var(--genesys-chat-surface-color, ${value(LIGHT.surface)});
    --_text: var(--genesys-chat-text-color, ${value(LIGHT.text)});
    --_muted: var(--genesys-chat-muted-color, ${value(LIGHT.muted)});
    --_border: var(--genesys-chat-border-color, ${value(LIGHT.border)});
    --_guest-bg: var(--genesys-chat-guest-bubble-background, var(--_primary));
    --_guest-text: var(--genesys-chat-guest-bubble-color, var(--_on-primary));
    --_agent-bg: var(--genesys-chat-agent-bubble-background, ${value(LIGHT.agentBubble)});
    --_agent-text: var(--genesys-chat-agent-bubble-color, var(--_text));
    --_bot-bg: var(--genesys-chat-bot-bubble-background, ${value(LIGHT.botBubble)});
    --_bot-text: var(--genesys-chat-bot-bubble-color, var(--_text));
    --_error: var(--genesys-chat-error-color, ${value(LIGHT.error)});
    --_on-error: ${value(LIGHT.onError)};
    --_success: var(--genesys-chat-success-color, ${value(LIGHT.success)});
    --_accent: var(--genesys-chat-primary-color, ${value(LIGHT.accent)});
    --_focus: var(--genesys-chat-focus-ring-color, var(--_accent));
    --_radius: var(--genesys-chat-radius, 12px);
    --_font: var(--genesys-chat-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--genesys-chat-font-size, 15px);
    --_z: var(--genesys-chat-z-index, 2147483000);
    --_launcher-size: var(--genesys-chat-launcher-size, 56px);
    --_width: var(--genesys-chat-width, 380px);
    --_height: var(--genesys-chat-height, 600px);
    --_offset: var(--genesys-chat-offset, 20px);
    /* The launcher and panel keep clear of notches and home indicators (viewport-fit=cover pages). */
    --_offset-bottom: calc(var(--_offset) + env(safe-area-inset-bottom, 0px));
    --_offset-side: calc(var(--_offset) + env(safe-area-inset-right, 0px));
    --_avatar-agent-bg: var(--genesys-chat-agent-avatar-background, #5b3fa8);
    --_avatar-agent-text: var(--genesys-chat-agent-avatar-color, #ffffff);
    --_avatar-bot-bg: var(--genesys-chat-bot-avatar-background, var(--_bot-bg));
    --_avatar-bot-text: var(--genesys-chat-bot-avatar-color, var(--_primary));
    /* Smallest text anywhere in the widget (times, delivery, counters): readable on phones. */
    --_small: max(12px, 0.8em);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.4;
    color: var(--_text);
    -webkit-font-smoothing: antialiased;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_primary: var(--genesys-chat-primary-color, ${value(DARK.primary)});
      --_on-primary: var(--genesys-chat-primary-text-color, ${value(DARK.onPrimary)});
      --_bg: var(--genesys-chat-background, ${value(DARK.background)});
      --_surface: var(--genesys-chat-surface-color, ${value(DARK.surface)});
      --_text: var(--genesys-chat-text-color, ${value(DARK.text)});
      --_muted: var(--genesys-chat-muted-color, ${value(DARK.muted)});
      --_border: var(--genesys-chat-border-color, ${value(DARK.border)});
      --_agent-bg: var(--genesys-chat-agent-bubble-background, ${value(DARK.agentBubble)});
      --_bot-bg: var(--genesys-chat-bot-bubble-background, ${value(DARK.botBubble)});
      --_error: var(--genesys-chat-error-color, ${value(DARK.error)});
      --_on-error: ${value(DARK.onError)};
      --_success: var(--genesys-chat-success-color, ${value(DARK.success)});
      --_accent: var(--genesys-chat-primary-color, ${value(DARK.accent)});
      --_avatar-agent-bg: var(--genesys-chat-agent-avatar-background, #b9a4f2);
      --_avatar-agent-text: var(--genesys-chat-agent-avatar-color, #1c1d21);
      --_avatar-bot-text: var(--genesys-chat-bot-avatar-color, #a9c8f5);
    }
  }
  :host([position='left']) {
    --_offset-side: calc(var(--_offset) + env(safe-area-inset-left, 0px));
  }
  :host([hidden]) { display: none; }
  :host([mode='launcher']), :host(:not([mode])) { display: contents; }
  *, *::before, *::after { box-sizing: border-box; }
  button, textarea, input { font: inherit; color: inherit; }
  :focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
  svg { width: 20px; height: 20px; fill: currentColor; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }

  /* Launcher */
  .launcher {
    position: fixed; right: var(--_offset-side); bottom: var(--_offset-bottom); z-index: var(--_z);
    min-width: var(--_launcher-size); height: var(--_launcher-size); border-radius: calc(var(--_launcher-size) / 2);
    border: none; cursor: pointer; padding: 0 calc((var(--_launcher-size) - 28px) / 2);
    background: var(--_primary); color: var(--_on-primary); display: flex; align-items: center; justify-content: center;
    gap: 8px; box-shadow: 0 4px 16px rgb(0 0 0 / 25%); font-weight: 600;
  }
  :host([position='left']) .launcher { right: auto; left: var(--_offset-side); }
  .launcher svg, .launcher ::slotted([slot='launcher-icon']) { width: 28px; height: 28px; flex: none; }
  .launcher__label:not(.launcher__label--filled) { display: none; }
  .launcher__label { padding-right: 6px; white-space: nowrap; }
  .badge {
    position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px;
    background: var(--_error); color: var(--_on-error); font-size: 12px; font-weight: 700; display: grid; place-items: center;
    border: 2px solid var(--_bg);
  }

  /* Panel */
  .panel {
    display: flex; flex-direction: column; background: var(--_bg); color: var(--_text); overflow: hidden;
    border: 1px solid var(--_border); border-radius: var(--_radius); min-width: 0;
  }
  .panel[hidden] { display: none; }
  .panel--inline { width: 100%; height: var(--_height); max-height: 100%; }
  .panel--launcher {
    position: fixed; z-index: var(--_z); right: var(--_offset-side);
    bottom: calc(var(--_offset-bottom) + var(--_launcher-size) + 12px);
    width: min(var(--_width), calc(100vw - 2 * var(--_offset)));
    height: min(var(--_height), calc(100dvh - var(--_launcher-size) - 3 * var(--_offset)));
    box-shadow: 0 12px 40px rgb(0 0 0 / 25%);
  }
  :host([position='left']) .panel--launcher { right: auto; left: var(--_offset-side); }
  /* Narrow screens: the panel covers the page (focus is trapped in it and the page does not scroll). */
  @media (max-width: 480px) {
    .panel--launcher, :host([position='left']) .panel--launcher {
      inset: 0; width: 100%; height: 100%; border-radius: 0; border: none;
      padding: env(safe-area-inset-top, 0px) env(safe-area-inset-right, 0px) 0 env(safe-area-inset-left, 0px);
    }
    :host([open]) .launcher { display: none; }
  }
  .header {
    display: flex; align-items: center; gap: 10px; padding: 10px 8px 10px 14px; background: var(--_primary);
    color: var(--_on-primary); min-height: 56px;
  }
  .header__logo:not(.header__logo--filled) { display: none; }
  .header ::slotted([slot='logo']) { display: block; max-height: 32px; max-width: 96px; }
  .header__text { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 1px; }
  .header__title { margin: 0; font-size: 1.05em; font-weight: 600; min-width: 0; overflow-wrap: break-word; }
  .header .icon-button { margin-left: -6px; }
  .header .icon-button:first-of-type { margin-left: 0; }
  .header__subtitle { font-size: var(--_small); opacity: 0.92; overflow-wrap: anywhere; }
  .header__subtitle:not(.header__subtitle--filled) { display: none; }
  .header__avatars { display: flex; }
  .header__avatars:not(.header__avatars--filled) { display: none; }
  .header ::slotted([slot='avatars']) { display: flex; }
  .end-confirm {
    display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 10px 12px; background: var(--_surface);
    border-bottom: 1px solid var(--_border); font-size: 0.9em;
  }
  .end-confirm__text { flex: 1 1 160px; margin: 0; }
  .end-confirm button { min-height: 44px; }
  .secondary-button {
    background: var(--_bg); color: var(--_text); border: 1px solid var(--_border); border-radius: 999px;
    padding: 8px 16px; cursor: pointer; min-height: 44px;
  }
  .header .icon-button, .header .text-button { color: var(--_on-primary); }
  .header :focus-visible { outline-color: var(--_on-primary); }
  .text-button {
    background: transparent; border: 1px solid currentColor; border-radius: 999px; padding: 4px 12px;
    cursor: pointer; font-size: 0.85em; min-height: 32px;
  }
  .icon-button {
    background: transparent; border: none; border-radius: 8px; width: 44px; height: 44px; flex: none;
    display: grid; place-items: center; cursor: pointer; color: var(--_muted);
  }
  .icon-button:hover { background: rgb(127 127 127 / 15%); }
  .primary-button {
    background: var(--_primary); color: var(--_on-primary); border: none; border-radius: 999px; padding: 8px 16px;
    cursor: pointer; font-weight: 600; min-height: 44px;
  }
  .link-button {
    background: none; border: none; padding: 0; color: var(--_accent); text-decoration: underline; cursor: pointer;
  }

  /* Status and availability */
  .status {
    display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; padding: 6px 12px; font-size: var(--_small);
    color: var(--_muted); border-bottom: 1px solid var(--_border);
  }
  /* Online (and nothing to say): the live region stays, empty and without height, so later changes are read out. */
  .status--quiet { padding: 0; border: 0; }
  .status__dot { width: 8px; height: 8px; border-radius: 50%; background: var(--_muted); flex: none; }
  .status__text { flex: 1 1 0; min-width: 0; }
  .status--online .status__dot { background: var(--_success); }
  .status--failed .status__dot, .status--offline .status__dot { background: var(--_error); }
  .status__error { color: var(--_error); flex-basis: 100%; }
  .availability {
    display: flex; flex-wrap: wrap; gap: 4px 8px; padding: 6px 12px; font-size: var(--_small); background: var(--_surface);
    border-bottom: 1px solid var(--_border);
  }
  .availability--closed { color: var(--_error); }

  /* Messages */
  .messages-wrap { position: relative; flex: 1; min-height: 0; display: flex; }
  .messages { flex: 1; overflow-y: auto; overscroll-behavior: contain; padding: 12px; }
  /* The rows' box: one ResizeObserver on it sees every row that grows (images, placeholders replaced). */
  .messages__content { display: flex; flex-direction: column; gap: 6px; }
  .show-earlier {
    align-self: center; background: none; border: 1px solid var(--_border); border-radius: 999px;
    padding: 4px 12px; cursor: pointer; font-size: var(--_small); color: var(--_muted); min-height: 32px;
  }
  .day-separator {
    display: flex; align-items: center; gap: 8px; color: var(--_muted); font-size: var(--_small); margin: 8px 0;
  }
  .day-separator::before, .day-separator::after { content: ''; flex: 1; border-top: 1px solid var(--_border); }
  .system-line { align-self: center; text-align: center; color: var(--_muted); font-size: var(--_small); padding: 2px 8px; }
  .row { display: flex; gap: 8px; align-items: flex-end; max-width: 100%; }
  /* Rows off screen skip layout and paint: measured (bench/peers.ts), it halves the cost of an append. */
  .row, .system-line, .day-separator { content-visibility: auto; contain-intrinsic-size: auto 48px; }
  .messages__content > *, .messages__block > * { flex-shrink: 0; }
  /* BLOCK messages (src/ui/render-window.ts) in one box: an append lays out the blocks and the last block's rows, not
     every row; a block off screen is skipped whole. The padding, taken back by the margin, keeps focus rings of rows
     at its edges from being clipped by its paint containment. */
  .messages__block {
    display: flex; flex-direction: column; gap: 6px; padding: 4px; margin: -4px;
    content-visibility: auto; contain-intrinsic-size: auto 1200px;
  }
  .row--continued { margin-top: -2px; }
  .row--guest { justify-content: flex-end; }
  .stack { display: flex; flex-direction: column; gap: 4px; max-width: min(85%, 520px); min-width: 0; }
  .row--guest .stack { align-items: flex-end; }
  .stack--wide { width: min(85%, 520px); }
  .meta { display: flex; gap: 6px; align-items: baseline; font-size: var(--_small); color: var(--_muted); }
  .meta__name { font-weight: 600; }
  .avatar {
    flex: none; width: 30px; height: 30px; border-radius: 50%; overflow: hidden; background: var(--_surface);
    display: grid; place-items: center; font-size: 12px; font-weight: 700; color: var(--_muted);
  }
  .avatar--agent { background: var(--_avatar-agent-bg); color: var(--_avatar-agent-text); }
  .avatar--bot { background: var(--_avatar-bot-bg); color: var(--_avatar-bot-text); border-radius: 8px; }
  .avatar--bot svg { width: 20px; height: 20px; }
  .avatar img { width: 100%; height: 100%; object-fit: cover; }
  .row--continued:not(.row--guest) { padding-inline-start: 38px; } /* the avatar's 30px and the row's 8px gap */
  .meta__time:empty { display: none; }
  .bubble {
    padding: 8px 12px; border-radius: var(--_radius); white-space: pre-wrap; overflow-wrap: anywhere;
    word-break: break-word; max-width: 100%;
  }
  .bubble--markdown { white-space: normal; }
  .row--guest .bubble { background: var(--_guest-bg); color: var(--_guest-text); border-bottom-right-radius: 4px; }
  .row--agent .bubble { background: var(--_agent-bg); color: var(--_agent-text); border-bottom-left-radius: 4px; }
  .row--bot .bubble { background: var(--_bot-bg); color: var(--_bot-text); border-bottom-left-radius: 4px; }
  .row[data-state='pending'] .bubble { opacity: 0.75; }
  .row[data-state='failed'] .bubble { outline: 1px solid var(--_error); }
  .bubble a { color: inherit; text-decoration: underline; }
  .bubble code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em;
    background: rgb(127 127 127 / 18%); border-radius: 4px; padding: 0 4px;
  }
  .md-p { margin: 0; }
  .md-p + .md-p, .md-p + .md-list, .md-list + .md-p { margin-top: 6px; }
  .md-list { margin: 0; padding-left: 1.3em; }
  .delivery { font-size: var(--_small); color: var(--_muted); display: flex; gap: 6px; flex-wrap: wrap; }
  .delivery--failed { color: var(--_error); }
  .delivery--failed .link-button { color: var(--_error); }
  .typing { display: flex; align-items: center; gap: 8px; color: var(--_muted); font-size: var(--_small); padding: 4px 0; }
  .typing__dots { display: inline-flex; gap: 3px; }
  .typing__dots span {
    width: 6px; height: 6px; border-radius: 50%; background: currentColor; animation: blink 1.2s infinite ease-in-out;
  }
  .typing__dots span:nth-child(2) { animation-delay: 0.2s; }
  .typing__dots span:nth-child(3) { animation-delay: 0.4s; }
  @keyframes blink { 0%, 80%, 100% { opacity: 0.25; } 40% { opacity: 1; } }
  @media (prefers-reduced-motion: reduce) { .typing__dots span { animation: none; } }
  .new-messages {
    position: absolute; left: 50%; bottom: 10px; transform: translateX(-50%); border: none; border-radius: 999px;
    padding: 6px 14px; background: var(--_primary); color: var(--_on-primary); cursor: pointer; font-size: var(--_small);
    box-shadow: 0 2px 8px rgb(0 0 0 / 25%); min-height: 36px;
  }

  /* Rich content */
  .quick-replies { display: flex; flex-wrap: wrap; gap: 6px; padding-left: 38px; }
  .quick-reply, .card__action {
    border: 1px solid var(--_accent); color: var(--_accent); background: var(--_bg); border-radius: 999px;
    padding: 5px 14px; cursor: pointer; font-size: 0.9em; text-decoration: none; text-align: center;
    min-height: 44px; display: inline-flex; align-items: center; justify-content: center;
  }
  .quick-reply:hover, .card__action:hover { background: var(--_primary); color: var(--_on-primary); }
  .card__action--disabled { border-color: var(--_border); color: var(--_muted); cursor: default; }
  .card {
    border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; background: var(--_bg);
    width: 100%; max-width: 280px; display: flex; flex-direction: column;
  }
  .card--in-carousel { flex: 0 0 min(240px, 80%); scroll-snap-align: start; }
  .card__image { width: 100%; aspect-ratio: 16 / 9; object-fit: cover; display: block; }
  .card__body { padding: 8px 10px; }
  .card__title { margin: 0; font-size: 1em; font-weight: 600; }
  .card__title a { color: inherit; }
  .card__description { margin: 4px 0 0; font-size: 0.88em; color: var(--_muted); }
  .card__actions { display: flex; flex-direction: column; gap: 6px; padding: 0 10px 10px; margin-top: auto; }
  .carousel { width: 100%; max-width: 100%; }
  .carousel__track {
    display: flex; gap: 8px; overflow-x: auto; scroll-snap-type: x mandatory; padding: 2px 2px 6px;
    overscroll-behavior-x: contain;
  }
  .carousel__nav { display: flex; justify-content: flex-end; gap: 4px; }
  .carousel__nav button {
    width: 44px; height: 44px; border-radius: 50%; border: 1px solid var(--_border); background: var(--_bg);
    cursor: pointer;
  }
  .attachment {
    display: inline-flex; align-items: center; gap: 6px; max-width: 100%; color: var(--_text);
    border: 1px solid var(--_border); border-radius: var(--_radius); padding: 6px 10px; text-decoration: none;
  }
  .attachment--image { padding: 0; overflow: hidden; }
  .attachment--image img { display: block; max-width: 100%; max-height: 220px; }
  .attachment__name { overflow-wrap: anywhere; text-decoration: underline; }
  .attachment__size { color: var(--_muted); font-size: 0.85em; white-space: nowrap; }
  .fallback {
    border: 1px dashed var(--_border); border-radius: var(--_radius); padding: 6px 10px; font-size: 0.9em;
    display: flex; flex-direction: column; gap: 2px; overflow-wrap: anywhere;
  }
  .fallback__label { color: var(--_muted); font-size: 0.85em; }

  /* Composer */
  .composer {
    border-top: 1px solid var(--_border); display: flex; flex-direction: column; gap: 6px;
    padding: 8px calc(10px + env(safe-area-inset-right, 0px)) calc(8px + env(safe-area-inset-bottom, 0px))
      calc(10px + env(safe-area-inset-left, 0px));
  }
  .panel--inline .composer { padding: 8px 10px; }
  .composer__ended {
    display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px;
    font-size: 0.88em; color: var(--_muted);
  }
  .composer__row { display: flex; align-items: flex-end; gap: 6px; }
  .composer__input {
    flex: 1; min-width: 0; resize: none; min-height: 44px; max-height: 140px; field-sizing: content;
    border: 1px solid var(--_border); border-radius: 22px; padding: 10px 14px; background: var(--_bg);
    font-size: max(16px, 1em); /* iOS zooms the page into any field under 16 px */
  }
  .composer__input[aria-invalid='true'] { border-color: var(--_error); }
  .composer__input:disabled { background: var(--_surface); cursor: not-allowed; }
  .send-button {
    flex: none; width: 44px; height: 44px; border-radius: 50%; border: none; cursor: pointer;
    background: var(--_primary); color: var(--_on-primary); display: grid; place-items: center;
  }
  .send-button:disabled { opacity: 0.45; cursor: default; }
  .composer__error { color: var(--_error); font-size: var(--_small); }
  .char-count { align-self: flex-end; font-size: var(--_small); color: var(--_muted); }
  .char-count--over { color: var(--_error); font-weight: 600; }
  .uploads { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
  .upload {
    display: flex; align-items: center; gap: 8px; font-size: 0.85em; background: var(--_surface);
    border-radius: 8px; padding: 4px 4px 4px 8px;
  }
  .upload__preview { width: 32px; height: 32px; object-fit: cover; border-radius: 4px; }
  .upload__name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .upload__size { color: var(--_muted); }
  .upload progress { width: 60px; }

  /* Files dragged over the panel */
  .panel--inline { position: relative; }
  .drop-zone {
    position: absolute; inset: 0; z-index: 2; display: grid; place-items: center; padding: 24px; text-align: center;
    background: color-mix(in srgb, var(--_bg) 88%, transparent); border: 2px dashed var(--_accent);
    border-radius: inherit; color: var(--_text); font-weight: 600; pointer-events: none;
  }

  /* Pre-chat form: takes the place of the transcript and composer until it is sent */
  .panel:has(> .prechat) > :is(.messages-wrap, .composer, .status) { display: none; }
  .prechat { flex: 1; min-height: 0; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 12px; }
  .prechat__title { margin: 0; font-size: 1.05em; }
  .prechat__intro { margin: 0; color: var(--_muted); }
  .prechat__summary { margin: 0; color: var(--_error); font-weight: 600; }
  .prechat__field { display: flex; flex-direction: column; gap: 4px; }
  .prechat__label { font-weight: 600; font-size: 0.92em; }
  .prechat__optional { font-weight: 400; color: var(--_muted); }
  .prechat__control {
    font: inherit; font-size: max(16px, 1em); color: var(--_text); background: var(--_bg); min-height: 44px;
    border: 1px solid var(--_muted); border-radius: 8px; padding: 8px 10px;
  }
  .prechat__control[aria-invalid='true'] { border-color: var(--_error); border-width: 2px; }
  .prechat__error { color: var(--_error); font-size: 0.88em; }
  .prechat__submit { align-self: stretch; min-height: 44px; }

  /* Messenger parity (src/ui/parity.ts): the deployment's position spaces under the page's --genesys-chat-offset */
  :host {
    --_offset-bottom: calc(var(--genesys-chat-offset, var(--_deployment-bottom-space, 20px)) + env(safe-area-inset-bottom, 0px));
    --_offset-side: calc(var(--genesys-chat-offset, var(--_deployment-side-space, 20px)) + env(safe-area-inset-right, 0px));
  }
  :host([position='left']) {
    --_offset-side: calc(var(--genesys-chat-offset, var(--_deployment-side-space, 20px)) + env(safe-area-inset-left, 0px));
  }
  @media (min-width: 481px) { .panel--launcher.panel--no-launcher { bottom: var(--_offset-bottom); } }
  .panel:has(> .parity-view) > :is(.messages-wrap, .composer, .status, .disconnected-line) { display: none; }
  .parity-view { flex: 1; min-height: 0; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 16px; }
  .home__intro { display: flex; flex-direction: column; align-items: flex-start; gap: 4px; }
  .home__logo { max-height: 40px; max-width: 160px; }
  .home__title { margin: 0; font-size: 1.2em; }
  .home__subtitle { margin: 0; color: var(--_muted); }
  .home__chat { margin-top: auto; display: flex; flex-direction: column; gap: 6px; }
  .home__more { margin: 0; color: var(--_muted); font-size: 0.92em; }
  .home__start { min-height: 44px; }
  .disconnected-line, .clear-error {
    margin: 0; padding: 8px 12px; font-size: var(--_small); color: var(--_muted); text-align: center;
    border-top: 1px solid var(--_border);
  }
  .clear-error { color: var(--_error); }
`;
