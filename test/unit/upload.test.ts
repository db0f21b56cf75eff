/**
 * The HTTP half of an attachment upload (src/connection/upload.ts). The fetch path runs against a real local HTTP
 * server; the XMLHttpRequest path (the browser's, with progress events) against a scripted stand-in.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putFile } from '../../src/connection/upload.js';
import type { UploadProgress } from '../../src/transports/transport.js';

interface Received { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer }

describe('putFile with fetch (no XMLHttpRequest): a real storage server', () => {
  let server: Server;
  let base = '';
  const received: Received[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
        const status = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('status') ?? 200);
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('PUTs the bytes with exactly the given headers and reports 100% at the end', async () => {
    const progress: UploadProgress[] = [];
    const file = new Blob(['hello file'], { type: 'text/plain' });
    await putFile({ url: `${base}/bucket/a.txt?sig=1`, headers: { 'content-type': 'text/plain', 'x-amz-meta-id': 'abc' }, file, onProgress: (p) => progress.push(p), fetchImpl: fetch });
    const last = received.at(-1)!;
    expect(last.method).toBe('PUT');
    expect(last.url).toBe('/bucket/a.txt?sig=1');
    expect(last.headers['content-type']).toBe('text/plain');
    expect(last.headers['x-amz-meta-id']).toBe('abc');
    expect(last.body.toString()).toBe('hello file');
    expect(progress).toEqual([{ loaded: 10, total: 10 }]);
  });

  it('a non-2xx answer is attachment-failed with the status, and no progress is reported', async () => {
    for (const status of [300, 403, 500]) {
      const progress: UploadProgress[] = [];
      const upload = putFile({ url: `${base}/x?status=${status}`, headers: {}, file: new Blob(['x']), onProgress: (p) => progress.push(p), fetchImpl: fetch });
      await expect(upload).rejects.toMatchObject({ name: 'ChatFailure', code: 'attachment-failed', fatal: false, message: 'The file could not be uploaded.', detail: { status } });
      expect(progress).toEqual([]);
    }
  });

  it('an unreachable storage is attachment-failed, not a crash', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(putFile({ url: `http://127.0.0.1:${port}/x`, headers: {}, file: new Blob(['x']), fetchImpl: fetch }))
      .rejects.toMatchObject({ code: 'attachment-failed', detail: expect.stringContaining('fetch failed') });
  });
});

/** A scripted XMLHttpRequest: records what the upload did, and lets the test play the network. */
class ScriptedXhr {
  static last: ScriptedXhr | null = null;
  static refuse = new Set<string>(['content-length']);
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() { ScriptedXhr.last = this; }
  open(method: string, url: string): void { this.method = method; this.url = url; }
  setRequestHeader(name: string, value: string): void {
    if (ScriptedXhr.refuse.has(name.toLowerCase())) throw new Error(`Refused to set unsafe header "${name}"`);
    this.headers[name] = value;
  }
  send(body: unknown): void { this.body = body; }
}

function xhrUpload(file: Blob, headers: Record<string, string> = {}) {
  const progress: UploadProgress[] = [];
  let settled: 'pending' | 'resolved' | 'rejected' = 'pending';
  let error: unknown;
  const promise = putFile({
    url: 'https://storage.example/put', headers, file, onProgress: (p) => progress.push(p),
    XMLHttpRequestImpl: ScriptedXhr as unknown as typeof XMLHttpRequest,
    fetchImpl: () => { throw new Error('fetch must not be used when XMLHttpRequest exists'); },
  }).then(() => { settled = 'resolved'; }, (e: unknown) => { settled = 'rejected'; error = e; });
  return { xhr: ScriptedXhr.last!, progress, promise, state: () => settled, error: () => error };
}

describe('putFile with XMLHttpRequest: progress events', () => {
  it('PUTs with the headers (skipping ones the browser refuses), reports progress, then 100% on 2xx', async () => {
    const file = new Blob(['0123456789']);
    const run = xhrUpload(file, { 'content-type': 'image/png', 'content-length': '10' });
    expect(run.xhr.method).toBe('PUT');
    expect(run.xhr.url).toBe('https://storage.example/put');
    expect(run.xhr.headers).toEqual({ 'content-type': 'image/png' });
    expect(run.xhr.body).toBe(file);
    run.xhr.upload.onprogress?.({ loaded: 4, total: 10, lengthComputable: true });
    run.xhr.upload.onprogress?.({ loaded: 6, total: 0, lengthComputable: false });
    expect(run.state()).toBe('pending');
    run.xhr.status = 204;
    run.xhr.onload?.();
    await run.promise;
    expect(run.state()).toBe('resolved');
    expect(run.progress).toEqual([{ loaded: 4, total: 10 }, { loaded: 6, total: 10 }, { loaded: 10, total: 10 }]);
  });

  it('2xx bounds: 200 and 299 succeed; 199, 300, 403 fail with the status', async () => {
    for (const status of [200, 299]) {
      const run = xhrUpload(new Blob(['x']));
      run.xhr.status = status;
      run.xhr.onload?.();
      await run.promise;
      expect(run.state(), String(status)).toBe('resolved');
    }
    for (const status of [199, 300, 403]) {
      const run = xhrUpload(new Blob(['x']));
      run.xhr.status = status;
      run.xhr.onload?.();
      await run.promise;
      expect(run.state(), String(status)).toBe('rejected');
      expect(run.error()).toMatchObject({ code: 'attachment-failed', detail: { status } });
      expect(run.progress).toEqual([]);
    }
  });

  it('a network error or an abort rejects with attachment-failed and says which', async () => {
    const failed = xhrUpload(new Blob(['x']));
    failed.xhr.onerror?.();
    await failed.promise;
    expect(failed.error()).toMatchObject({ code: 'attachment-failed', detail: 'network error' });
    const aborted = xhrUpload(new Blob(['x']));
    aborted.xhr.onabort?.();
    await aborted.promise;
    expect(aborted.error()).toMatchObject({ code: 'attachment-failed', detail: 'aborted' });
  });

  it('uses the global XMLHttpRequest when none is passed', async () => {
    const global = globalThis as { XMLHttpRequest?: unknown };
    global.XMLHttpRequest = ScriptedXhr;
    try {
      const promise = putFile({ url: 'https://storage.example/g', headers: {}, file: new Blob(['ab']), fetchImpl: () => { throw new Error('not fetch'); } });
      expect(ScriptedXhr.last?.url).toBe('https://storage.example/g');
      ScriptedXhr.last!.status = 200;
      ScriptedXhr.last!.onload?.();
      await expect(promise).resolves.toBeUndefined();
    } finally {
      delete global.XMLHttpRequest;
    }
  });
});
