import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BucketRecord } from '../models/types';
import { writeFileAtomic } from './atomicFile';

/** Where bucket metadata (objects, tags, rules, replication queues) goes on every change. */
export interface MetadataPersistence {
  save(bucket: BucketRecord): void;
  remove(name: string): void;
  loadAll(): BucketRecord[];
  reset(): void;
}

export const noPersistence: MetadataPersistence = {
  save: () => undefined,
  remove: () => undefined,
  loadAll: () => [],
  reset: () => undefined,
};

/** One JSON file per bucket, `<dir>/<bucket>.json`; bucket names are safe file names by their rules. */
export class FilePersistence implements MetadataPersistence {
  constructor(private readonly dir: string) {}

  save(bucket: BucketRecord): void {
    writeFileAtomic(this.path(bucket.name), JSON.stringify(bucket));
  }
  remove(name: string): void {
    rmSync(this.path(name), { force: true });
  }
  loadAll(): BucketRecord[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as BucketRecord);
  }
  reset(): void {
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) rmSync(join(this.dir, name), { force: true });
  }

  private path(name: string): string {
    return join(this.dir, `${name}.json`);
  }
}
