/** Words for search: lower case, letters and digits of any script (umlauts stay), short filler words dropped. */

const STOPWORDS: Record<string, ReadonlySet<string>> = {
  en: new Set(['a', 'an', 'and', 'are', 'can', 'do', 'does', 'for', 'how', 'i', 'in', 'is', 'it', 'me', 'my', 'of', 'on',
    'or', 'the', 'to', 'what', 'when', 'where', 'why', 'with', 'you', 'your']),
  de: new Set(['am', 'auf', 'das', 'der', 'die', 'ein', 'eine', 'für', 'ich', 'im', 'in', 'ist', 'kann', 'mein', 'meine',
    'mit', 'sie', 'und', 'wann', 'was', 'wie', 'wo', 'zu']),
};

/** The words of a text (no stopword removal). */
export function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/** The words of a query worth matching, in the knowledge base's language (`en-US` → `en`). */
export function queryTerms(query: string, language: string): string[] {
  const stop = STOPWORDS[language.slice(0, 2).toLowerCase()] ?? STOPWORDS.en;
  const all = words(query);
  const kept = all.filter((w) => !stop?.has(w));
  // A query made only of filler words still searches for them rather than for nothing.
  return [...new Set(kept.length > 0 ? kept : all)];
}

/**
 * Whether a document word matches a query term: equal, or one is a prefix of the other (query "pass" finds
 * "password", query "refunds" finds "refund"). Prefixes need 3 letters so "a" does not match everything.
 */
export function termMatches(term: string, word: string): boolean {
  if (term === word) return true;
  if (term.length >= 3 && word.startsWith(term)) return true;
  return word.length >= 4 && term.startsWith(word);
}

/** How many of the terms occur among the words (each term counted once). */
export function countMatches(terms: readonly string[], wordList: readonly string[]): number {
  let count = 0;
  for (const term of terms) if (wordList.some((w) => termMatches(term, w))) count += 1;
  return count;
}
