import { CliFailure, PolicyFileMissing } from '../../../cli/errors';
import { hintFor } from '../../../cli/hints';
import { OssError, OssNetworkError, OssRetryExhaustedError } from '../../../shared/oss';

const options = {
  policyFile: 'config/policy.yaml',
  json: false,
  stateBucket: 'my-state',
  endpoints: { 'cn-hangzhou': 'http://127.0.0.1:9100' },
};
const ossError = (code: string, bucket?: string) =>
  new OssError({ code, status: 404, operation: 'ListObjectsV2', ...(bucket ? { bucket } : {}) }, code);

describe('what the CLI says to do after a failure', () => {
  it('points at the emulator when OSS never answered, also after the retries gave up', () => {
    const refused = new OssNetworkError('ListObjectsV2', 'ECONNREFUSED', 'connect ECONNREFUSED');
    expect(hintFor(new OssRetryExhaustedError('ListObjectsV2', 4, refused), options)).toBe(
      'OSS did not answer at http://127.0.0.1:9100: is the emulator running (npm start, or npm run emulator)? Check --emulator/--endpoints.',
    );
  });

  it('says how to create a state bucket that does not exist', () => {
    expect(hintFor(ossError('NoSuchBucket', 'my-state'), options)).toMatch(/^the state bucket my-state does not exist there: create it/);
  });

  it('says nothing of the state bucket when another bucket is missing', () => {
    expect(hintFor(ossError('NoSuchBucket', 'photos'), options)).toBeUndefined();
  });

  it('names the key variables, never their values, when OSS refuses the keys', () => {
    expect(hintFor(ossError('InvalidAccessKeyId'), options)).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
  });

  it('gives no advice it does not have', () => {
    expect(hintFor(new Error('something else'), options)).toBeUndefined();
  });

  it('names every credential variable when there are none', () => {
    const hint = hintFor(new CliFailure('no credentials in the environment', 'CLI_NO_CREDENTIALS'), options);
    for (const name of ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN'])
      expect(hint).toContain(name);
  });

  it('says which flag names the policy file when there is none', () => {
    expect([
      hintFor(new PolicyFileMissing('config/policy.yaml', '--policy'), options),
      hintFor(new PolicyFileMissing('p.yaml', '--file'), options),
    ]).toEqual([expect.stringContaining('with --policy FILE'), expect.stringContaining('with --file FILE')]);
  });
});
