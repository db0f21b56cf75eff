import {
  knowledgePaths, type GuestResponseCategory, type KnowledgeGuestDocumentResponse,
  type KnowledgeGuestDocumentVariation, type KnowledgeGuestSearchDocumentResponse,
} from '@genesys-chat/protocol/knowledge.js';
import type { WorldKnowledgeBase } from '../world-file.js';
import type { IndexedDocument } from './catalog.js';

/** Builds the SDK's response models (KnowledgeGuestDocumentResponse, GuestResponseCategory, ...) from the world. */

const DEFAULT_DATE = '2026-01-01T00:00:00.000Z';

export function variationOf(indexed: IndexedDocument, sessionId: string, withBody: boolean): KnowledgeGuestDocumentVariation {
  const { doc } = indexed;
  const variation: KnowledgeGuestDocumentVariation = {
    id: indexed.variationId,
    dateCreated: doc.dateModified ?? DEFAULT_DATE,
    dateModified: doc.dateModified ?? DEFAULT_DATE,
    documentVersion: { id: indexed.versionId },
    contexts: [],
    document: { id: doc.id, selfUri: knowledgePaths.document(sessionId, doc.id) },
  };
  if (withBody) variation.body = structuredClone(doc.body);
  return variation;
}

/** A document as `GET .../documents/{id}` answers it (with its variation and body when `withVariations`). */
export function documentResponse(indexed: IndexedDocument, sessionId: string, withVariations: boolean): KnowledgeGuestDocumentResponse {
  const { doc } = indexed;
  const date = doc.dateModified ?? DEFAULT_DATE;
  const response: KnowledgeGuestDocumentResponse = {
    id: doc.id,
    title: doc.title,
    visible: true,
    alternatives: structuredClone(doc.alternatives ?? []),
    state: 'Published',
    dateCreated: date,
    dateModified: date,
    lastPublishedVersionNumber: 1,
    datePublished: date,
    documentVersion: { id: indexed.versionId },
    sessionId,
    selfUri: knowledgePaths.document(sessionId, doc.id),
  };
  if (doc.categoryId) response.category = { id: doc.categoryId };
  if (withVariations) response.variations = [variationOf(indexed, sessionId, true)];
  return response;
}

/** A search result's document: variations only when the search asked to expand them; `answer` when highlighted. */
export function searchDocumentResponse(
  indexed: IndexedDocument, sessionId: string, expandVariations: boolean, answer: string | undefined,
): KnowledgeGuestSearchDocumentResponse {
  const response: KnowledgeGuestSearchDocumentResponse = documentResponse(indexed, sessionId, false);
  if (expandVariations) response.variations = [variationOf(indexed, sessionId, true)];
  if (answer) response.answer = answer;
  return response;
}

export function categoryResponse(base: WorldKnowledgeBase, category: WorldKnowledgeBase['categories'][number], sessionId: string): GuestResponseCategory {
  const response: GuestResponseCategory = {
    id: category.id,
    name: category.name,
    dateCreated: DEFAULT_DATE,
    dateModified: DEFAULT_DATE,
    selfUri: `${knowledgePaths.categories(sessionId)}/${encodeURIComponent(category.id)}`,
  };
  if (category.description !== undefined) response.description = category.description;
  if (category.parentId) {
    const parent = base.categories.find((c) => c.id === category.parentId);
    if (parent) response.parentCategory = { id: parent.id };
  }
  return response;
}
