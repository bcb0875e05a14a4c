import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicFile';
import type { BlobStore } from './blobStore';

/** Blobs as one file each under `<dir>`, written atomically; ids are hex so they are safe file names. */
export class FileBlobStore implements BlobStore {
  constructor(
    private readonly dir: string,
    private readonly newId: () => string,
  ) {}

  put(data: Buffer): string {
    const id = this.newId();
    writeFileAtomic(join(this.dir, id), data);
    return id;
  }
  get(id: string): Buffer | undefined {
    const path = join(this.dir, id);
    return existsSync(path) ? readFileSync(path) : undefined;
  }
  delete(id: string): void {
    rmSync(join(this.dir, id), { force: true });
  }
  reset(): void {
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) rmSync(join(this.dir, name), { force: true });
  }
}
