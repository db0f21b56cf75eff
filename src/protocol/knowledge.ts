/**
 * Knowledge guest API (`/api/v2/knowledge/guest/sessions/...`): the self-service knowledge base that Messenger's
 * `apps.knowledge` offers. Shapes follow the official JavaScript SDK `purecloud-platform-client-v2` (KnowledgeApi
 * guest methods, `index.d.ts` Models) and the enum values of its Java twin's `build/docs/*.md`. No DOM, no Node APIs.
 *
 * What the SDK does not say (status codes of the void routes, auth, cursor format) is marked UNCONFIRMED where used.
 */

export const KNOWLEDGE_GUEST_SESSIONS_PATH = '/api/v2/knowledge/guest/sessions';

/** `KnowledgeGuestSessionApp.type`. */
export type KnowledgeGuestAppType = 'MessengerKnowledgeApp' | 'SupportCenter';
/** `KnowledgeGuestSearchClientApplication.type`. */
export type KnowledgeClientApplicationType = 'Assistant' | 'BotFlow' | 'MessengerKnowledgeApp' | 'SmartAdvisor' | 'SupportCenter';
/** `KnowledgeDocumentGuestSearchRequest.queryType`. */
export type KnowledgeSearchQueryType = 'AutoSearch' | 'ManualSearch' | 'Suggestion';
/** `KnowledgeGuestDocumentFeedback.queryType` / view / presentation query types. */
export type KnowledgeQueryType =
  | 'Unknown' | 'Article' | 'AutoSearch' | 'Category' | 'ManualSearch' | 'Recommendation' | 'Suggestion' | 'ExpandedArticle';
/** How knowledge was surfaced: the full article, a snippet, or a highlighted answer. */
export type KnowledgeSurfacingMethod = 'Unknown' | 'Article' | 'Snippet' | 'Highlight';
export type KnowledgeFeedbackRating = 'Negative' | 'Positive';
export type KnowledgeFeedbackReason = 'DocumentContent' | 'SearchResults';
export type KnowledgeDocumentState = 'Draft' | 'Published' | 'Archived';

export const KNOWLEDGE_GUEST_APP_TYPES: readonly KnowledgeGuestAppType[] = ['MessengerKnowledgeApp', 'SupportCenter'];
export const KNOWLEDGE_CLIENT_APPLICATION_TYPES: readonly KnowledgeClientApplicationType[] = [
  'Assistant', 'BotFlow', 'MessengerKnowledgeApp', 'SmartAdvisor', 'SupportCenter',
];
export const KNOWLEDGE_SEARCH_QUERY_TYPES: readonly KnowledgeSearchQueryType[] = ['AutoSearch', 'ManualSearch', 'Suggestion'];
export const KNOWLEDGE_QUERY_TYPES: readonly KnowledgeQueryType[] = [
  'Unknown', 'Article', 'AutoSearch', 'Category', 'ManualSearch', 'Recommendation', 'Suggestion', 'ExpandedArticle',
];
export const KNOWLEDGE_SURFACING_METHODS: readonly KnowledgeSurfacingMethod[] = ['Unknown', 'Article', 'Snippet', 'Highlight'];
export const KNOWLEDGE_FEEDBACK_RATINGS: readonly KnowledgeFeedbackRating[] = ['Negative', 'Positive'];
export const KNOWLEDGE_FEEDBACK_REASONS: readonly KnowledgeFeedbackReason[] = ['DocumentContent', 'SearchResults'];
/** `KnowledgeGuestDocumentFeedback.comment`: "Maximum length: 2000 characters". */
export const KNOWLEDGE_FEEDBACK_COMMENT_MAX = 2000;
/** `getKnowledgeGuestSessionDocuments.pageSize`: "Maximum of 200". */
export const KNOWLEDGE_DOCUMENTS_PAGE_SIZE_MAX = 200;
/** `KnowledgeDocumentGuestSearchRequest.query`: "Maximum of 30 records per query can be fetched". */
export const KNOWLEDGE_SEARCH_MAX_RECORDS = 30;

// ---------------------------------------------------------------------------------------------------------------
// References and sessions
// ---------------------------------------------------------------------------------------------------------------

export interface AddressableEntityRef { id?: string; selfUri?: string }
export interface EntityReference { id: string }

/** `KnowledgeGuestSession`: the request body of `POST .../guest/sessions` and its answer (with `id`). */
export interface KnowledgeGuestSession {
  id?: string;
  app: { deploymentId: string; type: KnowledgeGuestAppType };
  customerId: string;
  pageUrl?: string;
  contexts?: { id: string; values: { id?: string }[] }[];
  journeySessionId?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------------------------

export interface GuestCategoryReference { id?: string; selfUri?: string }

/** `GuestResponseCategory`. */
export interface GuestResponseCategory {
  id?: string;
  name?: string;
  description?: string;
  externalId?: string;
  dateCreated?: string;
  dateModified?: string;
  parentCategory?: GuestCategoryReference;
  selfUri?: string;
}

/** `GuestCategoryResponseListing` (cursor paging: `nextUri` / `previousUri`). */
export interface GuestCategoryResponseListing {
  entities?: GuestResponseCategory[];
  nextUri?: string;
  selfUri?: string;
  previousUri?: string;
  sessionId?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Document bodies (`DocumentBody`): blocks of paragraphs, lists, images, videos and tables
// ---------------------------------------------------------------------------------------------------------------

export type DocumentTextMark = 'Bold' | 'Italic' | 'Underline' | 'Strikethrough' | 'Subscript' | 'Superscript';

/** `DocumentText`. `hyperlink` may be https:, mailto: or a `grn:knowledge:::...` reference. */
export interface DocumentText {
  text: string;
  marks?: DocumentTextMark[];
  hyperlink?: string;
  properties?: { fontSize?: string; textColor?: string; backgroundColor?: string };
}

export interface DocumentElementLength { value: number; unit: string }

export interface DocumentBodyImage {
  url: string;
  hyperlink?: string;
  properties?: {
    backgroundColor?: string; align?: string; indentation?: number; width?: number;
    widthWithUnit?: DocumentElementLength; altText?: string;
  };
}

export interface DocumentBodyVideo {
  url: string;
  properties?: { backgroundColor?: string; align?: string; indentation?: number; width?: DocumentElementLength; height?: DocumentElementLength };
}

/** `DocumentContentBlock`: what a paragraph holds. */
export interface DocumentContentBlock {
  type: 'Text' | 'Image' | 'Video';
  text?: DocumentText;
  image?: DocumentBodyImage;
  video?: DocumentBodyVideo;
}

export interface DocumentBodyParagraph {
  blocks: DocumentContentBlock[];
  properties?: { fontSize?: string; fontType?: string; textColor?: string; backgroundColor?: string; align?: string; indentation?: number };
}

/** `DocumentListContentBlock`: what a list item holds (lists nest). */
export interface DocumentListContentBlock {
  type: 'Text' | 'Image' | 'Video' | 'OrderedList' | 'UnorderedList';
  text?: DocumentText;
  image?: DocumentBodyImage;
  video?: DocumentBodyVideo;
  list?: DocumentBodyList;
}

export interface DocumentBodyListBlock {
  type: 'ListItem';
  properties?: Record<string, unknown>;
  blocks: DocumentListContentBlock[];
}

export interface DocumentBodyList {
  properties?: { unorderedType?: string; orderedType?: string };
  blocks: DocumentBodyListBlock[];
}

/** `DocumentTableContentBlock`: what a table cell holds. */
export interface DocumentTableContentBlock {
  type: 'Paragraph' | 'Text' | 'Image' | 'Video' | 'OrderedList' | 'UnorderedList' | 'Table';
  text?: DocumentText;
  image?: DocumentBodyImage;
  video?: DocumentBodyVideo;
  paragraph?: DocumentBodyParagraph;
  list?: DocumentBodyList;
  table?: DocumentBodyTable;
}

export interface DocumentBodyTable {
  properties?: Record<string, unknown>;
  rows: { properties?: Record<string, unknown>; cells: { properties?: Record<string, unknown>; blocks: DocumentTableContentBlock[] }[] }[];
}

export type DocumentBodyBlockType = 'Paragraph' | 'Image' | 'Video' | 'OrderedList' | 'UnorderedList' | 'Table';

/** `DocumentBodyBlock`: `type` says which one of paragraph, image, video, list or table is set. */
export interface DocumentBodyBlock {
  type: DocumentBodyBlockType;
  paragraph?: DocumentBodyParagraph;
  image?: DocumentBodyImage;
  video?: DocumentBodyVideo;
  list?: DocumentBodyList;
  table?: DocumentBodyTable;
}

export interface DocumentBody { blocks: DocumentBodyBlock[] }

// ---------------------------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------------------------

export interface KnowledgeDocumentAlternative { phrase: string; autocomplete: boolean }

export interface KnowledgeGuestDocumentVariationContext { context: AddressableEntityRef; values: AddressableEntityRef[] }

/** `KnowledgeGuestDocumentVariation`: the article body lives here. */
export interface KnowledgeGuestDocumentVariation {
  id?: string;
  dateCreated?: string;
  dateModified?: string;
  documentVersion?: AddressableEntityRef;
  contexts: KnowledgeGuestDocumentVariationContext[];
  document?: AddressableEntityRef;
  body?: DocumentBody;
  selfUri?: string;
}

/** `KnowledgeGuestDocumentResponse` (`GET .../documents/{documentId}` and the documents listing). */
export interface KnowledgeGuestDocumentResponse {
  id?: string;
  title?: string;
  visible?: boolean;
  alternatives?: KnowledgeDocumentAlternative[];
  state?: KnowledgeDocumentState;
  dateCreated?: string;
  dateModified?: string;
  dateImported?: string;
  lastPublishedVersionNumber?: number;
  datePublished?: string;
  createdBy?: AddressableEntityRef;
  modifiedBy?: AddressableEntityRef;
  documentVersion?: AddressableEntityRef;
  sessionId?: string;
  category?: GuestCategoryReference;
  variations?: KnowledgeGuestDocumentVariation[];
  selfUri?: string;
}

export interface KnowledgeGuestDocumentResponseListing {
  entities?: KnowledgeGuestDocumentResponse[];
  nextUri?: string;
  selfUri?: string;
  previousUri?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Search, suggestions, answers
// ---------------------------------------------------------------------------------------------------------------

/** `KnowledgeDocumentGuestSearchRequest`. */
export interface KnowledgeDocumentGuestSearchRequest {
  query: string;
  pageSize?: number;
  pageNumber?: number;
  searchId?: string;
  total?: number;
  pageCount?: number;
  queryType?: KnowledgeSearchQueryType;
  sessionId?: string;
  answerHighlightTopResults?: number;
  includeDraftDocuments?: boolean;
}

/** `KnowledgeGuestSearchDocumentResponse`: a result's document (variations only when expanded). */
export interface KnowledgeGuestSearchDocumentResponse extends Omit<KnowledgeGuestDocumentResponse, 'variations'> {
  variations?: KnowledgeGuestDocumentVariation[];
  answer?: string;
}

export interface KnowledgeDocumentGuestSearchResult {
  confidence?: number;
  document?: KnowledgeGuestSearchDocumentResponse;
}

/** `KnowledgeDocumentGuestSearch`: the search answer; keep `searchId` for views, feedback and the PATCH. */
export interface KnowledgeDocumentGuestSearch {
  query: string;
  pageSize?: number;
  pageNumber?: number;
  searchId?: string;
  total?: number;
  pageCount?: number;
  queryType?: string;
  sessionId?: string;
  results?: KnowledgeDocumentGuestSearchResult[];
}

/** `KnowledgeGuestDocumentSuggestionRequest`. */
export interface KnowledgeGuestDocumentSuggestionRequest { query: string; pageSize?: number; includeDraftDocuments?: boolean }

/** `KnowledgeGuestDocumentSuggestion`. */
export interface KnowledgeGuestDocumentSuggestion {
  query: string;
  pageSize?: number;
  sessionId?: string;
  results?: { matchedPhrase?: string }[];
}

/** `SearchUpdateRequest` (`PATCH .../documents/search/{searchId}`). */
export interface SearchUpdateRequest {
  sessionId?: string;
  answered: boolean;
  selectedAnswer?: { document: AddressableEntityRef };
  selectedAnswers?: { document: AddressableEntityRef }[];
}

/** `KnowledgeDocumentsAnswerFilter` (`POST .../documents/answers`). */
export interface KnowledgeDocumentsAnswerFilter {
  query?: string;
  language?: string;
  appType?: KnowledgeClientApplicationType;
  queryType?: KnowledgeQueryType;
  searchId?: string;
  insertHighlightIntoVariationContent?: boolean;
  answerMode?: ('AnswerHighlight' | 'AnswerGeneration')[];
  variationIds: string[];
}

export interface KnowledgeGuestAnswerDocumentResponse {
  id?: string;
  title?: string;
  answer?: string;
  variation?: KnowledgeGuestDocumentVariation;
}

export interface KnowledgeGuestAnswerDocumentsResponse { results?: KnowledgeGuestAnswerDocumentResponse[] }

// ---------------------------------------------------------------------------------------------------------------
// Analytics: presentations, views, copies, feedback
// ---------------------------------------------------------------------------------------------------------------

export interface KnowledgeGuestSearchClientApplication {
  type: KnowledgeClientApplicationType;
  deployment?: EntityReference;
  botFlow?: EntityReference;
  assistant?: EntityReference;
}

export interface PresentedKnowledgeDocument {
  documentId: string;
  documentVariationId: string;
  documentVersionId: string;
  surfacingMethod?: KnowledgeSurfacingMethod;
}

/** `KnowledgeGuestDocumentPresentation` (`POST .../documents/presentations`). */
export interface KnowledgeGuestDocumentPresentation {
  documents: PresentedKnowledgeDocument[];
  searchId?: string;
  queryType?: KnowledgeQueryType;
  surfacingMethod?: KnowledgeSurfacingMethod;
  sessionId?: string;
  application?: KnowledgeGuestSearchClientApplication;
}

/** `KnowledgeGuestDocumentView` (`POST .../documents/{documentId}/views`). */
export interface KnowledgeGuestDocumentView {
  documentVariationId: string;
  documentVersionId: string;
  searchId?: string;
  queryType?: KnowledgeQueryType;
  surfacingMethod?: KnowledgeSurfacingMethod;
}

/** `KnowledgeGuestDocumentCopy` (`POST .../documents/{documentId}/copies`). */
export interface KnowledgeGuestDocumentCopy extends KnowledgeGuestDocumentView {
  sessionId?: string;
  application?: KnowledgeGuestSearchClientApplication;
}

/** `KnowledgeGuestDocumentFeedback`: request and answer of `POST .../documents/{documentId}/feedback`. */
export interface KnowledgeGuestDocumentFeedback {
  id?: string;
  documentVariation: EntityReference;
  rating: KnowledgeFeedbackRating;
  reason?: KnowledgeFeedbackReason;
  comment?: string;
  search?: EntityReference;
  sessionId?: string;
  dateCreated?: string;
  queryType?: KnowledgeQueryType;
  surfacingMethod?: KnowledgeSurfacingMethod;
  state?: 'Draft' | 'Final';
  document: { id?: string; versionId: string };
  application?: KnowledgeGuestSearchClientApplication;
}

// ---------------------------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------------------------

const seg = encodeURIComponent;

/** Path builders for every guest route (ids are URL-encoded). */
export const knowledgePaths = {
  sessions: (): string => KNOWLEDGE_GUEST_SESSIONS_PATH,
  categories: (sessionId: string): string => `${KNOWLEDGE_GUEST_SESSIONS_PATH}/${seg(sessionId)}/categories`,
  documents: (sessionId: string): string => `${KNOWLEDGE_GUEST_SESSIONS_PATH}/${seg(sessionId)}/documents`,
  document: (sessionId: string, documentId: string): string =>
    `${KNOWLEDGE_GUEST_SESSIONS_PATH}/${seg(sessionId)}/documents/${seg(documentId)}`,
  search: (sessionId: string): string => `${KNOWLEDGE_GUEST_SESSIONS_PATH}/${seg(sessionId)}/documents/search`,
  searchUpdate: (sessionId: string, searchId: string): string =>
    `${KNOWLEDGE_GUEST_SESSIONS_PATH}/${seg(sessionId)}/documents/search/${seg(searchId)}`,
  suggestions: (sessionId: string): string => `${KNOWLEDGE_GUEST_SESSIONS_PATH}/${seg(sessionId)}/documents/search/suggestions`,
  answers: (sessionId: string): string => `${KNOWLEDGE_GUEST_SESSIONS_PATH}/${seg(sessionId)}/documents/answers`,
  presentations: (sessionId: string): string => `${KNOWLEDGE_GUEST_SESSIONS_PATH}/${seg(sessionId)}/documents/presentations`,
  views: (sessionId: string, documentId: string): string =>
    `${KNOWLEDGE_GUEST_SESSIONS_PATH}/${seg(sessionId)}/documents/${seg(documentId)}/views`,
  copies: (sessionId: string, documentId: string): string =>
    `${KNOWLEDGE_GUEST_SESSIONS_PATH}/${seg(sessionId)}/documents/${seg(documentId)}/copies`,
  feedback: (sessionId: string, documentId: string): string =>
    `${KNOWLEDGE_GUEST_SESSIONS_PATH}/${seg(sessionId)}/documents/${seg(documentId)}/feedback`,
};

/** Plain text of a document body (paragraphs, list items, table cells), blocks separated by newlines. */
export function documentBodyText(body: DocumentBody | undefined): string {
  if (!body || !Array.isArray(body.blocks)) return '';
  const lines: string[] = [];
  const texts = (blocks: { text?: DocumentText }[] | undefined): string =>
    (blocks ?? []).map((b) => (b && typeof b.text?.text === 'string' ? b.text.text : '')).join('');
  const list = (l: DocumentBodyList | undefined): void => {
    for (const item of l?.blocks ?? []) {
      const own = texts(item.blocks);
      if (own) lines.push(own);
      for (const child of item.blocks ?? []) if (child.list) list(child.list);
    }
  };
  const table = (t: DocumentBodyTable | undefined): void => {
    for (const row of t?.rows ?? []) {
      for (const cell of row.cells ?? []) {
        for (const block of cell.blocks ?? []) {
          if (block.paragraph) lines.push(texts(block.paragraph.blocks));
          else if (block.text) lines.push(block.text.text);
          if (block.list) list(block.list);
          if (block.table) table(block.table);
        }
      }
    }
  };
  for (const block of body.blocks) {
    if (!block) continue;
    if (block.paragraph) lines.push(texts(block.paragraph.blocks));
    if (block.list) list(block.list);
    if (block.table) table(block.table);
  }
  return lines.filter((l) => l.length > 0).join('\n');
}
