/**
 * The HTTP half of an attachment upload: PUT the file to the presigned URL with exactly the headers the server
 * returned. XMLHttpRequest where there is one (upload progress events); fetch otherwise (progress only at the end).
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

function uploadFailed(detail: unknown): ChatFailure {
  return new ChatFailure(chatError('attachment-failed', 'The file could not be uploaded.', { detail }));
}

/** Uploads the bytes; resolves when the storage answered 2xx. */
export function putFile(options: PutOptions): Promise<void> {
  const Xhr = options.XMLHttpRequestImpl
    ?? (globalThis as { XMLHttpRequest?: typeof XMLHttpRequest }).XMLHttpRequest;
  if (Xhr) return putWithXhr(Xhr, options);
  return putWithFetch(options);
}

function putWithXhr(Xhr: typeof XMLHttpRequest, options: PutOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new Xhr();
    xhr.open('PUT', options.url);
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
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.({ loaded: options.file.size, total: options.file.size });
        resolve();
      } else reject(uploadFailed({ status: xhr.status }));
    };
    xhr.onerror = () => reject(uploadFailed('network error'));
    xhr.onabort = () => reject(uploadFailed('aborted'));
    xhr.send(options.file);
  });
}

async function putWithFetch(options: PutOptions): Promise<void> {
  let response: Response;
  try {
    response = await options.fetchImpl(options.url, { method: 'PUT', headers: options.headers, body: options.file });
  } catch (error) {
    throw uploadFailed(String(error));
  }
  if (!response.ok) throw uploadFailed({ status: response.status });
  options.onProgress?.({ loaded: options.file.size, total: options.file.size });
}
