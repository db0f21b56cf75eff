/** A Transport the tests drive by hand: records what the controller asks and emits what the test says. */
import type { ChatError, ChatLimits, ChatMessage, QuickReplyAnswer } from '../../../src/model.js';
import type { Attachment } from '../../../src/protocol/web-messaging.js';
import type {
  OutgoingMessage, SessionInfo, Transport, TransportEvent, TransportListener, UploadProgress,
} from '../../../src/transports/transport.js';

export const LIMITS: ChatLimits = { maxMessageLength: 100, allowedFileTypes: ['image/*'], maxFileSizeKB: 1, blockedExtensions: ['exe'] };

export class FakeTransport implements Transport {
  listener: TransportListener = () => {};
  connects = 0;
  disconnects = 0;
  sent: OutgoingMessage[] = [];
  quickReplies: { id: string; answer: QuickReplyAnswer; originatingMessageId: string }[] = [];
  typings = 0;
  uploads: File[] = [];
  history: ChatMessage[] = [];
  historyCalls = 0;
  ended = 0;
  startedNew = 0;
  /** When set, sendMessage throws it (e.g. not-connected). */
  sendError: unknown = null;

  onEvent(listener: TransportListener): void { this.listener = listener; }
  connect(): Promise<void> { this.connects++; return new Promise(() => {}); }
  disconnect(): void { this.disconnects++; }
  sendMessage(message: OutgoingMessage): void {
    if (this.sendError) throw this.sendError;
    this.sent.push(message);
  }
  sendQuickReply(id: string, answer: QuickReplyAnswer, originatingMessageId: string): void {
    this.quickReplies.push({ id, answer, originatingMessageId });
  }
  sendTyping(): void { this.typings++; }
  fetchHistory(): Promise<ChatMessage[]> { this.historyCalls++; return Promise.resolve([...this.history]); }
  uploadAttachment(file: File, _onProgress?: (p: UploadProgress) => void): Promise<Attachment> {
    this.uploads.push(file);
    return Promise.resolve({ id: 'att-1', filename: file.name });
  }
  endConversation(): Promise<void> { this.ended++; return Promise.resolve(); }
  startNewConversation(): Promise<void> { this.startedNew++; return Promise.resolve(); }
  forgetSession(): void {}

  emit(event: TransportEvent): void { this.listener(event); }
  session(partial: Partial<SessionInfo> = {}): void {
    this.emit({ type: 'session', session: { resumed: false, readOnly: false, limits: LIMITS, ...partial } });
  }
  closed(reconnect = true, error?: ChatError): void {
    this.emit(error ? { type: 'closed', reconnect, error } : { type: 'closed', reconnect });
  }
}

/** A stand-in for the element: an EventTarget with the ReactiveControllerHost methods. */
export class FakeHost extends EventTarget {
  updates = 0;
  controllers: unknown[] = [];
  readonly updateComplete = Promise.resolve(true);
  addController(controller: unknown): void { this.controllers.push(controller); }
  removeController(): void {}
  requestUpdate(): void { this.updates++; }
  events(type: string): unknown[] {
    return this.seen.filter((e) => e.type === type).map((e) => e.detail);
  }
  private readonly seen: CustomEvent[] = [];
  override dispatchEvent(event: Event): boolean {
    this.seen.push(event as CustomEvent);
    return super.dispatchEvent(event);
  }
}

export function agentMessage(id: string, second: number, text = id): ChatMessage {
  return {
    id, direction: 'outbound', role: 'agent', text, content: [], state: 'sent',
    time: new Date(Date.UTC(2024, 0, 1, 12, 0, second)).toISOString(),
  };
}

export function echoOf(message: OutgoingMessage, second: number): ChatMessage {
  return {
    id: message.id, direction: 'inbound', role: 'guest', text: message.text, content: [], state: 'sent',
    time: new Date(Date.UTC(2024, 0, 1, 12, 0, second)).toISOString(),
  };
}
