import { renderResult } from '../../../cli/render';
import type { EnsureResult } from '../../../shared/replication';

describe('renderResult', () => {
  it("keeps a reason that carries OSS's words on its line, control characters written out", () => {
    const result: EnsureResult = {
      bucket: 'photos',
      outcome: 'failed',
      reason: { code: 'ApplyFailed', message: 'denied\x1b]0;owned\x07\nApply: 0 failed.' },
      ruleIds: [],
      dryRun: false,
      applied: [],
      retryable: false,
    };
    expect(renderResult(result)).toEqual(['photos: failed', '  reason: ApplyFailed: denied\\x1b]0;owned\\x07\\nApply: 0 failed.']);
  });
});
