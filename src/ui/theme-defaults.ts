/**
 * The theme's defaults and the colours a page may set: what the static styles and the element need at start-up.
 * The derivation of readable colours (theme-colors.ts, contrast.ts) is a chunk loaded only when a colour is set.
 */

/** The colours a page can set, by our short name, with the public custom property behind each. */
export const THEME_PROPERTIES = {
  primary: '--genesys-chat-primary-color',
  onPrimary: '--genesys-chat-primary-text-color',
  background: '--genesys-chat-background',
  surface: '--genesys-chat-surface-color',
  text: '--genesys-chat-text-color',
  muted: '--genesys-chat-muted-color',
  border: '--genesys-chat-border-color',
  guestBubble: '--genesys-chat-guest-bubble-background',
  guestText: '--genesys-chat-guest-bubble-color',
  agentBubble: '--genesys-chat-agent-bubble-background',
  agentText: '--genesys-chat-agent-bubble-color',
  botBubble: '--genesys-chat-bot-bubble-background',
  botText: '--genesys-chat-bot-bubble-color',
  error: '--genesys-chat-error-color',
  success: '--genesys-chat-success-color',
  focus: '--genesys-chat-focus-ring-color',
} as const;

export type ThemeKey = keyof typeof THEME_PROPERTIES;

/** The defaults of one colour scheme (each already readable on the others). */
export interface SchemeDefaults {
  primary: string;
  onPrimary: string;
  background: string;
  surface: string;
  text: string;
  muted: string;
  border: string;
  agentBubble: string;
  botBubble: string;
  error: string;
  onError: string;
  success: string;
  /** The brand colour as text and outline on the panel background (quick replies, card buttons, links). */
  accent: string;
}

export const LIGHT: SchemeDefaults = {
  primary: '#1f5fbf', onPrimary: '#ffffff', background: '#ffffff', surface: '#f3f4f6', text: '#1c1d21',
  muted: '#5c6270', border: '#d7dae0', agentBubble: '#eceef2', botBubble: '#e7f0fb', error: '#b3261e',
  onError: '#ffffff', success: '#1e7d32', accent: '#1f5fbf',
};

export const DARK: SchemeDefaults = {
  primary: '#2f6fd6', onPrimary: '#ffffff', background: '#1c1d21', surface: '#26282e', text: '#eceef2',
  muted: '#a7adb8', border: '#3a3d45', agentBubble: '#2c2f36', botBubble: '#1f2c40', error: '#ffb4ab',
  onError: '#1c1d21', success: '#8fd694', accent: '#7aa7ef',
};
