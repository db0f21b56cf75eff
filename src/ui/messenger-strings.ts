/**
 * Strings of the Messenger-parity features (home screen, clear conversation, knowledge search, disconnect line),
 * kept apart from the main tables so the parity work merges without touching every locale file. English is the
 * fallback; the page's `strings` property and the deployment's `customI18nLabels` override them like any string.
 */
export const messengerStringsEn = {
  homeTitle: 'Hi there',
  homeSubtitle: 'How can we help?',
  homeStartChat: 'Send us a message',
  homeContinueChat: 'Continue the conversation',
  clearConversation: 'Clear conversation',
  clearConfirmQuestion: 'Clear this conversation? The messages are removed from every open tab and a new conversation starts.',
  clearConfirmAction: 'Clear',
  clearFailed: 'The conversation could not be cleared. Please try again.',
  disconnectedSend: 'The conversation was closed. Write a message to start a new one.',
  knowledgeSearchLabel: 'Search help articles',
  knowledgeSearchPlaceholder: 'Search for answers…',
  knowledgeSearchButton: 'Search',
  knowledgeSuggestions: 'Suggestions',
  knowledgeResults: 'Articles for “{query}”',
  knowledgeNoResults: 'No articles match “{query}”. Try other words or send us a message.',
  knowledgeSearching: 'Searching…',
  knowledgeError: 'The help articles cannot be reached right now.',
  knowledgeOpen: 'Search help articles',
  knowledgeBack: 'Back',
  knowledgeBackToChat: 'Back to the conversation',
  knowledgeHelpful: 'Was this article helpful?',
  knowledgeYes: 'Yes',
  knowledgeNo: 'No',
  knowledgeThanks: 'Thanks for your feedback.',
  knowledgeArticleLoading: 'Loading the article…',
  knowledgeStillNeedHelp: 'Still need help?',
};

export type MessengerStrings = typeof messengerStringsEn;
export type MessengerStringKey = keyof MessengerStrings;



/** Other languages, each a chunk of its own (like the main string tables). */
const LOADERS: Readonly<Record<string, () => Promise<MessengerStrings>>> = {
  de: () => import('./messenger-strings/de.js').then((m) => m.de),
  fr: () => import('./messenger-strings/fr.js').then((m) => m.fr),
};
const TABLES = new Map<string, MessengerStrings>([['en', messengerStringsEn]]);
const loading = new Map<string, Promise<boolean>>();

function primaryOf(lang: string): string {
  return lang.toLowerCase().split(/[-_]/)[0] ?? 'en';
}

/**
 * Loads a language's table once; resolves true when it was not there before (re-render then). English stays when
 * the chunk cannot be loaded.
 */
export function loadMessengerStrings(lang: string): Promise<boolean> {
  const primary = primaryOf(lang);
  const loader = LOADERS[primary];
  if (!loader || TABLES.has(primary)) return Promise.resolve(false);
  let pending = loading.get(primary);
  if (!pending) {
    pending = loader().then((table) => {
      TABLES.set(primary, table);
      return true;
    }, (error: unknown) => {
      console.warn(`[genesys-chat] could not load the "${primary}" strings; using English`, error);
      TABLES.set(primary, messengerStringsEn);
      return true;
    });
    loading.set(primary, pending);
  }
  return pending;
}

/** Whether `messengerStrings(lang)` has its language already. */
export function messengerStringsLoaded(lang: string): boolean {
  return !LOADERS[primaryOf(lang)] || TABLES.has(primaryOf(lang));
}

/**
 * Messenger label keys (`customI18nLabels[].localizedLabels[].key`) that mean one of our strings. UNCONFIRMED: the
 * names come from the emulator's world and Genesys' admin UI; Genesys publishes no complete list. A deployment may
 * also use our own key names (`title`, `homeTitle`, …) directly.
 */
export const MESSENGER_LABEL_KEYS: Readonly<Record<string, string>> = {
  MessengerHomeHeaderTitle: 'homeTitle',
  MessengerHomeHeaderSubTitle: 'homeSubtitle',
  MessengerTitle: 'title',
};

/** Strings for a language (primary subtag; English for others and until loaded), overrides (any source) on top. */
export function messengerStrings(lang: string, overrides: Record<string, unknown> = {}): MessengerStrings {
  const merged: MessengerStrings = { ...messengerStringsEn, ...(TABLES.get(primaryOf(lang)) ?? messengerStringsEn) };
  for (const key of Object.keys(messengerStringsEn) as MessengerStringKey[]) {
    const value = overrides[key];
    if (typeof value === 'string') merged[key] = value;
  }
  return merged;
}
