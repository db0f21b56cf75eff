/**
 * What the stores keep of a guest's upload, and the in-memory keeping (MemoryStore): a map with expiry and a byte
 * budget, so guests' files cannot take the process's memory. Over the budget an upload is refused (the route answers
 * 503) rather than an older one dropped: a file already sent in a message must stay fetchable for its whole lifetime.
 */

/** A guest's uploaded file (server/upload-routes.ts), served at `url` until it expires. */
export interface UploadRecord {
  guestId: string;
  sessionId: string;
  mime: string;
  filename: string;
  size: number;
  url: string;
  /** Epoch ms. */
  createdAt: number;
  bytes: Buffer;
}

/** No room for another upload right now (the memory store's budget, Redis' maxmemory): try again later. */
export class UploadStoreFullError extends Error {
  override name = 'UploadStoreFullError';
}

/** Uploads in one process's memory. */
export class MemoryUploads {
  private readonly files = new Map<string, { record: UploadRecord; expiresAt: number }>();
  private used = 0;

  constructor(private readonly budgetBytes: number) {}

  put(id: string, record: UploadRecord, ttlMs: number, now: number): void {
    this.delete(id);
    if (this.used + record.bytes.length > this.budgetBytes) this.sweep(now);
    if (this.used + record.bytes.length > this.budgetBytes) {
      throw new UploadStoreFullError('The server holds as many files as it can; try again later.');
    }
    this.files.set(id, { record: { ...record }, expiresAt: now + ttlMs });
    this.used += record.bytes.length;
  }

  get(id: string, now: number): UploadRecord | undefined {
    const file = this.files.get(id);
    if (!file) return undefined;
    if (now >= file.expiresAt) {
      this.delete(id);
      return undefined;
    }
    return { ...file.record };
  }

  delete(id: string): void {
    const file = this.files.get(id);
    if (!file) return;
    this.files.delete(id);
    this.used -= file.record.bytes.length;
  }

  /** Forgets expired files. */
  sweep(now: number): void {
    for (const [id, file] of this.files) if (now >= file.expiresAt) this.delete(id);
  }
}
