import { build } from 'esbuild';
import { join } from 'node:path';

async function runtimeInputs(): Promise<string[]> {
  const result = await build({
    entryPoints: [join(__dirname, '..', '..', '..', 'shared/policy/runtime.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('run-time policy module', () => {
  it('bundles without yaml or zod', async () => {
    const inputs = await runtimeInputs();
    expect(inputs.filter((p) => /node_modules\/(yaml|zod)\//.test(p))).toEqual([]);
    expect(inputs.some((p) => p.endsWith('shared/policy/parsePolicyDocument.ts'))).toBe(true);
  });

  it('bundles without the OSS client or the XML parser (it takes names and regions from their files)', async () => {
    const inputs = await runtimeInputs();
    expect(inputs.filter((p) => p.includes('node_modules/') || /shared\/oss\/(client|index)\.ts$/.test(p))).toEqual([]);
  });
});
