/**
 * REST history of a Web Messaging session: `GET {apiBase}/api/v2/webmessaging/messages?pageSize&pageNumber` with the
 * guest JWT from `getJwt`. Pages come newest-first; we page until the server has nothing more and return the whole
 * history oldest first, de-duplicated by id (pages shift while new messages arrive).
 */
import type { ChatMessage } from '../model.js';
import { HISTORY_PAGE_SIZE, HISTORY_PATH, isRecord, type StructuredMessageBody } from '../protocol/web-messaging.js';
import { toChatMessage, validateStructuredMessage } from '../protocol/web-messaging-parse.js';
import { ChatFailure, chatError } from './errors.js';

/** Stops a runaway server from paging forever (200 pages × 25 = 5,000 messages). */
export const MAX_HISTORY_PAGES = 200;

export interface HistoryOptions {
  fetchImpl: typeof fetch;
  apiBase: string;
  jwt: string;
  pageSize?: number;
  maxPages?: number;
  /** Malformed entities are reported here and skipped. */
  onSkipped?: (reason: string) => void;
}

/** Fetches every page and returns the messages oldest first. Rejects with a ChatFailure. */
export async function fetchWebMessagingHistory(options: HistoryOptions): Promise<ChatMessage[]> {
  const pageSize = options.pageSize ?? HISTORY_PAGE_SIZE;
  const maxPages = options.maxPages ?? MAX_HISTORY_PAGES;
  const newestFirst: StructuredMessageBody[] = [];
  let seen = 0;
  for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
    const page = await fetchPage(options, pageSize, pageNumber);
    const entities = Array.isArray(page.entities) ? page.entities : [];
    seen += entities.length;
    for (const entity of entities) {
      const body = validateStructuredMessage(entity);
      if (typeof body === 'string') options.onSkipped?.(body);
      else newestFirst.push(body);
    }
    const pageCount = typeof page.pageCount === 'number' ? page.pageCount : undefined;
    const total = typeof page.total === 'number' ? page.total : undefined;
    if (entities.length === 0 || (pageCount !== undefined && pageNumber >= pageCount) || (total !== undefined && seen >= total)) break;
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
