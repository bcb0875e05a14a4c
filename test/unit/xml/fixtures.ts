import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURE_DIR = join(__dirname, '..', '..', 'fixtures', 'xml');

/** Reads a golden XML document from test/fixtures/xml. */
export function fixture(name: string): string {
  return readFileSync(join(FIXTURE_DIR, name), 'utf8');
}

/** Parses, builds, parses again: the second model must equal the first. Returns the first model. */
export function roundTrip<T>(xml: string, parse: (xml: string) => T, build: (model: T) => string): { model: T; again: T; built: string } {
  const model = parse(xml);
  const built = build(model);
  return { model, again: parse(built), built };
}
