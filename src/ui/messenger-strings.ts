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

const de: MessengerStrings = {
  homeTitle: 'Hallo',
  homeSubtitle: 'Wie können wir helfen?',
  homeStartChat: 'Schreiben Sie uns',
  homeContinueChat: 'Unterhaltung fortsetzen',
  clearConversation: 'Unterhaltung löschen',
  clearConfirmQuestion: 'Diese Unterhaltung löschen? Die Nachrichten verschwinden in jedem offenen Tab, und eine neue Unterhaltung beginnt.',
  clearConfirmAction: 'Löschen',
  clearFailed: 'Die Unterhaltung konnte nicht gelöscht werden. Bitte versuchen Sie es noch einmal.',
  disconnectedSend: 'Die Unterhaltung wurde beendet. Schreiben Sie eine Nachricht, um eine neue zu beginnen.',
  knowledgeSearchLabel: 'Hilfeartikel durchsuchen',
  knowledgeSearchPlaceholder: 'Nach Antworten suchen…',
  knowledgeSearchButton: 'Suchen',
  knowledgeSuggestions: 'Vorschläge',
  knowledgeResults: 'Artikel zu „{query}“',
  knowledgeNoResults: 'Keine Artikel passen zu „{query}“. Versuchen Sie andere Wörter oder schreiben Sie uns.',
  knowledgeSearching: 'Suche läuft…',
  knowledgeError: 'Die Hilfeartikel sind gerade nicht erreichbar.',
  knowledgeOpen: 'Hilfeartikel durchsuchen',
  knowledgeBack: 'Zurück',
  knowledgeBackToChat: 'Zurück zur Unterhaltung',
  knowledgeHelpful: 'War dieser Artikel hilfreich?',
  knowledgeYes: 'Ja',
  knowledgeNo: 'Nein',
  knowledgeThanks: 'Danke für Ihre Rückmeldung.',
  knowledgeArticleLoading: 'Artikel wird geladen…',
  knowledgeStillNeedHelp: 'Brauchen Sie noch Hilfe?',
};

const fr: MessengerStrings = {
  homeTitle: 'Bonjour',
  homeSubtitle: 'Comment pouvons-nous vous aider ?',
  homeStartChat: 'Envoyez-nous un message',
  homeContinueChat: 'Reprendre la conversation',
  clearConversation: 'Effacer la conversation',
  clearConfirmQuestion: 'Effacer cette conversation ? Les messages disparaissent de tous les onglets ouverts et une nouvelle conversation commence.',
  clearConfirmAction: 'Effacer',
  clearFailed: 'La conversation n’a pas pu être effacée. Veuillez réessayer.',
  disconnectedSend: 'La conversation a été fermée. Écrivez un message pour en commencer une nouvelle.',
  knowledgeSearchLabel: 'Rechercher dans l’aide',
  knowledgeSearchPlaceholder: 'Rechercher une réponse…',
  knowledgeSearchButton: 'Rechercher',
  knowledgeSuggestions: 'Suggestions',
  knowledgeResults: 'Articles pour « {query} »',
  knowledgeNoResults: 'Aucun article ne correspond à « {query} ». Essayez d’autres mots ou écrivez-nous.',
  knowledgeSearching: 'Recherche…',
  knowledgeError: 'Les articles d’aide sont inaccessibles pour le moment.',
  knowledgeOpen: 'Rechercher dans l’aide',
  knowledgeBack: 'Retour',
  knowledgeBackToChat: 'Retour à la conversation',
  knowledgeHelpful: 'Cet article vous a-t-il aidé ?',
  knowledgeYes: 'Oui',
  knowledgeNo: 'Non',
  knowledgeThanks: 'Merci pour votre avis.',
  knowledgeArticleLoading: 'Chargement de l’article…',
  knowledgeStillNeedHelp: 'Besoin d’aide supplémentaire ?',
};

const TABLES: Record<string, MessengerStrings> = { en: messengerStringsEn, de, fr };

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

/** Strings for a language (primary subtag; English for others), overrides (any source) applied on top. */
export function messengerStrings(lang: string, overrides: Record<string, unknown> = {}): MessengerStrings {
  const primary = lang.toLowerCase().split(/[-_]/)[0] ?? 'en';
  const merged: MessengerStrings = { ...messengerStringsEn, ...(TABLES[primary] ?? messengerStringsEn) };
  for (const key of Object.keys(messengerStringsEn) as MessengerStringKey[]) {
    const value = overrides[key];
    if (typeof value === 'string') merged[key] = value;
  }
  return merged;
}
