/** Object bytes are kept apart from metadata, behind this interface (localstack's split). */
export interface BlobStore {
  /** Stores the bytes under a new id. */
  put(data: Buffer): string;
  get(id: string): Buffer | undefined;
  delete(id: string): void;
  /** Drops every blob. */
  reset(): void;
}

export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();
  constructor(private readonly newId: () => string) {}

  put(data: Buffer): string {
    const id = this.newId();
    this.blobs.set(id, data);
    return id;
  }
  get(id: string): Buffer | undefined {
    return this.blobs.get(id);
  }
  delete(id: string): void {
    this.blobs.delete(id);
  }
  reset(): void {
    this.blobs.clear();
  }
}
