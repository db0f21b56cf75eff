/**
 * The part of the ChatController the view reads and calls (brief: "Widget" contract). The element holds its
 * controller through this type, so component tests can drive the UI with a fake state where the real controller
 * would need a socket. The real ChatController satisfies it structurally.
 */
import type {
  AuthCode, AuthEventDetail, ChatAvailability, ChatError, ChatFeatures, ChatLimits, ChatMessage, ChatSender, ChatStatus, QuickReplyAnswer,
} from '../model.js';
import type { Attachment } from '../protocol/web-messaging.js';
import type { UploadProgress } from '../transports/transport.js';

export interface ChatView {
  readonly status: ChatStatus;
  readonly messages: readonly ChatMessage[];
  readonly typing: ChatSender | null;
  readonly features: ChatFeatures;
  readonly limits: ChatLimits;
  readonly readOnly: boolean;
  readonly availability: ChatAvailability | null;
  readonly lastError: ChatError | null;
  readonly rateLimitedUntil: number | null;
  /** A resumed session's history is loading (optional: a fake may leave it out). */
  readonly historyLoading?: boolean;
  connect(): void;
  /** Connects when the visitor wants the chat, or resumes a session this browser holds quietly; else nothing. */
  wake(): void;
  disconnect(): void;
  reconfigure(): void;
  send(text: string, attachments?: Attachment[]): ChatMessage;
  answerQuickReply(message: ChatMessage, answer: QuickReplyAnswer): void;
  retry(messageId: string): void;
  notifyTyping(): void;
  uploadAttachment(file: File, onProgress?: (progress: UploadProgress) => void): Promise<Attachment>;
  removeAttachment(id: string): void;
  endConversation(): Promise<void>;
  startNewConversation(): Promise<void>;
  clearConversation(): Promise<void>;
  /** Authenticated messaging (optional: a fake may leave it out). */
  readonly auth?: AuthEventDetail;
  signIn?(code: AuthCode): Promise<void>;
  signOut?(): Promise<void>;
}

/** Narrows an unknown thrown value to a ChatError (the controller throws and rejects with these). */
export function isChatError(value: unknown): value is ChatError {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string'
    && typeof (value as { message?: unknown }).message === 'string';
}
