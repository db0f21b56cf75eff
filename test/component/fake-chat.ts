/**
 * A fake ChatController state for component tests: the element renders whatever this holds, and records what the
 * UI asked it to do. Used where the real controller would need a socket.
 */
import { GenesysChat } from '../../src/genesys-chat.js';
import type { ChatView } from '../../src/ui/chat-view.js';
import {
  DEFAULT_FEATURES, type ChatAvailability, type ChatError, type ChatFeatures, type ChatLimits, type ChatMessage,
  type ChatSender, type ChatStatus, type QuickReplyAnswer,
} from '../../src/model.js';
import type { Attachment } from '../../src/protocol/web-messaging.js';
import type { UploadProgress } from '../../src/transports/transport.js';

export class FakeChat implements ChatView {
  status: ChatStatus = 'online';
  messages: ChatMessage[] = [];
  typing: ChatSender | null = null;
  features: ChatFeatures = { ...DEFAULT_FEATURES };
  limits: ChatLimits = { maxMessageLength: 4000, allowedFileTypes: [], maxFileSizeKB: 10_240, blockedExtensions: [] };
  readOnly = false;
  availability: ChatAvailability | null = null;
  lastError: ChatError | null = null;
  rateLimitedUntil: number | null = null;
  historyLoading = false;

  readonly sent: { text: string; attachments?: Attachment[] }[] = [];
  readonly answers: { messageId: string; answer: QuickReplyAnswer }[] = [];
  readonly retried: string[] = [];
  readonly removed: string[] = [];
  calls: string[] = [];
  /** What `uploadAttachment` does; tests replace it. */
  upload: (file: File, onProgress?: (p: UploadProgress) => void) => Promise<Attachment> =
    async (file) => ({ id: `att-${file.name}`, filename: file.name, mime: file.type, url: 'https://files.example/x' });

  constructor(private readonly host: HTMLElement & { requestUpdate(): void }) {}

  /** Replaces part of the state and re-renders, as the real controller does. */
  set(state: Partial<Pick<FakeChat, 'status' | 'messages' | 'typing' | 'features' | 'limits' | 'readOnly'
    | 'availability' | 'lastError' | 'rateLimitedUntil' | 'historyLoading'>>): void {
    Object.assign(this, state);
    this.host.requestUpdate();
  }

  connect(): void { this.calls.push('connect'); }
  wake(): void { this.calls.push('wake'); }
  disconnect(): void { this.calls.push('disconnect'); }
  reconfigure(): void { this.calls.push('reconfigure'); }

  send(text: string, attachments?: Attachment[]): ChatMessage {
    if (text.length > this.limits.maxMessageLength) {
      throw { code: 'message-too-long', message: 'too long', fatal: false } satisfies ChatError;
    }
    this.sent.push({ text, attachments });
    const message = guest(text, { id: `sent-${this.sent.length}`, state: 'pending' });
    this.set({ messages: [...this.messages, message] });
    return message;
  }

  answerQuickReply(message: ChatMessage, answer: QuickReplyAnswer): void {
    this.answers.push({ messageId: message.id, answer });
  }

  retry(messageId: string): void { this.retried.push(messageId); }
  notifyTyping(): void { this.calls.push('notifyTyping'); }
  uploadAttachment(file: File, onProgress?: (p: UploadProgress) => void): Promise<Attachment> {
    return this.upload(file, onProgress);
  }
  removeAttachment(id: string): void { this.removed.push(id); }
  async endConversation(): Promise<void> { this.calls.push('endConversation'); }
  async startNewConversation(): Promise<void> { this.calls.push('startNewConversation'); }
  async clearConversation(): Promise<void> { this.calls.push('clearConversation'); }
}

/** `<test-genesys-chat>`: the real element with a FakeChat instead of the real controller. */
export class TestChat extends GenesysChat {
  protected override createController(): ChatView {
    return new FakeChat(this);
  }

  get fake(): FakeChat {
    return this.controller as FakeChat;
  }

  get root(): ShadowRoot {
    if (!this.shadowRoot) throw new Error('no shadow root');
    return this.shadowRoot;
  }

  byPart<E extends Element = HTMLElement>(name: string): E | null {
    return this.root.querySelector<E>(`[part~="${name}"]`);
  }

  allByPart<E extends Element = HTMLElement>(name: string): E[] {
    return Array.from(this.root.querySelectorAll<E>(`[part~="${name}"]`));
  }
}
if (!customElements.get('test-genesys-chat')) customElements.define('test-genesys-chat', TestChat);

let counter = 0;
const BASE = Date.now() + 60_000; // after the element was created: counts as unread while closed

function make(role: ChatMessage['role'], text: string, extra: Partial<ChatMessage>): ChatMessage {
  counter += 1;
  return {
    id: `m${counter}`,
    direction: role === 'guest' ? 'inbound' : 'outbound',
    role,
    text,
    content: [],
    time: new Date(BASE + counter * 1000).toISOString(),
    state: 'sent',
    ...extra,
  };
}

export const guest = (text: string, extra: Partial<ChatMessage> = {}): ChatMessage => make('guest', text, extra);
export const agent = (text: string, extra: Partial<ChatMessage> = {}): ChatMessage =>
  make('agent', text, { sender: { name: 'Anna Agent' }, ...extra });
export const bot = (text: string, extra: Partial<ChatMessage> = {}): ChatMessage =>
  make('bot', text, { sender: { name: 'Helper Bot' }, ...extra });
export const system = (text: string, extra: Partial<ChatMessage> = {}): ChatMessage => make('system', text, extra);
