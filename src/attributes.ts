/**
 * `<genesys-chat>` as written in markup and templates: the attributes (kebab-case strings) and the properties that
 * have no attribute. For JSX and template type declarations (React, Preact, Solid, Vue); see `genesys-chat/jsx`.
 */
import type { GenesysChatMode } from './genesys-chat.js';
import type { GenesysChatStrings } from './i18n.js';
import type { ChatAuthProvider } from './model.js';

/** The element's attributes. */
export interface GenesysChatAttributes {
  /** Genesys region domain (`usw2.pure.cloud`, …) or an origin URL (the emulator). Direct mode. */
  region?: string;
  /** The Messenger deployment ID (direct mode). */
  'deployment-id'?: string;
  /** The gateway server's session endpoint; selects the gateway transport. */
  'token-endpoint'?: string;
  /** Routing skill, sent as the custom attribute `skill`. */
  skill?: string;
  /** The guest's display name. */
  'display-name'?: string;
  /** Language of the widget (`en`, `de`, …). */
  lang?: string;
  /** `launcher` (a floating button opening a panel) or `inline`. */
  mode?: GenesysChatMode;
}

/** Properties without an attribute (set them as properties; React 19 does so for custom elements). */
export interface GenesysChatPropertiesOnly {
  /** More custom attributes for the conversation (Architect flows read them). */
  customAttributes?: Record<string, string>;
  /** Overrides for any user-visible string. */
  strings?: Partial<GenesysChatStrings>;
  /** Whether the launcher's panel is open (the `open` attribute; in JSX use this property). */
  isOpen?: boolean;
  /** The page's sign-in (authenticated messaging). */
  auth?: ChatAuthProvider | null;
}
