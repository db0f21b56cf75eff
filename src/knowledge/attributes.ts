/**
 * The articles a visitor read, as custom attributes of the conversation (`channel.metadata.customAttributes`), so
 * the agent sees what was tried before the chat. Attribute values are strings and the whole set has a byte budget
 * (SessionResponse `maxCustomDataBytes`, error 4013), so the newest articles are kept and the oldest dropped.
 * The attribute names are genesys-chat's own convention (Genesys defines none for this).
 */

/** Titles of the articles read, newest last, separated by " | ". */
export const KNOWLEDGE_VIEWED_TITLES_KEY = 'knowledgeArticlesViewed';
/** Their document ids, comma separated, in the same order. */
export const KNOWLEDGE_VIEWED_IDS_KEY = 'knowledgeArticleIds';
/** Default share of the custom-attributes budget the knowledge attributes may take (bytes of their JSON). */
export const KNOWLEDGE_ATTRIBUTES_MAX_BYTES = 600;

export interface ViewedArticle { id: string; title: string }

function jsonBytes(value: Record<string, string>): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/**
 * Custom attributes naming the viewed articles (each once, most recent view last), within `maxBytes` of JSON.
 * Empty when nothing was read or not even one article fits.
 */
export function knowledgeAttributes(viewed: readonly ViewedArticle[], maxBytes = KNOWLEDGE_ATTRIBUTES_MAX_BYTES): Record<string, string> {
  const latest = new Map<string, ViewedArticle>();
  for (const article of viewed) {
    if (typeof article?.id !== 'string' || !article.id) continue;
    latest.delete(article.id);
    latest.set(article.id, { id: article.id, title: typeof article.title === 'string' ? article.title.replace(/\s+/g, ' ').trim() : '' });
  }
  let kept = [...latest.values()];
  while (kept.length > 0) {
    const attributes = {
      [KNOWLEDGE_VIEWED_TITLES_KEY]: kept.map((a) => a.title || a.id).join(' | '),
      [KNOWLEDGE_VIEWED_IDS_KEY]: kept.map((a) => a.id).join(','),
    };
    if (jsonBytes(attributes) <= maxBytes) return attributes;
    kept = kept.slice(1);
  }
  return {};
}
