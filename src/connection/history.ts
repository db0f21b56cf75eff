/**
 * REST history of a Web Messaging session: `GET {apiBase}/api/v2/webmessaging/messages?pageSize&pageNumber` with the
 * guest JWT from `getJwt`. Pages come newest-first. The newest page is fetched first, at the largest page size
 * (HISTORY_MAX_PAGE_SIZE); its `pageCount` (or `total`) says how many more there are, and those are fetched all at
 * once, then merged once: oldest first, de-duplicated by id (pages shift while new messages arrive). While those are
 * on their way, the newest page is handed to `onNewest` (the view can show the latest messages during the wait). A
 * server that refuses the large page size (400) is asked again at the documented default of 25.
 */
import type { ChatMessage } from '../model.js';
import {
  HISTORY_MAX_PAGE_SIZE, HISTORY_PAGE_SIZE, HISTORY_PATH, isRecord, type StructuredMessageBody,
} from '../protocol/web-messaging.js';
import { toChatMessage, validateStructuredMessage } from '../protocol/web-messaging-parse.js';
import { ChatFailure, chatError } from './errors.js';
import { tokenTag } from '../session-store.js';

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
  /**
   * The newest page's messages (oldest first), as soon as it arrived and the other pages were requested; only when
   * there are other pages. The promise still resolves with every message, these included.
   */
  onNewest?: (messages: ChatMessage[]) => void;
  /** How long the history was last time (see storedHistoryHint). */
  hint?: HistoryHint;
}

/** How many messages a session's history held when it was last fetched: a hint, wrong at worst by a round trip. */
export interface HistoryHint {
  total(): number | null;
  remember(total: number): void;
}

/**
 * The hint in `storage` under `key`, for the session whose token is `token` (stored with its tag, session-store.ts).
 * Storage that refuses is no hint.
 */
export function storedHistoryHint(key: string, token: string, storage: Pick<Storage, 'getItem' | 'setItem'>): HistoryHint {
  const tag = tokenTag(token);
  return {
    total() {
      try {
        const [stored, count] = (storage.getItem(key) ?? '').split(' ');
        const total = Number(count);
        return stored === tag && Number.isInteger(total) && total > 0 ? total : null;
      } catch {
        return null;
      }
    },
    remember(total) {
      try {
        storage.setItem(key, `${tag} ${total}`);
      } catch {
        // full or blocked storage: no hint next time
      }
    },
  };
}

type Page = Record<string, unknown>;

/** Fetches every page and returns the messages oldest first. Rejects with a ChatFailure. */
export async function fetchWebMessagingHistory(options: HistoryOptions): Promise<ChatMessage[]> {
  let pageSize = options.pageSize ?? HISTORY_MAX_PAGE_SIZE;
  const maxPages = options.maxPages ?? MAX_HISTORY_PAGES;
  // The history held `hinted` messages last time: ask for all its pages with the newest (one round trip less).
  const hinted = options.hint?.total() ?? 0;
  const early = new Map<number, Promise<Page>>();
  const ask = (n: number): Promise<Page> => {
    const page = fetchPage(options, pageSize, n);
    page.catch(() => {}); // an early page that is not needed after all may fail unheard
    return page;
  };
  let first: Page;
  try {
    const firstPage = fetchPage(options, pageSize, 1);
    for (let n = 2; n <= Math.min(maxPages, Math.ceil(hinted / pageSize)); n++) early.set(n, ask(n));
    first = await firstPage;
  } catch (error) {
    const refused = error instanceof ChatFailure && isRecord(error.detail) && error.detail.status === 400;
    if (!refused || pageSize === HISTORY_PAGE_SIZE) throw error;
    pageSize = HISTORY_PAGE_SIZE;
    early.clear();
    first = await fetchPage(options, pageSize, 1);
  }
  const receivedAt = new Date().toISOString();
  const read = (page: Page): ChatMessage[] => toMessages(page, receivedAt, options.onSkipped);
  const count = entitiesOf(first).length;
  const pageCount = typeof first.pageCount === 'number' ? first.pageCount
    : typeof first.total === 'number' ? Math.ceil(first.total / pageSize) : undefined;
  // The older pages are asked for before the newest is read: their round trips overlap that work.
  const requests: Promise<ChatMessage[]>[] = [];
  const last = count > 0 ? Math.min(pageCount ?? 0, maxPages) : 0;
  for (let n = 2; n <= last; n++) requests.push((early.get(n) ?? fetchPage(options, pageSize, n)).then(read));
  const newest = inOrder(read(first));
  /**
   * The other pages' messages (each page oldest first, newer pages first); each page is read as it arrives, not all
   * after the last one, and ordered once with the rest.
   */
  const rest: ChatMessage[][] = [];
  if (requests.length) {
    options.onNewest?.(newest);
    rest.push(...await Promise.all(requests));
  } else if (count > 0 && pageCount === undefined) {
    // No count from the server: page until one comes back empty (the Java SDK's way).
    for (let n = 2; n <= maxPages; n++) {
      const page = await fetchPage(options, pageSize, n);
      if (!entitiesOf(page).length) break;
      rest.push(read(page));
    }
  }
  if (typeof first.total === 'number') options.hint?.remember(first.total);
  if (!rest.length) return newest;
  // Oldest first, de-duplicated by id (an older page's copy before a newer one's, the newest page's copy over all:
  // pages shift while messages arrive), ordered by time (a stable sort fixes any page overlap).
  const byId = new Map<string, ChatMessage>();
  for (let i = rest.length - 1; i >= 0; i--) {
    for (const message of rest[i] as ChatMessage[]) if (!byId.has(message.id)) byId.set(message.id, message);
  }
  for (const message of newest) byId.set(message.id, message);
  return byTime([...byId.values()]);
}

/** The valid messages of a newest-first page, oldest first (the server's order, reversed). */
function toMessages(page: Page, receivedAt: string, onSkipped?: (reason: string) => void): ChatMessage[] {
  const newestFirst: StructuredMessageBody[] = [];
  for (const entity of entitiesOf(page)) {
    const body = validateStructuredMessage(entity);
    if (typeof body === 'string') onSkipped?.(body);
    else newestFirst.push(body);
  }
  const messages: ChatMessage[] = [];
  for (const body of newestFirst.reverse()) {
    const message = toChatMessage(body, receivedAt);
    if (message) messages.push(message);
  }
  return messages;
}

/** Each id once (its first copy), ordered by time (a stable sort fixes any page overlap). */
function inOrder(messages: ChatMessage[]): ChatMessage[] {
  const byId = new Map<string, ChatMessage>();
  for (const message of messages) if (!byId.has(message.id)) byId.set(message.id, message);
  return byTime([...byId.values()]);
}

/** Stable sort by time, each time parsed once (an unreadable time sorts first, as in the transcript). */
function byTime(messages: ChatMessage[]): ChatMessage[] {
  const times = new Map<ChatMessage, number>();
  for (const message of messages) times.set(message, Date.parse(message.time) || 0);
  return messages.sort((a, b) => (times.get(a) as number) - (times.get(b) as number));
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
