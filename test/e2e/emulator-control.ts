/**
 * A typed client for the emulator's control API (`/emulator/*`, not a Genesys surface): what the tests do in the
 * role of the agent at the desk and of the network between the guest and Genesys.
 */
import type { FaultsBody } from '../../emulator/faults.js';
import type { MessageContent, StructuredMessageBody } from '../../src/protocol/web-messaging.js';

/** A conversation as `GET /emulator/conversations` lists it. */
export interface ControlConversation {
  id: string;
  channel: 'webmessaging' | 'open';
  deploymentId?: string;
  sessionToken?: string;
  customAttributes: Record<string, string>;
  state: 'bot' | 'waiting' | 'active' | 'ended';
  queueId?: string;
  agentId?: string;
  messages: StructuredMessageBody[];
  createdAt?: string;
}

export interface UploadedAttachment { id: string; url: string; mime: string; filename: string; mediaType: string }

export class EmulatorControl {
  constructor(readonly url: string) {}

  private async call<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const init: RequestInit = { method, headers: {} };
    if (body !== undefined) {
      init.headers = { 'content-type': contentType };
      init.body = contentType === 'application/json' ? JSON.stringify(body) : (body as BodyInit);
    }
    const response = await fetch(`${this.url}${path}`, init);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Every conversation the emulator holds, both channels. */
  async conversations(): Promise<ControlConversation[]> {
    const body = await this.call<ControlConversation[] | { conversations: ControlConversation[] }>('GET', '/emulator/conversations');
    return Array.isArray(body) ? body : body.conversations;
  }

  async conversation(id: string): Promise<ControlConversation> {
    return this.call<ControlConversation>('GET', `/emulator/conversations/${encodeURIComponent(id)}`);
  }

  /** The agent (or the test as the agent) sends text or rich content to the guest. */
  async agentSend(id: string, message: { text?: string; content?: MessageContent[]; agentName?: string }): Promise<void> {
    await this.call('POST', `/emulator/conversations/${encodeURIComponent(id)}/agent/messages`, message);
  }

  async agentTyping(id: string): Promise<void> {
    await this.call('POST', `/emulator/conversations/${encodeURIComponent(id)}/agent/typing`, {});
  }

  /** An agent takes the conversation from the bot or the queue. */
  async take(id: string, agentId?: string): Promise<void> {
    await this.call('POST', `/emulator/conversations/${encodeURIComponent(id)}/agent/take`, agentId ? { agentId } : {});
  }

  async disconnect(id: string): Promise<void> {
    await this.call('POST', `/emulator/conversations/${encodeURIComponent(id)}/agent/disconnect`, {});
  }

  async faults(body: FaultsBody): Promise<void> {
    await this.call('POST', '/emulator/faults', body);
  }

  /** Open Messaging webhook settings (e.g. `{richContent: 'structured'}`); see docs/emulator-open-messaging.md. */
  async openMessagingSettings(body: Record<string, unknown>): Promise<void> {
    await this.call('PUT', '/emulator/open-messaging/settings', body);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/emulator/faults');
  }

  /** Uploads a file the agent can send as an Attachment content item. */
  async upload(data: Buffer, filename: string, mime: string): Promise<UploadedAttachment> {
    const query = `?filename=${encodeURIComponent(filename)}&mime=${encodeURIComponent(mime)}`;
    return this.call<UploadedAttachment>('POST', `/emulator/attachments${query}`, data, mime);
  }
}
