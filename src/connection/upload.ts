/**
 * The HTTP half of an attachment upload: the file's bytes as a request body, PUT to a presigned URL (Web Messaging,
 * with exactly the headers the server returned) or POSTed to the gateway. XMLHttpRequest where there is one (upload
 * progress events); fetch otherwise (progress only at the end).
 */
import type { UploadProgress } from '../transports/transport.js';
import { ChatFailure, chatError } from './errors.js';

export interface PutOptions {
  url: string;
  headers: Record<string, string>;
  file: Blob;
  onProgress?: (progress: UploadProgress) => void;
  XMLHttpRequestImpl?: typeof XMLHttpRequest;
  fetchImpl: typeof fetch;
}

/** What the server answered: its status and body text (read by the caller, which knows the server's errors). */
export interface UploadAnswer { status: number; body: string }

function uploadFailed(detail: unknown): ChatFailure {
  return new ChatFailure(chatError('attachment-failed', 'The file could not be uploaded.', { detail }));
}

/** Uploads the bytes; resolves when the storage answered 2xx. */
export async function putFile(options: PutOptions): Promise<void> {
  const answer = await sendFile('PUT', options);
  if (answer.status < 200 || answer.status >= 300) throw uploadFailed({ status: answer.status });
}

/**
 * Sends the bytes with `method` and resolves with the answer, whatever its status; rejects (`attachment-failed`) only
 * when no answer came (network failure, abort).
 */
export function sendFile(method: 'PUT' | 'POST', options: PutOptions): Promise<UploadAnswer> {
  const Xhr = options.XMLHttpRequestImpl
    ?? (globalThis as { XMLHttpRequest?: typeof XMLHttpRequest }).XMLHttpRequest;
  return Xhr ? sendWithXhr(Xhr, method, options) : sendWithFetch(method, options);
}

function sendWithXhr(Xhr: typeof XMLHttpRequest, method: string, options: PutOptions): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new Xhr();
    xhr.open(method, options.url);
    for (const [name, value] of Object.entries(options.headers)) {
      try {
        xhr.setRequestHeader(name, value);
      } catch {
        // browsers refuse a few headers (Content-Length); they set those themselves
      }
    }
    xhr.upload.onprogress = (event) => {
      options.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : options.file.size });
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) options.onProgress?.({ loaded: options.file.size, total: options.file.size });
      resolve({ status: xhr.status, body: typeof xhr.responseText === 'string' ? xhr.responseText : '' });
    };
    xhr.onerror = () => reject(uploadFailed('network error'));
    xhr.onabort = () => reject(uploadFailed('aborted'));
    xhr.send(options.file);
  });
}

async function sendWithFetch(method: string, options: PutOptions): Promise<UploadAnswer> {
  let response: Response;
  let body: string;
  try {
    response = await options.fetchImpl(options.url, { method, headers: options.headers, body: options.file });
    body = await response.text();
  } catch (error) {
    throw uploadFailed(String(error));
  }
  if (response.ok) options.onProgress?.({ loaded: options.file.size, total: options.file.size });
  return { status: response.status, body };
}
