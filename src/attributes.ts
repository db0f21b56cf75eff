/**
 * `<genesys-chat>` as written in markup and templates: the attributes (kebab-case strings), the properties that
 * have no attribute, and the list of properties a page sets. One source for the JSX, React and Vue declarations
 * (`genesys-chat/jsx`, `genesys-chat/react`, `genesys-chat/vue`); a unit test holds the attributes to the element's.
 */
import type { GenesysChat, GenesysChatMode, GenesysChatPosition } from './genesys-chat.js';
import type { GenesysChatStrings } from './i18n.js';
import type { ChatAuthProvider } from './model.js';
import type { PrechatField } from './ui/prechat.js';

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
  /** The corner of the launcher and its panel (default `right`). */
  position?: GenesysChatPosition;
  /** The unread count in the page title while the tab is hidden: on unless `off`. */
  'title-count'?: 'on' | 'off';
  /** A chime for each new message while the tab is hidden (a boolean attribute). */
  'notification-sound'?: boolean;
  /** A system notification for each new message while the tab is hidden (a boolean attribute). */
  'desktop-notifications'?: boolean;
  /** The pre-chat form's fields as JSON (or set the `prechatFields` property to the array). */
  'prechat-fields'?: string;
}

/**
 * What JSX sets as properties (React 19 does so for a name the element has): those without an attribute, and
 * `isOpen` and `prechatFields`, whose attributes carry them differently (`open`, JSON).
 */
export interface GenesysChatPropertiesOnly {
  /** More custom attributes for the conversation (Architect flows read them). */
  customAttributes?: Record<string, string>;
  /** Overrides for any user-visible string. */
  strings?: Partial<GenesysChatStrings>;
  /** Whether the launcher's panel is open (the `open` attribute; in JSX use this property). */
  isOpen?: boolean;
  /** The page's sign-in (authenticated messaging). */
  auth?: ChatAuthProvider | null;
  /** The pre-chat form's fields (the `prechat-fields` attribute carries them as JSON). */
  prechatFields?: PrechatField[];
}

/**
 * The element's properties a page sets, by their property names (what the React wrapper and Vue's templates bind).
 * Not `open`: in JSX and Vue it would overwrite the element's `open()` method; the state is `isOpen`.
 */
export type GenesysChatSettableProperty = PropertyOf<
  | 'region' | 'deploymentId' | 'tokenEndpoint' | 'skill' | 'displayName' | 'lang' | 'mode' | 'isOpen' | 'position'
  | 'titleCount' | 'notificationSound' | 'desktopNotifications' | 'prechatFields' | 'customAttributes' | 'strings'
  | 'auth'>;

/** A name the element has (a misspelt one in the list above fails to compile). */
type PropertyOf<Name extends keyof GenesysChat> = Name;
