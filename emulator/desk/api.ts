/**
 * A small client for the emulator's control API (`/emulator/...`), used by the desk page.
 * Every failure becomes a DeskApiError whose message a person can read.
 */
import type { Attachment, MessageContent } from '@genesys-chat/protocol/web-messaging.js';
import { isRecord } from '@genesys-chat/protocol/web-messaging.js';
import { parseConversation, parseConversationList, parseWorld, type DeskConversation, type DeskWorld } from './types.js';

/** An error from the control API or the network, with a sentence fit to show to the person at the desk. */
export class DeskApiError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'DeskApiError';
  }
}

/** Pulls a readable message out of an error body (`{error}`, `{message}`, Genesys `{errorMessage}` or text). */
function describeError(status: number, body: unknown): string {
  if (isRecord(body)) {
    for (const key of ['message', 'errorMessage', 'error']) {
      const value = body[key];
      if (typeof value === 'string' && value) return `${value} (HTTP ${status})`;
      if (isRecord(value) && typeof value.message === 'string') return `${value.message} (HTTP ${status})`;
    }
  }
  if (typeof body === 'string' && body.trim()) return `${body.trim().slice(0, 200)} (HTTP ${status})`;
  return `The emulator answered HTTP ${status}.`;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function request(path: string, init?: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new DeskApiError(`Cannot reach the emulator: ${error instanceof Error ? error.message : String(error)}`);
  }
  const body = await readBody(response);
  if (!response.ok) throw new DeskApiError(describeError(response.status, body), response.status);
  return body;
}

function postJson(path: string, body: unknown): Promise<unknown> {
  return request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
}

const conversationPath = (id: string, action: string): string =>
  `/emulator/conversations/${encodeURIComponent(id)}/agent/${action}`;

/** The control API calls the desk makes. */
export const deskApi = {
  async listConversations(): Promise<DeskConversation[]> {
    return parseConversationList(await request('/emulator/conversations'));
  },

  async getConversation(id: string): Promise<DeskConversation | null> {
    return parseConversation(await request(`/emulator/conversations/${encodeURIComponent(id)}`));
  },

  async getWorld(): Promise<DeskWorld> {
    return parseWorld(await request('/emulator/world'));
  },

  async take(id: string, agentId?: string): Promise<void> {
    await postJson(conversationPath(id, 'take'), agentId ? { agentId } : {});
  },

  async typing(id: string): Promise<void> {
    await postJson(conversationPath(id, 'typing'), {});
  },

  async send(id: string, message: { text?: string; content?: MessageContent[]; agentName?: string }): Promise<void> {
    await postJson(conversationPath(id, 'messages'), message);
  },

  async disconnect(id: string): Promise<void> {
    await postJson(conversationPath(id, 'disconnect'), {});
  },

  /** Uploads a file as a raw body; the answer is an Attachment usable in a content item. */
  async uploadAttachment(file: File): Promise<Attachment> {
    const query = new URLSearchParams({ filename: file.name, mime: file.type || 'application/octet-stream' });
    const body = await request(`/emulator/attachments?${query.toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: file,
    });
    if (!isRecord(body) || typeof body.id !== 'string') {
      throw new DeskApiError('The emulator did not return an attachment id for the upload.');
    }
    return body as unknown as Attachment;
  },
};
