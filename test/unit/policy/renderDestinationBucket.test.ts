import { InvalidDestinationBucketError, renderDestinationBucket } from '../../../shared/policy/runtime';
import { compiledPolicy } from './docs';

const values = { bucket: 'photos', region: 'cn-hangzhou', account: '1234567890123456' };
const withTemplate = (bucket: string) =>
  compiledPolicy('p', { destination: { region: 'cn-beijing', bucket, create: false, existing: 'refuse', enableVersioning: false } });

describe('renderDestinationBucket', () => {
  it('substitutes {bucket}', () => {
    expect(renderDestinationBucket(withTemplate('{bucket}-dr'), values)).toBe('photos-dr');
  });

  it('substitutes {region} with the region given and {account}', () => {
    expect(renderDestinationBucket(withTemplate('dr-{region}-{account}'), values)).toBe('dr-cn-hangzhou-1234567890123456');
  });

  it('keeps a template without placeholders as a fixed name', () => {
    expect(renderDestinationBucket(withTemplate('central-backup'), values)).toBe('central-backup');
  });

  it('rejects a rendered name longer than 63 characters', () => {
    const long = { ...values, bucket: 'b'.repeat(61) };
    expect(() => renderDestinationBucket(withTemplate('{bucket}-dr'), long)).toThrow(InvalidDestinationBucketError);
  });

  it('rejects a rendered name with characters OSS does not allow', () => {
    expect(() => renderDestinationBucket(withTemplate('{bucket}_DR'), values)).toThrow(
      expect.objectContaining({ code: 'InvalidDestinationBucket', policy: 'p' }),
    );
  });

  it('rejects an unknown placeholder', () => {
    expect(() => renderDestinationBucket(withTemplate('{bucket}-{env}'), values)).toThrow(/unknown placeholder \{env\}/);
  });

  it('rejects an unmatched brace', () => {
    expect(() => renderDestinationBucket(withTemplate('{bucket-dr'), values)).toThrow(/unmatched/);
  });
});
