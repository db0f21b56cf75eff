/** What every render function of the view receives. */
import type { GenesysChatStrings, Translate } from '../i18n.js';
import type { ChatView } from './chat-view.js';

export interface UiContext {
  /** The controller's state and actions. */
  view: ChatView;
  t: Translate;
  /** The resolved strings behind `t`. */
  strings: GenesysChatStrings;
  /** BCP 47 tag used for dates and numbers. */
  locale: string;
  /** The deployment's humanized bot (`apps.conversations.humanize.bot`): its name and picture on bot messages. */
  bot?: { name: string | null; avatarUrl: string | null } | null;
}
