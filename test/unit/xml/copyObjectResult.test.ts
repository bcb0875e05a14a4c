import { buildCopyObjectResult, parseCopyObjectResult } from '../../../shared/xml/copyObjectResult';
import { fixture, roundTrip } from './fixtures';

describe('CopyObjectResult', () => {
  it('reads the quoted ETag and the LastModified of the SDK fixture and round-trips them', () => {
    const { model, again } = roundTrip(fixture('copy-object/go-v2.xml'), parseCopyObjectResult, buildCopyObjectResult);
    expect(model).toEqual({ eTag: '"F2064A169EE92E9775EE5324D0B1****"', lastModified: '2023-02-24T09:41:56.000Z' });
    expect(again).toEqual(model);
  });

  it('refuses an answer without an ETag', () => {
    expect(() =>
      parseCopyObjectResult('<CopyObjectResult><LastModified>2023-02-24T09:41:56.000Z</LastModified></CopyObjectResult>'),
    ).toThrow(/ETag/);
  });
});
