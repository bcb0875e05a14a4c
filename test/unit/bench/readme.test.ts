import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { README_BEGIN, README_END, readmeSection, rewriteBetweenMarkers } from '../../../bench/support/readme';
import { parseResults, type BenchResults } from '../../../bench/support/results';
import { row } from '../../../bench/support/table';
import { atMost } from '../../../bench/support/targets';

const doc = (inside: string): string => `# Title\n\n## Measured\n\n${README_BEGIN}\n${inside}\n${README_END}\n\n## Layout\n`;

describe('rewriteBetweenMarkers', () => {
  it('replaces what lies between the markers and keeps the markers and everything around them', () => {
    expect(rewriteBetweenMarkers(doc('old table'), 'new table')).toBe(doc('new table'));
  });

  it('refuses a README without the markers', () => {
    expect(() => rewriteBetweenMarkers('# Title\n', 'x')).toThrow('lacks the markers');
  });

  it('refuses markers in the wrong order', () => {
    expect(() => rewriteBetweenMarkers(`${README_END}\n${README_BEGIN}\n`, 'x')).toThrow('before the begin marker');
  });

  it('refuses markers that appear twice', () => {
    expect(() => rewriteBetweenMarkers(doc('a') + doc('b'), 'x')).toThrow('more than once');
  });

  it('finds the markers once in the repository README', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    expect(rewriteBetweenMarkers(readme, 'probe')).toContain(`${README_BEGIN}\nprobe\n${README_END}`);
  });
});

const results: BenchResults = {
  schema: 1,
  command: 'npm run bench -- --large',
  measuredAt: '2026-12-02T10:00:00.000Z',
  machine: { node: 'v20.20.2', cpus: 2, loadAverage: [1.25, 2, 3] },
  options: { buckets: 1000, large: 10000, latencyMs: 5, repeats: 15 },
  rows: [row({ id: 'a', what: 'requests per thing', value: 3, shown: '3.00', target: atMost(2) })],
  details: {},
};

describe('readmeSection', () => {
  it('says which command measured the figures, when and on what, then gives the table', () => {
    const section = readmeSection(results);
    expect(section).toMatch(/^`npm run bench -- --large` on 2026-12-02: node v20\.20\.2, 2 cores \(load average 1\.3, 2\.0, 3\.0/);
    expect(section).toContain('| requests per thing | 3.00 | ≤ 2 | **no** |');
  });
});

describe('parseResults', () => {
  it('reads a results file of this bench', () => {
    expect(parseResults(JSON.stringify(results)).rows).toHaveLength(1);
  });

  it('refuses a file of another shape, so the README is never rewritten from it', () => {
    expect(() => parseResults('{"rows": []}')).toThrow('not a results file');
  });
});
