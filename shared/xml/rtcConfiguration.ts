/** PutBucketRTC body. The wire root is `ReplicationRule` (ossutil's `RtcConfiguration` is local only). */
import { buildXmlDocument, parseXmlDocument } from './codec';
import { asNode, requiredNode, requiredText } from './read';
import type { RtcConfiguration } from './types';
import { parseLowerToggle, trimmed } from './values';

const ROOT = 'ReplicationRule';

export function parseRtcConfiguration(xml: string): RtcConfiguration {
  const root = asNode(parseXmlDocument(xml, ROOT), ROOT);
  const rtc = requiredNode(root, 'RTC', ROOT);
  return {
    id: trimmed(requiredText(root, 'ID', ROOT)),
    status: parseLowerToggle(requiredText(rtc, 'Status', `${ROOT}.RTC`), `${ROOT}.RTC.Status`),
  };
}

/** Element order as in the OSS doc and Go v2: RTC first, then ID. */
export function buildRtcConfiguration(cfg: RtcConfiguration): string {
  return buildXmlDocument(ROOT, { RTC: { Status: cfg.status }, ID: cfg.id });
}
