/**
 * REST history of a Web Messaging session: `GET {apiBase}/api/v2/webmessaging/messages?pageSize&pageNumber` with the
 * guest JWT from `getJwt`. Pages come newest-first. The newest page is fetched first, at the largest page size
 * (HISTORY_MAX_PAGE_SIZE); its `pageCount` (or `total`) says how many more there are, and those are fetched all at
 * once, then merged once: oldest first, de-duplicated by id (pages shift while new messages arrive). A server that
 * refuses the large page size (400) is asked again at the documented default of 25.
 */
import type { ChatMessage } from '../model.js';
import {
  HISTORY_MAX_PAGE_SIZE, HISTORY_PAGE_SIZE, HISTORY_PATH, isRecord, type StructuredMessageBody,
} from '../protocol/web-messaging.js';
import { toChatMessage, validateStructuredMessage } from '../protocol/web-messaging-parse.js';
import { ChatFailure, chatError } from './errors.js';

/** Stops a runaway server from paging forever (200 pages: 20,000 messages at 100 a page). */
export const MAX_HISTORY_PAGES = 200;

export interface HistoryOptions {
  fetchImpl: typeof fetch;
  apiBase: string;
  jwt: string;
  /** Default HISTORY_MAX_PAGE_SIZE, falling back to HISTORY_PAGE_SIZE when refused. */
  pageSize?: number;
  maxPages?: number;
  /** Malformed entities are reported here and skipped. */
  onSkipped?: (reason: string) => void;
}

type Page = Record<string, unknown>;

/** Fetches every page and returns the messages oldest first. Rejects with a ChatFailure. */
export async function fetchWebMessagingHistory(options: HistoryOptions): Promise<ChatMessage[]> {
  let pageSize = options.pageSize ?? HISTORY_MAX_PAGE_SIZE;
  const maxPages = options.maxPages ?? MAX_HISTORY_PAGES;
  let first: Page;
  try {
    first = await fetchPage(options, pageSize, 1);
  } catch (error) {
    const refused = error instanceof ChatFailure && isRecord(error.detail) && error.detail.status === 400;
    if (!refused || pageSize === HISTORY_PAGE_SIZE) throw error;
    pageSize = HISTORY_PAGE_SIZE;
    first = await fetchPage(options, pageSize, 1);
  }
  const pages: Page[] = [first];
  const count = entitiesOf(first).length;
  const pageCount = typeof first.pageCount === 'number' ? first.pageCount
    : typeof first.total === 'number' ? Math.ceil(first.total / pageSize) : undefined;
  if (count > 0 && pageCount !== undefined) {
    const rest: Promise<Page>[] = [];
    for (let n = 2; n <= Math.min(pageCount, maxPages); n++) rest.push(fetchPage(options, pageSize, n));
    pages.push(...await Promise.all(rest));
  } else if (count > 0) {
    // No count from the server: page until one comes back empty (the Java SDK's way).
    for (let n = 2; n <= maxPages; n++) {
      const page = await fetchPage(options, pageSize, n);
      if (!entitiesOf(page).length) break;
      pages.push(page);
    }
  }
  const newestFirst: StructuredMessageBody[] = [];
  for (const page of pages) {
    for (const entity of entitiesOf(page)) {
      const body = validateStructuredMessage(entity);
      if (typeof body === 'string') options.onSkipped?.(body);
      else newestFirst.push(body);
    }
  }
  const receivedAt = new Date().toISOString();
  const byId = new Map<string, ChatMessage>();
  // Oldest first: reverse the newest-first concatenation, then a stable sort by time fixes any page overlap.
  for (const body of newestFirst.reverse()) {
    const message = toChatMessage(body, receivedAt);
    if (message && !byId.has(message.id)) byId.set(message.id, message);
  }
  return [...byId.values()].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

function entitiesOf(page: Page): unknown[] {
  return Array.isArray(page.entities) ? page.entities : [];
}

async function fetchPage(options: HistoryOptions, pageSize: number, pageNumber: number): Promise<Record<string, unknown>> {
  const url = `${options.apiBase}${HISTORY_PATH}?pageSize=${pageSize}&pageNumber=${pageNumber}`;
  let response: Response;
  try {
    response = await options.fetchImpl(url, { headers: { Authorization: `Bearer ${options.jwt}` } });
  } catch (error) {
    throw new ChatFailure(chatError('network', 'The conversation history could not be loaded.', { detail: String(error) }));
  }
  if (response.status === 401 || response.status === 403) {
    throw new ChatFailure(chatError(response.status === 401 ? 'unauthorized' : 'origin-not-allowed',
      `History refused (${response.status}).`, { detail: { status: response.status } }));
  }
  if (!response.ok) {
    throw new ChatFailure(chatError('server', `History failed (${response.status}).`, { detail: { status: response.status } }));
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ChatFailure(chatError('protocol', 'History answer is not JSON.'));
  }
  if (!isRecord(body)) throw new ChatFailure(chatError('protocol', 'History answer is not an object.'));
  return body;
}
