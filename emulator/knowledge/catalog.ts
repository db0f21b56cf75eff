import type { WorldKnowledgeBase, WorldKnowledgeDocument } from '../world-file.js';
import {
  documentBodyText, KNOWLEDGE_SEARCH_MAX_RECORDS, type DocumentBody, type DocumentBodyBlock,
} from '@genesys-chat/protocol/knowledge.js';
import { countMatches, queryTerms, termMatches, words } from './text.js';

/** A document with what search needs, computed once. */
export interface IndexedDocument {
  doc: WorldKnowledgeDocument;
  variationId: string;
  versionId: string;
  titleWords: string[];
  alternativeWords: string[];
  bodyWords: string[];
  /** Plain text of each top-level block (answers pick the best one). */
  passages: string[];
}

export interface SearchHit { indexed: IndexedDocument; confidence: number }

/** Weights of a term found in the title, an alternative phrase, or the body. */
const TITLE_WEIGHT = 3;
const ALTERNATIVE_WEIGHT = 2;
const BODY_WEIGHT = 1;

/** The ids Genesys would give the single published version and variation of a world document. */
export function variationIdOf(documentId: string): string {
  return `${documentId}-variation-1`;
}
export function versionIdOf(documentId: string): string {
  return `${documentId}-version-1`;
}

function passagesOf(body: DocumentBody): string[] {
  return body.blocks.map((block: DocumentBodyBlock) => documentBodyText({ blocks: [block] })).filter((p) => p.length > 0);
}

/** One knowledge base, indexed: listing, lookup, search, suggestions and answers over its visible documents. */
export class KnowledgeCatalog {
  readonly documents: IndexedDocument[];
  private readonly byId = new Map<string, IndexedDocument>();
  private readonly byVariation = new Map<string, IndexedDocument>();

  constructor(readonly base: WorldKnowledgeBase) {
    this.documents = base.documents.filter((d) => d.visible !== false).map((doc) => {
      const indexed: IndexedDocument = {
        doc,
        variationId: variationIdOf(doc.id),
        versionId: versionIdOf(doc.id),
        titleWords: words(doc.title),
        alternativeWords: (doc.alternatives ?? []).flatMap((a) => words(a.phrase)),
        bodyWords: words(documentBodyText(doc.body)),
        passages: passagesOf(doc.body),
      };
      this.byId.set(doc.id, indexed);
      this.byVariation.set(indexed.variationId, indexed);
      return indexed;
    });
  }

  get language(): string {
    return this.base.coreLanguage;
  }

  document(id: string): IndexedDocument | undefined {
    return this.byId.get(id);
  }

  byVariationId(id: string): IndexedDocument | undefined {
    return this.byVariation.get(id);
  }

  /**
   * Documents matching the query by words in title, alternative phrases and body, best first (at most 30, as the
   * SDK documents). Confidence is the weighted share of query terms found, 0..1.
   */
  search(query: string): SearchHit[] {
    const terms = queryTerms(query, this.language);
    if (terms.length === 0) return [];
    const max = terms.length * (TITLE_WEIGHT + ALTERNATIVE_WEIGHT + BODY_WEIGHT);
    const hits: SearchHit[] = [];
    for (const indexed of this.documents) {
      const score = countMatches(terms, indexed.titleWords) * TITLE_WEIGHT
        + countMatches(terms, indexed.alternativeWords) * ALTERNATIVE_WEIGHT
        + countMatches(terms, indexed.bodyWords) * BODY_WEIGHT;
      if (score > 0) hits.push({ indexed, confidence: Math.round((score / max) * 1000) / 1000 });
    }
    hits.sort((a, b) => b.confidence - a.confidence || a.indexed.doc.title.localeCompare(b.indexed.doc.title));
    return hits.slice(0, KNOWLEDGE_SEARCH_MAX_RECORDS);
  }

  /**
   * Phrases to complete what the guest is typing: titles and autocomplete alternatives in which every query word
   * starts a word (the last one may be unfinished). Distinct, titles first, at most `limit`.
   */
  suggest(query: string, limit: number): string[] {
    const typed = words(query);
    if (typed.length === 0) return [];
    const phrases: string[] = [];
    for (const indexed of this.documents) {
      phrases.push(indexed.doc.title);
      for (const alternative of indexed.doc.alternatives ?? []) if (alternative.autocomplete) phrases.push(alternative.phrase);
    }
    const seen = new Set<string>();
    const matches: string[] = [];
    for (const phrase of phrases) {
      const key = phrase.toLowerCase();
      if (seen.has(key)) continue;
      const phraseWords = words(phrase);
      if (typed.every((t) => phraseWords.some((w) => w.startsWith(t) || termMatches(t, w)))) {
        seen.add(key);
        matches.push(phrase);
      }
    }
    return matches.slice(0, limit);
  }

  /** The passage of a document that best answers the query (most query terms), or its first passage. */
  answer(indexed: IndexedDocument, query: string | undefined): string {
    const first = indexed.passages[0] ?? '';
    if (!query) return first;
    const terms = queryTerms(query, this.language);
    let best = first;
    let bestCount = 0;
    for (const passage of indexed.passages) {
      const count = countMatches(terms, words(passage));
      if (count > bestCount) {
        best = passage;
        bestCount = count;
      }
    }
    return best;
  }
}
