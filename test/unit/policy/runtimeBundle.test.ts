import { build } from 'esbuild';
import { join } from 'node:path';

describe('run-time policy module', () => {
  it('bundles without yaml or zod', async () => {
    const result = await build({
      entryPoints: [join(__dirname, '..', '..', '..', 'shared/policy/runtime.ts')],
      bundle: true,
      write: false,
      platform: 'node',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((p) => /node_modules\/(yaml|zod)\//.test(p))).toEqual([]);
    expect(inputs.some((p) => p.endsWith('shared/policy/parsePolicyDocument.ts'))).toBe(true);
  });
});
